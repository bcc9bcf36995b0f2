package dev.ferry.core.vfs;

import dev.ferry.core.user.Permission;
import dev.ferry.core.user.Permissions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A user's home on the local disk. This class is the confinement choke point for local storage:
 *
 * <ol>
 *   <li>{@link VirtualPath} has already folded every spelling into a path under "/";
 *   <li>here each path is mapped under the home and its symlinks are resolved with
 *       {@code toRealPath()}; a result outside the home is reported exactly like a missing file
 *       (no existence oracle) and logged on {@code ferry.security};
 *   <li>operations then act through an {@link AnchoredDirectory}: the directory is opened by a
 *       symlink-free walk down from the home, and the final name is opened, deleted or renamed
 *       relative to that handle with {@code NOFOLLOW_LINKS}, so neither a link planted after the
 *       check nor a parent swapped for a link by a concurrent rename can redirect the operation.
 * </ol>
 *
 * The one operation with no handle-relative form in Java is creating a directory (mkdirat): MKD
 * re-resolves its parent by path, so a concurrent local swap within microseconds could create an
 * empty directory outside; nothing can be read or written through it (see SECURITY.md). Metadata
 * (stat, listing attributes) is read by resolved path.
 *
 * Operations that act on a name rather than on what it points to (delete, rename, rmdir) resolve
 * only the parent, so deleting a symlink deletes the link, never its target.
 */
public final class LocalFileSystem implements UserFileSystem {

    private static final Logger SECURITY = LoggerFactory.getLogger("ferry.security");
    private static final Logger LOG = LoggerFactory.getLogger(LocalFileSystem.class);
    private final Path root;
    private final Access access;
    private final String who;
    private final UsageAccount usage;
    /** What a new file gets before the umask when the client names no mode, as the JDK's own create. */
    private static final int NEW_FILE_MODE = 0666;

    /**
     * @param home        the user's home; must exist
     * @param permissions what the user may do where
     * @param who         "user@address", for security log lines
     */
    public LocalFileSystem(Path home, Permissions permissions, String who) throws IOException {
        this(home, permissions, who, UsageAccount.UNTRACKED);
    }

    /**
     * @param usage told of every change in what the files take up, and asked before every write
     *              that makes them bigger (the quota)
     */
    public LocalFileSystem(Path home, Permissions permissions, String who, UsageAccount usage) throws IOException {
        this.root = home.toRealPath();
        this.access = new Access(Objects.requireNonNull(permissions));
        this.who = Objects.requireNonNull(who);
        this.usage = Objects.requireNonNull(usage);
        if (!Files.isDirectory(root)) {
            throw new NotDirectoryException(home.toString());
        }
    }

    @Override
    public FileEntry stat(VirtualPath path) throws VfsException {
        if (access.statIsDropBox(path)) {
            return dropBoxStat(path);
        }
        Path real = existing(path);
        try {
            return entry(path.name(), real);
        } catch (IOException e) {
            throw translate(e, path);
        }
    }

    /**
     * Stat without the LIST permission: a drop box (upload, no list) may learn that a directory is
     * one, which OpenSSH's scp and sftp ask before uploading into it, and nothing else. Anything
     * that is not a directory, there or not, is the same refusal, so that names cannot be probed.
     */
    private FileEntry dropBoxStat(VirtualPath path) throws VfsException {
        if (access.mayLearnDirectory(path)) {
            try {
                FileEntry e = entry(path.name(), existing(path));
                if (e.isDirectory()) {
                    return e;
                }
            } catch (VfsException | IOException notThere) {
                // refused below, as an existing file is
            }
        }
        throw denied(Permission.LIST, path);
    }

    @Override
    public void checkDirectory(VirtualPath path) throws VfsException {
        Path real = existing(path);
        if (!Files.isDirectory(real)) {
            throw new VfsException(VfsException.Reason.NOT_A_DIRECTORY, path.toString(), "Not a directory");
        }
    }

