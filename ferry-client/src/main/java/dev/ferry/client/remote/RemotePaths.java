package dev.ferry.client.remote;

import java.util.ArrayDeque;
import java.util.Deque;

/** Server paths as strings: always absolute, '/'-separated, "." and ".." folded. */
public final class RemotePaths {

    private RemotePaths() {}

    /** {@code input} relative to {@code cwd} (or absolute), normalised. */
    public static String resolve(String cwd, String input) {
        String joined = input.startsWith("/") ? input : (cwd.endsWith("/") ? cwd : cwd + "/") + input;
        Deque<String> parts = new ArrayDeque<>();
        for (String p : joined.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(p);
            }
        }
        return "/" + String.join("/", parts);
    }

    public static String name(String path) {
        String p = strip(path);
        int i = p.lastIndexOf('/');
        return i < 0 ? p : p.substring(i + 1);
    }

    public static String parent(String path) {
        String p = strip(path);
        int i = p.lastIndexOf('/');
        return i <= 0 ? "/" : p.substring(0, i);
    }

    public static String child(String dir, String name) {
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    private static String strip(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
