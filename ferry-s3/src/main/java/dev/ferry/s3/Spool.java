package dev.ferry.s3;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * This process's directory for uploads in progress, under {@code <data>/spool}: a fresh one,
 * held by a lock on its {@code lock} file for as long as the process runs. Nodes may share a data
 * directory (the same host keys and certificate behind one address, containers that all run as
 * pid 1), so none may touch another's uploads: at start, only the directories whose lock can be
 * taken (their process is gone) are removed; what they held was never stored.
 */
final class Spool implements AutoCloseable {

    private final Path dir;
    private final FileChannel lockFile;
    private final FileLock lock;

    private Spool(Path dir, FileChannel lockFile, FileLock lock) {
        this.dir = dir;
        this.lockFile = lockFile;
        this.lock = lock;
    }

    Path dir() {
        return dir;
    }

    static Spool claim(Path spool) throws IOException {
        Files.createDirectories(spool);
        clearAbandoned(spool);
        // Made under a name the clearing skips, locked, and only then given its real name: a
        // neighbour starting at the same moment never sees it unlocked.
        String id = UUID.randomUUID().toString();
        Path making = Files.createDirectories(spool.resolve(".new-" + id));
        FileChannel ch = FileChannel.open(making.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = ch.tryLock();
        if (lock == null) {
            ch.close();
            throw new IOException("cannot lock the new spool directory " + making);
        }
        Path dir = Files.move(making, spool.resolve(id));
        return new Spool(dir, ch, lock);
    }

    private static void clearAbandoned(Path spool) throws IOException {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(spool,
                p -> Files.isDirectory(p) && !p.getFileName().toString().startsWith(".new-"))) {
            for (Path d : dirs) {
                Path lockPath = d.resolve("lock");
                if (!Files.exists(lockPath)) {
                    continue; // not one of ours, or being made: left alone
                }
                try (FileChannel ch = FileChannel.open(lockPath, StandardOpenOption.WRITE)) {
                    FileLock l = ch.tryLock();
                    if (l == null) {
                        continue; // a running process holds it
                    }
                    try {
                        removeTree(d);
                    } finally {
                        l.release();
                    }
                } catch (java.nio.channels.OverlappingFileLockException e) {
                    // held by this very process: not abandoned
                }
            }
        }
    }

    private static void removeTree(Path d) throws IOException {
        try (Stream<Path> walk = Files.walk(d)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            lockFile.close();
            removeTree(dir);
        } catch (IOException ignored) {
            // the next start clears it
        }
    }
}