    @Override
    public Stream<FileEntry> list(VirtualPath directory) throws VfsException {
        require(Permission.LIST, directory);
        Path real = existing(directory);
        if (!Files.isDirectory(real)) {
            throw new VfsException(VfsException.Reason.NOT_A_DIRECTORY, directory.toString(), "Not a directory");
        }
        SecureDirectoryStream<Path> children;
        try {
            AnchoredDirectory dir = AnchoredDirectory.open(root, real);
            try {
                NativeListing listing = dir.listing();
                if (listing != null) {
                    return listedEntries(dir, listing, real);
                }
                children = dir.handle();
            } catch (IOException | RuntimeException e) {
                dir.close();
                throw e;
            }
        } catch (IOException e) {
            throw translate(e, directory);
        }
        return StreamSupport.stream(children.spliterator(), false)
                .map(child -> listedEntry(children, real, child.getFileName()))
                .filter(Objects::nonNull)
                .onClose(() -> {
                    try {
                        children.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    @Override
    public SeekableByteChannel openRead(VirtualPath path, long offset) throws VfsException {
        require(Permission.DOWNLOAD, path);
        try {
            try (AnchoredDirectory dir = plainParent(path)) {
                if (dir != null) {
                    Path name = nameOf(path);
                    BasicFileAttributes a = dir.attributesOrNull(name);
                    if (a == null) {
                        throw notFound(path);
                    }
                    if (!a.isSymbolicLink()) {
                        return openForRead(dir, name, a, path, offset);
                    }
                }
            }
            // A symlink on the way or at the end: resolve it, check it stays inside, use its target.
            Path real = existing(path);
            BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class);
            if (real.equals(root)) {
                throw new VfsException(VfsException.Reason.IS_A_DIRECTORY, path.toString(), "Is a directory");
            }
            try (AnchoredDirectory dir = AnchoredDirectory.open(root, real.getParent())) {
                return openForRead(dir, real.getFileName(), a, path, offset);
            }
        } catch (IOException e) {
            throw translate(e, path);
        }
    }

    private static SeekableByteChannel openForRead(AnchoredDirectory dir, Path name, BasicFileAttributes a, VirtualPath path,
                                                   long offset) throws IOException, VfsException {
        if (a.isDirectory()) {
            throw new VfsException(VfsException.Reason.IS_A_DIRECTORY, path.toString(), "Is a directory");
        }
        if (!a.isRegularFile()) {
            throw notFound(path);
        }
        SeekableByteChannel ch = dir.openFile(name, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
        if (offset == 0) {
            return ch;
        }
        try {
            if (offset > ch.size()) {
                throw new VfsException(VfsException.Reason.INVALID_OFFSET, path.toString(), "Restart offset beyond end of file");
            }
            ch.position(offset);
            return ch;
        } catch (IOException | VfsException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public SeekableByteChannel openWrite(VirtualPath path, WriteMode mode) throws VfsException {
        return openWrite(path, mode, NEW_FILE_MODE);
    }

    @Override
    public SeekableByteChannel openWrite(VirtualPath path, WriteMode mode, int newFileMode) throws VfsException {
        int createMode = (newFileMode & 0777) | 0600;
        require(Permission.UPLOAD, path);
        try {
            AnchoredDirectory dir = plainParent(path);
            if (dir != null) {
                Path name = nameOf(path);
                BasicFileAttributes a;
                try {
                    a = dir.attributesOrNull(name);
                } catch (IOException | RuntimeException e) {
                    dir.close();
                    throw e;
                }
                if (a == null || !a.isSymbolicLink()) {
                    return openForWrite(dir, name, a, path, mode, createMode);
                }
                dir.close();
            }
            // The parent has a symlink on its way, or the name is one: resolve and check the slow way.
            Path target = located(path);
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                a = null;
            }
            if (a != null && !a.isRegularFile()) {
                typeRefusal(a, path); // before opening anything: the name is a directory or a link
            }
            return openForWrite(AnchoredDirectory.open(root, target.getParent()), target.getFileName(), a, path, mode, createMode);
        } catch (IOException e) {
            throw translate(e, path);
        }
    }

    /**
     * The upload itself, in {@code dir} (which it closes): {@code a} is what {@code name} is now
     * (null: nothing), read relative to the same handle the file is then opened through.
     */
    private SeekableByteChannel openForWrite(AnchoredDirectory dir, Path name, BasicFileAttributes a, VirtualPath path,
                                             WriteMode mode, int createMode) throws IOException, VfsException {
        boolean dirHandedOver = false;
        try {
            boolean exists = a != null;
            if (exists && !a.isRegularFile()) {
                typeRefusal(a, path);
            }
            long size = exists ? a.size() : 0;
            access.requireUpload(path, mode, exists, size);
            Set<OpenOption> options = new java.util.HashSet<>(Set.of(StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS));
            options.add(mode instanceof WriteMode.CreateNew ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
            // Truncate: not O_TRUNC, which would free the old blocks on the carrier; see below.
            long freed = switch (mode) {
                case WriteMode.Truncate t -> size;
                case WriteMode.Replace r -> size;
                case WriteMode.At at -> size - at.offset();
                default -> 0;
            };
            usage.beginWrite(path.toString(), freed, !exists);
            FileChannel ch;
            try {
                ch = dir.openFile(name, options, createMode);
            } catch (IOException | RuntimeException e) {
                usage.cancelWrite(freed, !exists);
                throw e;
            }
            FileChannel target = ch;
            try {
                if (mode instanceof WriteMode.Truncate && ch.size() > 0) {
                    target = FreshReplacement.emptied(dir, name, a, ch);
                }
                long position = switch (mode) {
                    case WriteMode.At at -> {
                        if (ch.size() > at.offset()) {
                            OffCarrier.run(() -> ch.truncate(at.offset()));
                        }
                        yield at.offset();
                    }
                    case WriteMode.Append ap -> ch.size();
                    default -> 0;
                };
                boolean replace = mode instanceof WriteMode.Replace;
                FreshReplacement pending = !replace ? null
                        : exists ? FreshReplacement.pending(dir, name, a)
                        : FreshReplacement.pendingNew(dir, name, dir.stat(name)); // to remove it if the upload never starts
                AccountedChannel upload = new AccountedChannel(target, usage, position, replace ? freed : -1, pending);
                dirHandedOver = replace;
                return upload;
            } catch (IOException | RuntimeException e) {
                // Positioning failed (an I/O error): no byte will be written through this upload.
                usage.endWrite();
                target.close();
                throw e;
            }
        } finally {
            if (!dirHandedOver) {
                dir.close();
            }
        }
    }

    private static void typeRefusal(BasicFileAttributes a, VirtualPath path) throws VfsException {
        if (a.isDirectory()) {
            throw new VfsException(VfsException.Reason.IS_A_DIRECTORY, path.toString(), "Is a directory");
        }
        throw new VfsException(VfsException.Reason.PERMISSION_DENIED, path.toString(), "Not a regular file");
    }

    @Override
    public long delete(VirtualPath path) throws VfsException {
        require(Permission.DELETE, path);
        Path entry = existingEntry(path);
        if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
            throw new VfsException(VfsException.Reason.IS_A_DIRECTORY, path.toString(), "Is a directory");
        }
        try {
            boolean regular = Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS);
            long size = regular ? Files.size(entry) : 0;
            try (AnchoredDirectory dir = AnchoredDirectory.open(root, entry.getParent())) {
                dir.deleteFile(entry.getFileName());
            }
            if (regular) {
                usage.removed(size, 1);
            }
            return size;
        } catch (IOException e) {
            throw translate(e, path);
        }
    }

    @Override
    public void rename(VirtualPath from, VirtualPath to) throws VfsException {
        require(Permission.RENAME, from);
        require(Permission.RENAME, to);
        if (from.isRoot()) {
            throw new VfsException(VfsException.Reason.PERMISSION_DENIED, from.toString(), "Cannot rename the home directory");
        }
        if (to.isRoot()) {
            throw new VfsException(VfsException.Reason.PERMISSION_DENIED, to.toString(), "Cannot replace the home directory");
        }
        Path source = existingEntry(from);
        Path target = located(to);
        if (to.startsWith(from) && !to.equals(from)) {
            throw new VfsException(VfsException.Reason.PERMISSION_DENIED, to.toString(), "Cannot move a directory into itself");
        }
        boolean sourceIsDir = Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS);
        long replacedBytes = 0;
        long replacedFiles = 0;
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !source.equals(target)) {
            if (sourceIsDir || Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new VfsException(VfsException.Reason.ALREADY_EXISTS, to.toString(), "Destination exists");
            }
            require(Permission.OVERWRITE, to);
            if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    replacedBytes = Files.size(target);
                    replacedFiles = 1;
                } catch (IOException e) {
                    throw translate(e, to);
                }
            }
        }
        try (AnchoredDirectory fromDir = AnchoredDirectory.open(root, source.getParent());
             AnchoredDirectory toDir = AnchoredDirectory.open(root, target.getParent())) {
            fromDir.handle().move(source.getFileName(), toDir.handle(), target.getFileName());
            if (replacedFiles > 0) {
                usage.removed(replacedBytes, replacedFiles);
            }
        } catch (AtomicMoveNotSupportedException e) {
            throw new VfsException(VfsException.Reason.IO_ERROR, to.toString(), "Cannot rename across file systems");
        } catch (IOException e) {
            throw translate(e, to);
        }
    }

