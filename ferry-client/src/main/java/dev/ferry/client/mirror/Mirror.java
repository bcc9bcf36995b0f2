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
 * modification time, so the next run finds them unchanged. With {@code delete}, what the
 * destination has and the source has not (files, then emptied directories, deepest first) is
 * removed afterwards, as rsync --delete and lftp's mirror --delete do; and, as rsync, only after a
 * run without failures, so that a transfer that broke off never costs a file. Otherwise nothing is
 * deleted at the destination.
 */
public final class Mirror {

    /** What a run did. */
    public record Summary(int copied, int unchanged, int directoriesCreated, int deleted, long bytes, List<String> skipped,
                          List<String> failures) {}

    private Mirror() {}

    /** Server {@code remoteRoot} to local {@code localRoot}. */
    public static Summary download(Connection main, Supplier<Connection> workers, String remoteRoot, Path localRoot,
                                   int parallel, boolean delete, TransferOptions options, Reporter reporter)
            throws IOException, InterruptedException {
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
        Summary s = run(todo, source, unchanged, createdDirs, dirFailures, main, workers, parallel, reporter, "get ", (c, item, progress) -> {
            Path target = localRoot.resolve(item.relative());
            TransferResult r = Transfers.get(c, RemotePaths.child(remoteRoot, item.relative()), target, options, progress);
            if (item.modified().isPresent()) {
                Files.setLastModifiedTime(target, FileTime.from(item.modified().get()));
            }
            return r;
        });
        return delete ? prune(s, source, dest, reporter, new Remover() {
            @Override
            public void file(String relative) throws IOException {
                Files.delete(localRoot.resolve(relative));
            }

            @Override
            public void directory(String relative) throws IOException {
                Files.delete(localRoot.resolve(relative));
            }
        }) : s;
    }

    /** Local {@code localRoot} to server {@code remoteRoot}. */
    public static Summary upload(Connection main, Supplier<Connection> workers, Path localRoot, String remoteRoot,
                                 int parallel, boolean delete, TransferOptions options, Reporter reporter)
            throws IOException, InterruptedException {
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
        Summary s = run(todo, source, unchanged, created, dirFailures, main, workers, parallel, reporter, "put ", (c, item, progress) -> {
            String target = RemotePaths.child(remoteRoot, item.relative());
            TransferResult r = Transfers.put(c, localRoot.resolve(item.relative()), target, options, progress);
            if (item.modified().isPresent()) {
                c.get().setModified(target, item.modified().get());
            }
            return r;
        });
        return delete ? prune(s, source, dest, reporter, new Remover() {
            @Override
            public void file(String relative) throws IOException {
                main.get().delete(RemotePaths.child(remoteRoot, relative));
            }

            @Override
            public void directory(String relative) throws IOException {
                main.get().rmdir(RemotePaths.child(remoteRoot, relative));
            }
        }) : s;
    }

    /** Removes one destination entry, by its path relative to the destination's root. */
    private interface Remover {
        void file(String relative) throws IOException;

        void directory(String relative) throws IOException;
    }

    /**
     * --delete: the destination's files and directories that the source lacks. A local link is
     * removed as the link, never its target; entries the walk skipped (special files, and links on
     * a server that shows them) are never touched, nor is a name the source still has; a directory
     * that is not empty once its files went (such an entry in it) is a failure, named. After a run
     * with failures nothing is removed.
     */
    private static Summary prune(Summary s, Tree source, Tree dest, Reporter reporter, Remover remove) throws IOException {
        if (!s.failures().isEmpty()) {
            reporter.message("not deleting anything: " + s.failures().size() + " failed (deletions wait for a run without failures)");
            return s;
        }
        java.util.Set<String> kept = new java.util.HashSet<>(source.directories());
        kept.addAll(source.files().keySet());
        kept.addAll(source.skipped());
        List<String> failures = new ArrayList<>();
        int deleted = 0;
        for (String f : dest.files().keySet()) {
            if (!kept.contains(f)) {
                deleted += removed(f, () -> remove.file(f), reporter, failures);
            }
        }
        List<String> dirs = new ArrayList<>(dest.directories());
        dirs.sort(Collections.reverseOrder()); // "a/b" before "a"
        for (String d : dirs) {
            if (!kept.contains(d)) {
                deleted += removed(d + "/", () -> remove.directory(d), reporter, failures);
            }
        }
        return new Summary(s.copied(), s.unchanged(), s.directoriesCreated(), deleted, s.bytes(), s.skipped(), List.copyOf(failures));
    }

    @FunctionalInterface
    private interface Removal {
        void run() throws IOException;
    }

    private static int removed(String shown, Removal removal, Reporter reporter, List<String> failures) throws IOException {
        try {
            removal.run();
            reporter.message("deleted " + shown);
            return 1;
        } catch (RemoteException e) {
            if (e.kind() == RemoteException.Kind.CONNECTION) {
                throw e;
            }
            failures.add(shown + ": cannot delete: " + e.getMessage());
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            failures.add(shown + ": cannot delete: not empty (it holds something mirror does not copy, such as a link)");
        } catch (IOException e) {
            failures.add(shown + ": cannot delete: " + e.getMessage());
        }
        reporter.message("failed " + failures.getLast());
        return 0;
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
        return new Summary(copied[0], unchanged, createdDirs, 0, bytes.get(), source.skipped(), List.copyOf(failures));
    }
}
