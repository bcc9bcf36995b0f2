package dev.ferry.core.vfs;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Measures what a home holds, the way quota usage counts it: the sizes and the number of regular
 * files below it, without following symlinks (a link costs nothing, and what it points to is
 * counted where it lives, if inside).
 */
public final class DiskUsage {

    /** Bytes and files. */
    public record Totals(long bytes, long files) {}

    private DiskUsage() {}

    public static Totals of(Path home) throws IOException {
        long[] t = new long[2];
        Files.walkFileTree(home, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    t[0] += attrs.size();
                    t[1]++;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                // An unreadable entry cannot be served either; skip it rather than fail the login.
                return FileVisitResult.CONTINUE;
            }
        });
        return new Totals(t[0], t[1]);
    }
}