    @Override
    public void mkdir(VirtualPath path) throws VfsException {
        require(Permission.MKDIR, path);
        Path target = located(path);
        try {
            Files.createDirectory(target);
        } catch (IOException e) {
            throw translate(e, path);
        }
    }

    @Override
    public void rmdir(VirtualPath path) throws VfsException {
        require(Permission.RMDIR, path);
        if (path.isRoot()) {
            throw new VfsException(VfsException.Reason.PERMISSION_DENIED, "/", "Cannot remove the home directory");
        }
        Path entry = existingEntry(path);
        if (!Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
            throw new VfsException(VfsException.Reason.NOT_A_DIRECTORY, path.toString(), "Not a directory");
        }
        try (AnchoredDirectory dir = AnchoredDirectory.open(root, entry.getParent())) {
            dir.handle().deleteDirectory(entry.getFileName());
        } catch (IOException e) {
            throw translate(e, path);
        }
    }

    @Override
    public void setModified(VirtualPath path, Instant time) throws VfsException {
        if (!FileTimes.isSettable(time)) {
            throw new IllegalArgumentException("modification time out of range: " + time);
        }
        require(Permission.SET_TIME, path);
        Path real = existing(path);
        try {
            if (real.equals(root)) {
                Files.setLastModifiedTime(root, FileTime.from(time));
            } else {
                try (AnchoredDirectory dir = AnchoredDirectory.open(root, real.getParent())) {
                    dir.handle().getFileAttributeView(real.getFileName(), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                            .setTimes(FileTime.from(time), null, null);
                }
            }
        } catch (IOException e) {
            throw translate(e, path);
        }
    }

    @Override
    public void setMode(VirtualPath path, int mode) throws VfsException {
        require(Permission.OVERWRITE, path);
        // Not through a link: the permission was checked at the link's path, and its target may
        // lie where the user may not overwrite (uploads refuse links for the same reason).
        if (Files.isSymbolicLink(existingEntry(path))) {
            throw new VfsException(VfsException.Reason.PERMISSION_DENIED, path.toString(), "Cannot change the mode through a link");
        }
        Path real = existing(path);
        try {
            boolean dir = Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS);
            java.util.Set<java.nio.file.attribute.PosixFilePermission> bits = AnchoredDirectory.permissions((mode & 0777) | (dir ? 0700 : 0600));
            if (real.equals(root)) {
                Files.setPosixFilePermissions(root, bits);
            } else {
                try (AnchoredDirectory d = AnchoredDirectory.open(root, real.getParent())) {
                    java.nio.file.attribute.PosixFileAttributeView view = d.handle().getFileAttributeView(real.getFileName(),
                            java.nio.file.attribute.PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
                    if (view == null) {
                        throw new VfsException(VfsException.Reason.IO_ERROR, path.toString(), "This storage has no permission bits");
                    }
                    view.setPermissions(bits);
                }
            }
        } catch (UnsupportedOperationException e) {
            throw new VfsException(VfsException.Reason.IO_ERROR, path.toString(), "This storage has no permission bits");
        } catch (IOException e) {
            throw translate(e, path);
        }
    }

    // --- resolution: the confinement choke point -------------------------------------------

    /**
     * The fast way to the directory a name lives in: the handle walk down from the home along the
     * path's own names. It succeeds only when each of them is a directory reached without following
     * a symlink, so the path is its own real path and inside the home by construction, with no
     * realpath first. Null when some component is missing, not a directory or a symlink (or the
     * path is the home itself): the caller then resolves the slow way, which also decides the reply.
     */
    private AnchoredDirectory plainParent(VirtualPath path) {
        if (path.isRoot()) {
            return null;
        }
        List<String> segments = path.segments();
        try {
            return AnchoredDirectory.open(root, segments.subList(0, segments.size() - 1));
        } catch (IOException e) {
            return null;
        }
    }

    private Path nameOf(VirtualPath path) {
        return root.getFileSystem().getPath(path.name());
    }

    /** The real (symlink-free) path of an existing file or directory inside the home. */
    private Path existing(VirtualPath path) throws VfsException {
        Path candidate = onDisk(path);
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (IOException e) {
            throw notFound(path);
        }
        if (!real.startsWith(root)) {
            refuseEscape(path);
        }
        return real;
    }

    /**
     * Where a name lives: its parent resolved to a real directory inside the home, plus the last
     * name unresolved. The name itself may not exist. A name that is a symlink leading out of the
     * home, or dangling, is treated as missing.
     */
    private Path located(VirtualPath path) throws VfsException {
        if (path.isRoot()) {
            return root;
        }
        Path parent = existing(path.parent());
        if (!Files.isDirectory(parent)) {
            throw notFound(path);
        }
        Path entry = parent.resolve(path.name());
        if (Files.isSymbolicLink(entry)) {
            try {
                if (!entry.toRealPath().startsWith(root)) {
                    refuseEscape(path);
                }
            } catch (IOException e) {
                Path target = linkTarget(entry);
                if (target != null && !target.startsWith(root)) {
                    refuseEscape(path);
                }
                throw notFound(path);
            }
        }
        return entry;
    }

    /** Like {@link #located} but the name must exist. */
    private Path existingEntry(VirtualPath path) throws VfsException {
        Path entry = located(path);
        if (!Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
            throw notFound(path);
        }
        return entry;
    }

    private Path onDisk(VirtualPath path) {
        Path p = root;
        for (String segment : path.segments()) {
            p = p.resolve(segment);
        }
        return p;
    }

    private static Path linkTarget(Path link) {
        try {
            return link.getParent().resolve(Files.readSymbolicLink(link)).normalize();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private void refuseEscape(VirtualPath path) throws VfsException {
        SECURITY.warn("refused path outside the home: {} asked for {}", who, path);
        throw notFound(path);
    }

    private void require(Permission permission, VirtualPath path) throws VfsException {
        access.require(permission, path);
    }

    private static VfsException denied(Permission permission, VirtualPath path) {
        return Access.denied(permission, path);
    }

    private static VfsException notFound(VirtualPath path) {
        return Access.notFound(path);
    }

    private VfsException translate(IOException e, VirtualPath path) {
        String p = path.toString();
        return switch (e) {
            case NoSuchFileException x -> notFound(path);
            case FileAlreadyExistsException x -> new VfsException(VfsException.Reason.ALREADY_EXISTS, p, "File exists");
            case DirectoryNotEmptyException x -> new VfsException(VfsException.Reason.DIRECTORY_NOT_EMPTY, p, "Directory not empty");
            case NotDirectoryException x -> new VfsException(VfsException.Reason.NOT_A_DIRECTORY, p, "Not a directory");
            case AccessDeniedException x -> new VfsException(VfsException.Reason.PERMISSION_DENIED, p, "Permission denied");
            case FileSystemException x when x.getReason() != null && x.getReason().contains("symbolic links") -> notFound(path);
            default -> {
                LOG.warn("storage error for {} on {}: {}", who, p, e.toString());
                yield new VfsException(VfsException.Reason.IO_ERROR, p, "Storage error", e);
            }
        };
    }

    // --- entries ----------------------------------------------------------------------------

    /**
     * The entry for {@code name} in the listed directory {@code real}, open as {@code children}: one
     * fstatat relative to the handle; a symlink is shown as what it points to if that stays inside
     * the home, and not at all otherwise.
     */
    private FileEntry listedEntry(SecureDirectoryStream<Path> children, Path real, Path name) {
        try {
            return shown(name.toString(), UnixStat.at(children, name, real), real);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The entries of the open directory {@code dir} at {@code real}, read by descriptor (a
     * readdir and an fstatat each, see {@link NativeListing}), the stats of a large directory
     * taken a few chunks ahead on virtual threads ({@link ChunkedListing}); closing the stream
     * closes both.
     */
    private Stream<FileEntry> listedEntries(AnchoredDirectory dir, NativeListing listing, Path real) {
        ChunkedListing entries = new ChunkedListing(listing, (name, stat) -> shownOrNull(name, stat, real));
        return StreamSupport.stream(entries, false)
                .onClose(() -> {
                    entries.close();
                    listing.close();
                    try {
                        dir.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    private FileEntry shownOrNull(String name, UnixStat stat, Path real) {
        try {
            return shown(name, stat, real);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * What a listing shows for {@code name} in {@code real} with the stat {@code stat}: a symlink
     * as what it points to if that stays inside the home, and null (not shown) otherwise.
     */
    private FileEntry shown(String name, UnixStat stat, Path real) throws IOException {
        if (stat.isSymbolicLink()) {
            Path target = real.resolve(name).toRealPath();
            if (!target.startsWith(root)) {
                return null;
            }
            stat = UnixStat.of(target);
        }
        return stat.entry(name);
    }

    private FileEntry entry(String name, Path real) throws IOException {
        return UnixStat.of(real).entry(name);
    }
}
