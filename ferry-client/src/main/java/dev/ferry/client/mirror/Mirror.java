package dev.ferry.client.mirror;

import dev.ferry.client.progress.ProgressListener;
import dev.ferry.client.progress.Reporter;
import dev.ferry.client.remote.Connection;
import dev.ferry.client.remote.RemoteException;
import dev.ferry.client.remote.RemoteFileSystem;
import dev.ferry.client.remote.RemotePaths;
import dev.ferry.client.transfer.TransferOptions;
import dev.ferry.client.transfer.TransferResult;
import dev.ferry.client.transfer.Transfers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Makes a destination tree match a source tree, in either direction: directories are created,
 * files that are missing or differ in size or time are copied (others skipped), with up to
 * {@code parallel} files in flight, each on its own connection. Copied files get the source's
 * modification time, so the next run finds them unchanged. Nothing is deleted at the destination.
 */
public final class Mirror {

    /** What a run did. */
    public record Summary(int copied, int unchanged, int directoriesCreated, long bytes, List<String> skipped,
                          List<String> failures) {}

    private Mirror() {}

    /** Server {@code remoteRoot} to local {@code localRoot}. */
    public static Summary download(Connection main, Supplier<Connection> workers, String remoteRoot, Path localRoot,
                                   int parallel, TransferOptions options, Reporter reporter) throws IOException, InterruptedException {
        RemoteFileSystem fs = main.get();
        var root = fs.stat(remoteRoot);
        if (root.isEmpty() || !root.get().isDirectory()) {
            throw new RemoteException(RemoteException.Kind.NOT_FOUND, "no such directory on the server: " + remoteRoot);
        }
        Tree source = Tree.remote(fs, remoteRoot);
        Tree dest = Tree.local(localRoot);
        int created = 0;
        if (!Files.isDirectory(localRoot)) {
            Files.createDirectories(localRoot);
            created++;
        }
        List<String> dirFailures = new ArrayList<>();
        java.util.Set<String> failedDirs = new java.util.HashSet<>();
        for (String d : source.directories()) {
            Path p = localRoot.resolve(d);
            if (!Files.isDirectory(p) && !underFailed(d, failedDirs)) {
                try {
                    Files.createDirectories(p);
                    created++;
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    failedDirs.add(d);
                    dirFailures.add(d + ": cannot create the directory: " + e.getFile() + " is a file");
                }
            }
        }
        List<MirrorItem> differing = changed(source, dest);
        int unchanged = source.files().size() - differing.size();
        List<MirrorItem> todo = withoutFailedDirs(differing, failedDirs);
        int createdDirs = created;
        return run(todo, source, unchanged, createdDirs, dirFailures, main, workers, parallel, reporter, "get ", (c, item, progress) -> {
            Path target = localRoot.resolve(item.relative());
            TransferResult r = Transfers.get(c, RemotePaths.child(remoteRoot, item.relative()), target, options, progress);
            if (item.modified().isPresent()) {
                Files.setLastModifiedTime(target, FileTime.from(item.modified().get()));
            }
            return r;
        });
    }

    /** Local {@code localRoot} to server {@code remoteRoot}. */
    public static Summary upload(Connection main, Supplier<Connection> workers, Path localRoot, String remoteRoot,
                                 int parallel, TransferOptions options, Reporter reporter) throws IOException, InterruptedException {
        if (!Files.isDirectory(localRoot)) {
            throw new RemoteException(RemoteException.Kind.NOT_FOUND, "no such local directory: " + localRoot);
        }
        RemoteFileSystem fs = main.get();
        Tree source = Tree.local(localRoot);
        Tree dest = Tree.remoteIfExists(fs, remoteRoot);
        int created = 0;
        if (fs.stat(remoteRoot).isEmpty()) {
            mkdirs(fs, remoteRoot);
            created++;
        }
        List<String> dirFailures = new ArrayList<>();
        java.util.Set<String> failedDirs = new java.util.HashSet<>();
        for (String d : source.directories()) {
            if (!dest.directories().contains(d) && !underFailed(d, failedDirs)) {
                try {
                    fs.mkdir(RemotePaths.child(remoteRoot, d));
                    created++;
                } catch (RemoteException e) {
                    if (e.kind() == RemoteException.Kind.CONNECTION) {
                        throw e;
                    }
                    failedDirs.add(d);
                    dirFailures.add(d + ": " + e.getMessage());
                }
            }
        }
        List<MirrorItem> differing = changed(source, dest);
        int unchanged = source.files().size() - differing.size();
        List<MirrorItem> todo = withoutFailedDirs(differing, failedDirs);
        return run(todo, source, unchanged, created, dirFailures, main, workers, parallel, reporter, "put ", (c, item, progress) -> {
            String target = RemotePaths.child(remoteRoot, item.relative());
            TransferResult r = Transfers.put(c, localRoot.resolve(item.relative()), target, options, progress);
            if (item.modified().isPresent()) {
                c.get().setModified(target, item.modified().get());
            }
            return r;
        });
    }

