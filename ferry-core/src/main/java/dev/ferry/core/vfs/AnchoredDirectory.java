package dev.ferry.core.vfs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;

/**
 * A directory inside the home, opened as a handle by walking down from the home one component at
 * a time without following symlinks (openat(2) with O_NOFOLLOW, through
 * {@link SecureDirectoryStream}). Operations on names in it (open, delete, rename, set times) then
 * act on that very directory, even if somebody renames a parent or plants a symlink meanwhile: a
 * path that was checked cannot be redirected between the check and the use.
 *
 * <p>The caller passes a real path (symlinks already resolved and checked to be under the home),
 * so a walk that meets a symlink means the tree changed under us; it fails like a missing file.
 */
final class AnchoredDirectory implements AutoCloseable {

    private final SecureDirectoryStream<Path> handle;

    private AnchoredDirectory(SecureDirectoryStream<Path> handle) {
        this.handle = handle;
    }

    /**
     * Opens {@code realDir}, which must be {@code root} or below it, by a symlink-free walk from
     * {@code root}.
     *
     * @throws NoSuchFileException when a component is missing, is not a directory, or is a symlink
     * @throws UnsupportedOperationException when the platform has no openat (not Linux or BSD)
     */
    static AnchoredDirectory open(Path root, Path realDir) throws IOException {
        if (!realDir.startsWith(root)) {
            throw new NoSuchFileException(realDir.toString());
        }
        SecureDirectoryStream<Path> current = openRoot(root);
        try {
            for (Path name : root.relativize(realDir)) {
                if (name.toString().isEmpty()) {
                    continue;
                }
                SecureDirectoryStream<Path> next;
                try {
                    next = current.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    // ELOOP (a symlink appeared) or ENOTDIR: the tree changed since the check.
                    throw new NoSuchFileException(realDir.toString());
                }
                current.close();
                current = next;
            }
            return new AnchoredDirectory(current);
        } catch (IOException | RuntimeException e) {
            current.close();
            throw e;
        }
    }

    private static SecureDirectoryStream<Path> openRoot(Path root) throws IOException {
        DirectoryStream<Path> ds = Files.newDirectoryStream(root);
        if (ds instanceof SecureDirectoryStream<Path> secure) {
            return secure;
        }
        ds.close();
        throw new UnsupportedOperationException("this platform cannot open directories relative to a handle");
    }

    SecureDirectoryStream<Path> handle() {
        return handle;
    }

    @Override
    public void close() throws IOException {
        handle.close();
    }
}
