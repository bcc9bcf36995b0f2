package dev.ferry.core.vfs;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Instant;
import java.util.Map;

/**
 * The figures of one stat(2) that a listing line needs: the full mode (type and setuid, setgid and
 * sticky bits), device and inode, link count, size and modification time.
 *
 * <p>The JDK has them all in its own stat record (the object behind {@link PosixFileAttributes}),
 * but shows mode, device, inode and link count only through the {@code "unix:"} attribute map,
 * which parses the attribute names and fills a map on every call: for a 10,000-entry LIST that
 * was half of the server's Java time. When {@code java.base} opens {@code sun.nio.fs} to us (the
 * launcher and the test JVMs say {@code --add-opens java.base/sun.nio.fs=ALL-UNNAMED}), the record's
 * accessors are called directly; otherwise the map is read, with the same result, only slower.
 */
record UnixStat(int mode, long dev, long ino, long nlink, long size, Instant modified) {

    private static final String UNIX_ATTRS = "unix:mode,ino,dev,nlink,size,lastModifiedTime";
    private static final int TYPE_MASK = 0170000;
    private static final int SYMLINK = 0120000;
    private static final int DIRECTORY = 0040000;
    private static final int REGULAR = 0100000;

    /** The JDK's stat record accessors, or null when they are not open to us. */
    private static final Accessors DIRECT = Accessors.find();

    /** True when stats are read straight from the JDK's record (the fast way). */
    static boolean direct() {
        return DIRECT != null;
    }

    /** Stats {@code path}; with {@link LinkOption#NOFOLLOW_LINKS}, a symlink itself. */
    static UnixStat of(Path path, LinkOption... options) throws IOException {
        if (DIRECT != null) {
            UnixStat s = DIRECT.from(Files.readAttributes(path, PosixFileAttributes.class, options));
            if (s != null) {
                return s;
            }
        }
        return fromMap(Files.readAttributes(path, UNIX_ATTRS, options));
    }

    /**
     * Stats {@code name} relative to the open directory {@code dir} (fstatat, no walk from the root),
     * not following a symlink; {@code dirPath} is where {@code dir} is, for the slower way only.
     */
    static UnixStat at(SecureDirectoryStream<Path> dir, Path name, Path dirPath) throws IOException {
        if (DIRECT != null) {
            PosixFileAttributes a = dir.getFileAttributeView(name, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes();
            UnixStat s = DIRECT.from(a);
            if (s != null) {
                return s;
            }
        }
        return of(dirPath.resolve(name), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * The figures of attributes the JDK has already read ({@code a} is its stat record), without
     * another system call; null when they are not its record or its accessors are not open to us.
     */
    static UnixStat ofRecordOrNull(BasicFileAttributes a) throws IOException {
        return DIRECT != null && a instanceof PosixFileAttributes p ? DIRECT.from(p) : null;
    }

    boolean isSymbolicLink() {
        return (mode & TYPE_MASK) == SYMLINK;
    }

    FileType type() {
        int kind = mode & TYPE_MASK;
        return kind == DIRECTORY ? FileType.DIRECTORY : kind == REGULAR ? FileType.FILE : FileType.OTHER;
    }

    /** The entry a listing shows under {@code name}. */
    FileEntry entry(String name) {
        FileType type = type();
        String unique = Long.toHexString(dev) + "g" + Long.toHexString(ino);
        return new FileEntry(name, type, type == FileType.FILE ? size : 0, modified, mode & 07777, nlink, unique);
    }

    private static UnixStat fromMap(Map<String, Object> a) {
        return new UnixStat((Integer) a.get("mode"), (Long) a.get("dev"), (Long) a.get("ino"),
                ((Number) a.get("nlink")).longValue(), (Long) a.get("size"), ((FileTime) a.get("lastModifiedTime")).toInstant());
    }

    /** Method handles on sun.nio.fs.UnixFileAttributes' package-private mode(), dev(), ino(), nlink(). */
    private record Accessors(Class<?> type, MethodHandle mode, MethodHandle dev, MethodHandle ino, MethodHandle nlink) {

        static Accessors find() {
            try {
                Class<?> type = Class.forName("sun.nio.fs.UnixFileAttributes");
                MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
                return new Accessors(type,
                        handle(lookup, type, "mode", int.class),
                        handle(lookup, type, "dev", long.class),
                        handle(lookup, type, "ino", long.class),
                        handle(lookup, type, "nlink", int.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                // Not opened (IllegalAccessException, InaccessibleObjectException) or not this JDK's layout.
                return null;
            }
        }

        private static MethodHandle handle(MethodHandles.Lookup lookup, Class<?> type, String name, Class<?> returns)
                throws ReflectiveOperationException {
            MethodHandle h = lookup.findVirtual(type, name, MethodType.methodType(returns));
            return h.asType(MethodType.methodType(returns, Object.class));
        }

        /** The stat, or null when {@code a} is not the JDK's record (another file system provider). */
        UnixStat from(PosixFileAttributes a) throws IOException {
            if (!type.isInstance(a)) {
                return null;
            }
            try {
                return new UnixStat((int) mode.invokeExact((Object) a), (long) dev.invokeExact((Object) a),
                        (long) ino.invokeExact((Object) a), (int) nlink.invokeExact((Object) a), a.size(), a.lastModifiedTime().toInstant());
            } catch (Throwable t) {
                throw new IOException("reading the stat record", t);
            }
        }
    }
}