    /**
     * A directory that could not be made (a file of that name is in the way) is one failure, as
     * lftp reports a clash and goes on: what is under it is left out, the rest is still copied.
     */
    private static boolean underFailed(String path, java.util.Set<String> failedDirs) {
        return failedDirs.stream().anyMatch(d -> path.startsWith(d + "/"));
    }

    private static List<MirrorItem> withoutFailedDirs(List<MirrorItem> todo, java.util.Set<String> failedDirs) {
        if (failedDirs.isEmpty()) {
            return todo;
        }
        return todo.stream().filter(i -> !underFailed(i.relative(), failedDirs)).toList();
    }

    private static void mkdirs(RemoteFileSystem fs, String path) throws IOException {
        if (path.equals("/") || fs.stat(path).isPresent()) {
            return;
        }
        mkdirs(fs, RemotePaths.parent(path));
        fs.mkdir(path);
    }

    private static List<MirrorItem> changed(Tree source, Tree dest) {
        List<MirrorItem> out = new ArrayList<>();
        for (MirrorItem item : source.files().values()) {
            if (item.differsFrom(Optional.ofNullable(dest.files().get(item.relative())))) {
                out.add(item);
            }
        }
        return out;
    }

    @FunctionalInterface
    private interface Copy {
        TransferResult copy(Connection connection, MirrorItem item, ProgressListener progress) throws IOException, InterruptedException;
    }

    private static Summary run(List<MirrorItem> todo, Tree source, int unchanged, int createdDirs, List<String> dirFailures, Connection main,
                               Supplier<Connection> workers, int parallel, Reporter reporter, String verb, Copy copy)
            throws InterruptedException {
        long totalBytes = todo.stream().mapToLong(i -> Math.max(0, i.size())).sum();
        for (String s : source.skipped()) {
            reporter.message("skipped " + s + ": not a regular file or directory");
        }
        reporter.overall(todo.size(), totalBytes);
        ConcurrentLinkedQueue<MirrorItem> queue = new ConcurrentLinkedQueue<>(todo);
        List<String> failures = Collections.synchronizedList(new ArrayList<>(dirFailures));
        for (String f : dirFailures) {
            reporter.message("failed " + f + " (nothing under it was copied)");
        }
        AtomicLong bytes = new AtomicLong();
        int[] copied = {0};
        List<Thread> threads = new ArrayList<>();
        int n = Math.max(1, Math.min(parallel, Math.max(1, todo.size())));
        for (int w = 0; w < n; w++) {
            Connection c = w == 0 ? main : workers.get();
            threads.add(Thread.ofVirtual().name("ferry-mirror-" + w).start(() -> {
                MirrorItem item;
                while ((item = queue.poll()) != null) {
                    ProgressListener progress = reporter.transfer(verb + item.relative());
                    try {
                        TransferResult r = copy.copy(c, item, progress);
                        progress.finished(r.verification().describe());
                        bytes.addAndGet(r.size());
                        synchronized (copied) {
                            copied[0]++;
                        }
                    } catch (IOException e) {
                        progress.failed(e.getMessage());
                        failures.add(item.relative() + ": " + e.getMessage());
                        reporter.message("failed " + item.relative() + ": " + e.getMessage());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } finally {
                        reporter.fileDone(Math.max(0, item.size()));
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        return new Summary(copied[0], unchanged, createdDirs, bytes.get(), source.skipped(), List.copyOf(failures));
    }
}
