package dev.ferry.core.vfs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

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

    private final Path root;
    private final Iterable<?> names;
    /** Where the directory is (for the stream built from the descriptor), worked out when first needed. */
    private Path path;
    /** The open directory as a bare descriptor (the fast way, see {@link NativeDirectories}), or -1. */
    private int fd;
    /** The stream on it: opened by the walk (the slow way), or built from {@link #fd} when first needed. */
    private SecureDirectoryStream<Path> handle;

    private AnchoredDirectory(Path root, Iterable<?> names, Path path, int fd, SecureDirectoryStream<Path> handle) {
        this.root = root;
        this.names = names;
        this.path = path;
        this.fd = fd;
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
        return walk(root, names, null);
    }

    /** @param dir where {@code names} lead from {@code root}, or null to work it out only when needed */
    private static AnchoredDirectory walk(Path root, Iterable<?> names, Path dir) throws IOException {
        if (NativeDirectories.available()) {
            return walkDescriptors(root, names, dir);
        }
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
                    throw new NoSuchFileException(where(root, names, dir).toString());
                }
                current.close();
                current = next;
            }
            return new AnchoredDirectory(root, names, dir, -1, current);
        } catch (IOException | RuntimeException e) {
            current.close();
            throw e;
        }
    }

    /** The same walk with bare descriptors: one openat (O_DIRECTORY | O_NOFOLLOW) and one close a step. */
    private static AnchoredDirectory walkDescriptors(Path root, Iterable<?> names, Path dir) throws IOException {
        int current = NativeDirectories.openDirectory(root);
        try {
            for (Object component : names) {
                String name = component.toString();
                if (name.isEmpty()) {
                    continue;
                }
                int next;
                try {
                    next = NativeDirectories.openSubdirectory(current, root.getFileSystem().getPath(name));
                } catch (IOException e) {
                    throw new NoSuchFileException(where(root, names, dir).toString());
                }
                NativeDirectories.close(current);
                current = next;
            }
            return new AnchoredDirectory(root, names, dir, current, null);
        } catch (IOException | RuntimeException e) {
            NativeDirectories.close(current);
            throw e;
        }
    }

    /**
     * What {@code name} in this directory is, not following a symlink (one fstatat relative to the
     * handle); null when there is no such name.
     */
    BasicFileAttributes attributesOrNull(Path name) throws IOException {
        if (fd != -1) {
            return NativeDirectories.attributesOrNull(fd, name);
        }
        try {
            return handle().getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * As {@link #openFile(Path, Set)}, a file the open creates getting {@code mode} less the
     * umask in the same call, as open(2) does: never visible with other bits first.
     */
    FileChannel openFile(Path name, Set<? extends OpenOption> options, int mode) throws IOException {
        if (fd != -1) {
            return NativeDirectories.openFile(fd, name, options, mode);
        }
        return (FileChannel) handle().newByteChannel(name, options, PosixFilePermissions.asFileAttribute(permissions(mode)));
    }

    /** Opens the file {@code name} in this directory (an openat relative to the handle). */
    FileChannel openFile(Path name, Set<? extends OpenOption> options) throws IOException {
        if (fd != -1) {
            return NativeDirectories.openFile(fd, name, options);
        }
        // SecureDirectoryStream opens files as FileChannels (openat).
        return (FileChannel) handle().newByteChannel(name, options);
    }

    /**
     * Creates the file {@code name} in this directory, failing when the name exists (O_CREAT |
     * O_EXCL, no symlink followed), with the permission bits {@code mode} less the umask; open
     * for writing.
     */
    FileChannel createFile(Path name, int mode) throws IOException {
        Set<OpenOption> options = Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW, LinkOption.NOFOLLOW_LINKS);
        if (fd != -1) {
            return NativeDirectories.openFile(fd, name, options, mode);
        }
        return (FileChannel) handle().newByteChannel(name, options, PosixFilePermissions.asFileAttribute(permissions(mode)));
    }

    /** The stat of {@code name} in this directory, not following a symlink (link count and mode included). */
    UnixStat stat(Path name) throws IOException {
        SecureDirectoryStream<Path> dir = handle();
        path = where(root, names, path);
        return UnixStat.at(dir, name, path);
    }

    /** Removes the file (or symlink) {@code name} from this directory: unlinkat relative to the handle. */
    void deleteFile(Path name) throws IOException {
        if (fd != -1) {
            NativeDirectories.unlink(fd, name);
        } else {
            handle().deleteFile(name);
        }
    }

    /** The rwx bits of {@code mode} (0777) as a permission set. */
    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] all = PosixFilePermission.values(); // OWNER_READ ... OTHERS_EXECUTE: bits 8 down to 0
        for (int i = 0; i < all.length; i++) {
            if ((mode & (1 << (all.length - 1 - i))) != 0) {
                set.add(all[i]);
            }
        }
        return set;
    }

    private static Path where(Path root, Iterable<?> names, Path known) {
        if (known != null) {
            return known;
        }
        Path dir = root;
        for (Object name : names) {
            if (!name.toString().isEmpty()) {
                dir = dir.resolve(name.toString());
            }
        }
        return dir;
    }

    private static SecureDirectoryStream<Path> openRoot(Path root) throws IOException {
        DirectoryStream<Path> ds = Files.newDirectoryStream(root);
        if (ds instanceof SecureDirectoryStream<Path> secure) {
            return secure;
        }
        ds.close();
        throw new UnsupportedOperationException("this platform cannot open directories relative to a handle");
    }

    /**
     * The directory's entries read by descriptor ({@link NativeListing}), or null where that way
     * is not available (then {@link #handle()} lists it); this directory stays open and owned here.
     */
    NativeListing listing() throws IOException {
        if (fd == -1 || !NativeListing.available()) {
            return null;
        }
        path = where(root, names, path);
        return NativeListing.open(fd, path);
    }

    /** The directory as a stream, for listing it and for the operations only a stream has. */
    SecureDirectoryStream<Path> handle() throws IOException {
        if (handle == null) {
            path = where(root, names, path);
            handle = NativeDirectories.stream(fd, path);
            fd = -1; // the stream owns it now
        }
        return handle;
    }

    @Override
    public void close() throws IOException {
        if (handle != null) {
            handle.close();
        } else if (fd != -1) {
            NativeDirectories.close(fd);
            fd = -1;
        }
    }
}
