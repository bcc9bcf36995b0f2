package dev.ferry.client.remote;

import dev.ferry.client.progress.Formats;
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

    /**
     * {@code name} as a directory listing of {@code directory} gave it, if it is one plain file name.
     * A name with a '/' (or a NUL) is refused: mget and mirror write each listed name under a local
     * directory, and a hostile server's "../.bashrc" or "/etc/..." would land outside it (as
     * CVE-2019-6111 did for scp). No honest server sends one: POSIX names cannot hold either.
     */
    public static String listedName(String directory, String name) throws RemoteException {
        if (name.isEmpty() || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
            throw new RemoteException(RemoteException.Kind.REFUSED, "the server listed a name that is not a plain file name in "
                    + Formats.printable(directory) + ": \"" + Formats.printable(name) + "\" (refused: it could name a place outside the local directory)");
        }
        return name;
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
