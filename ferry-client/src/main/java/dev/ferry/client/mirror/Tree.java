package dev.ferry.client.mirror;

import dev.ferry.client.remote.RemoteEntry;
import dev.ferry.client.remote.RemoteException;
import dev.ferry.client.remote.RemoteFileSystem;
import dev.ferry.client.remote.RemotePaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A walked directory tree: its subdirectories and files, by relative path, in sorted order. */
record Tree(List<String> directories, Map<String, MirrorItem> files, List<String> skipped) {

    static Tree empty() {
        return new Tree(List.of(), Map.of(), List.of());
    }

    /** Walks a server directory breadth first. Symlinks and special files are skipped, and named. */
    static Tree remote(RemoteFileSystem fs, String root) throws IOException {
        List<String> dirs = new ArrayList<>();
        Map<String, MirrorItem> files = new TreeMap<>();
        List<String> skipped = new ArrayList<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add("");
        while (!todo.isEmpty()) {
            String rel = todo.poll();
            String dir = rel.isEmpty() ? root : RemotePaths.child(root, rel);
            for (RemoteEntry e : fs.list(dir)) {
                String r = rel.isEmpty() ? e.name() : rel + "/" + e.name();
                switch (e.type()) {
                    case DIRECTORY -> {
                        dirs.add(r);
                        todo.add(r);
                    }
                    case FILE -> files.put(r, new MirrorItem(r, e.size(), e.modified()));
                    default -> skipped.add(r);
                }
            }
        }
        dirs.sort(null);
        return new Tree(dirs, files, skipped);
    }

    /** The server tree if {@code root} exists there as a directory, else empty. */
    static Tree remoteIfExists(RemoteFileSystem fs, String root) throws IOException {
        Optional<RemoteEntry> e = fs.stat(root);
        if (e.isEmpty()) {
            return empty();
        }
        if (!e.get().isDirectory()) {
            throw new RemoteException(RemoteException.Kind.REFUSED, root + " exists on the server and is not a directory");
        }
        return remote(fs, root);
    }

    static Tree local(Path root) throws IOException {
        if (!Files.exists(root)) {
            return empty();
        }
        List<String> dirs = new ArrayList<>();
        Map<String, MirrorItem> files = new TreeMap<>();
        List<String> skipped = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (p.equals(root)) {
                    continue;
                }
                String r = root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
                if (Files.isDirectory(p)) {
                    dirs.add(r);
                } else if (Files.isRegularFile(p)) {
                    files.put(r, new MirrorItem(r, Files.size(p), Optional.of(Files.getLastModifiedTime(p).toInstant())));
                } else {
                    skipped.add(r);
                }
            }
        }
        dirs.sort(null);
        return new Tree(dirs, files, skipped);
    }
}
