package dev.ferry.core.vfs;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The names of an open directory, read with the JDK's own readdir(3) in {@code sun.nio.fs}, and
 * their stats, by fstatat(2) relative to it straight into a reused stat record ({@link Stater},
 * one per thread: {@link ChunkedListing} stats a large directory's names on several).
 *
 * <p>Through {@link java.nio.file.SecureDirectoryStream} each entry of a listing cost a path made
 * by joining the directory's bytes to the name, a second path for its file name, an attribute view,
 * a fresh stat record and a {@link java.nio.file.attribute.FileTime}: with 10,000 entries that
 * was a third of the server's Java time for a LIST. Here an entry is its name's bytes, one
 * fstatat relative to the directory, and the fields read from the record it filled.
 *
 * <p>Available on the terms of {@link NativeDirectories} (the launcher opens {@code sun.nio.fs});
 * otherwise {@link #available()} is false and listings go through the stream, with the same result.
 */
final class NativeListing implements AutoCloseable {

    private static final Handles H = Handles.find();
    /** How the JDK itself turns file-name bytes into a String (UnixPath.toString). */
    private static final Charset NAMES = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));

    private final int dirFd;
    private final Path dir;
    private long dirp;

    private NativeListing(int dirFd, Path dir, long dirp) {
        this.dirFd = dirFd;
        this.dir = dir;
        this.dirp = dirp;
    }

    static boolean available() {
        return H != null && NativeDirectories.available();
    }

    /**
     * Starts reading the open directory {@code dirFd} (at {@code dir}, for messages); the caller
     * keeps {@code dirFd} (the listing reads a duplicate of it).
     */
    static NativeListing open(int dirFd, Path dir) throws IOException {
        return new NativeListing(dirFd, dir, NativeDirectories.openDirStream(dirFd, dir));
    }

    /** The next name of the directory, as the kernel has it, skipping "." and ".."; null at the end. */
    byte[] nextName() throws IOException {
        while (true) {
            byte[] bytes;
            try {
                bytes = (byte[]) H.readdir.invokeExact(dirp);
            } catch (Throwable t) {
                throw NativeDirectories.failure(t, dir);
            }
            if (bytes == null) {
                return null;
            }
            if (bytes[0] == '.' && (bytes.length == 1 || (bytes.length == 2 && bytes[1] == '.'))) {
                continue;
            }
            return bytes;
        }
    }

    /**
     * A stat helper for one thread, with its own record, for names of this directory read by
     * {@link #nextName}: several threads may stat this directory's names at once, each with its
     * own helper, while the listing stays open.
     */
    Stater stater() {
        try {
            return new Stater(dirFd, H.newRecord.invokeExact());
        } catch (Throwable t) {
            throw new IllegalStateException("creating a stat record", t);
        }
    }

    /** Stats names relative to the directory into one reused record; one thread at a time. */
    static final class Stater {
        private final int dirFd;
        private final Object record;

        private Stater(int dirFd, Object record) {
            this.dirFd = dirFd;
            this.record = record;
        }

        /** The stat of {@code name}, not following a symlink; null when it cannot be stat'ed (gone). */
        UnixStat statOrNull(byte[] name) {
            try {
                H.fstatat.invokeExact(dirFd, name, H.noFollow, record);
            } catch (Throwable t) {
                return null; // gone between readdir and stat, or not ours to stat: not listed, as with the stream
            }
            return H.stat(record);
        }
    }

    /** A name's bytes as the JDK itself turns them into a String. */
    static String name(byte[] bytes) {
        return new String(bytes, NAMES);
    }


    @Override
    public void close() {
        if (dirp != 0) {
            NativeDirectories.closeDirStream(dirp);
            dirp = 0;
        }
    }

    /** Method handles on sun.nio.fs' package-private natives and the stat record's fields. */
    private record Handles(MethodHandle readdir, MethodHandle fstatat,
                           MethodHandle newRecord, int noFollow, VarHandle mode, VarHandle ino, VarHandle dev,
                           VarHandle nlink, VarHandle size, VarHandle mtimeSec, VarHandle mtimeNsec) {

        static Handles find() {
            try {
                Class<?> dispatcher = Class.forName("sun.nio.fs.UnixNativeDispatcher");
                Class<?> attributes = Class.forName("sun.nio.fs.UnixFileAttributes");
                Class<?> constants = Class.forName("sun.nio.fs.UnixConstants");
                MethodHandles.Lookup l = MethodHandles.privateLookupIn(dispatcher, MethodHandles.lookup());
                MethodHandles.Lookup a = MethodHandles.privateLookupIn(attributes, MethodHandles.lookup());
                return new Handles(
                        l.findStatic(dispatcher, "readdir", MethodType.methodType(byte[].class, long.class)),
                        l.findStatic(dispatcher, "fstatat", MethodType.methodType(void.class, int.class, byte[].class, int.class, attributes))
                                .asType(MethodType.methodType(void.class, int.class, byte[].class, int.class, Object.class)),
                        a.findConstructor(attributes, MethodType.methodType(void.class)).asType(MethodType.methodType(Object.class)),
                        (int) l.findStaticVarHandle(constants, "AT_SYMLINK_NOFOLLOW", int.class).get(),
                        field(a, attributes, "st_mode", int.class), field(a, attributes, "st_ino", long.class),
                        field(a, attributes, "st_dev", long.class), field(a, attributes, "st_nlink", int.class),
                        field(a, attributes, "st_size", long.class), field(a, attributes, "st_mtime_sec", long.class),
                        field(a, attributes, "st_mtime_nsec", long.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                // Not opened to us (IllegalAccessException, InaccessibleObjectException) or another JDK's layout.
                return null;
            }
        }

        private static VarHandle field(MethodHandles.Lookup a, Class<?> attributes, String name, Class<?> type)
                throws ReflectiveOperationException {
            return a.findVarHandle(attributes, name, type);
        }

        UnixStat stat(Object r) {
            long sec = (long) mtimeSec.get(r);
            long nsec = (long) mtimeNsec.get(r);
            return new UnixStat((int) mode.get(r), (long) dev.get(r), (long) ino.get(r), (int) nlink.get(r),
                    (long) size.get(r), Instant.ofEpochSecond(sec, nsec));
        }
    }
}
