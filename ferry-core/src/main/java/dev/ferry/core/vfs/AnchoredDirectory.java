package dev.ferry.core.vfs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

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
        return walk(root, root.relativize(realDir), realDir);
    }

    /**
     * Opens the directory {@code names} (a path below the home, in components) by the same walk.
     * It succeeds only when every component is a directory reached without following a symlink,
     * so the path it opened is its own real path: no separate realpath is needed to know it is
     * inside the home.
     *
     * @throws NoSuchFileException when a component is missing, is not a directory, or is a symlink
     */
    static AnchoredDirectory open(Path root, List<String> names) throws IOException {
        return walk(root, names, root);
    }

    private static AnchoredDirectory walk(Path root, Iterable<?> names, Path described) throws IOException {
        SecureDirectoryStream<Path> current = openRoot(root);
        try {
            for (Object component : names) {
                String name = component.toString();
                if (name.isEmpty()) {
                    continue;
                }
                SecureDirectoryStream<Path> next;
                try {
                    next = current.newDirectoryStream(root.getFileSystem().getPath(name), LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    // ELOOP (a symlink), ENOTDIR, ENOENT: not a plain directory (or the tree changed since a check).
                    throw new NoSuchFileException(described.toString());
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

    /**
     * What {@code name} in this directory is, not following a symlink (one fstatat relative to the
     * handle); null when there is no such name.
     */
    BasicFileAttributes attributesOrNull(Path name) throws IOException {
        try {
            return handle.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes();
        } catch (NoSuchFileException e) {
            return null;
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
