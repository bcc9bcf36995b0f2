package dev.ferry.core.vfs;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * Directory handles as bare descriptors: openat(2) with O_DIRECTORY and O_NOFOLLOW, and fstatat(2),
 * openat(2) and unlinkat(2) of a file relative to one, through the JDK's own native calls in
 * {@code sun.nio.fs}.
 *
 * <p>{@link SecureDirectoryStream} does the same walk, but each directory it opens is also made a
 * stream (a dup, an fdopendir with its fstat and two fcntls, and two closes later): seven system
 * calls a step where one openat and one close are enough, and a small upload walked three
 * directories. The stream is built only when something needs it (a listing, a delete, a rename).
 *
 * <p>Available when {@code java.base} opens {@code sun.nio.fs} to us (the launcher and the test
 * JVMs say {@code --add-opens java.base/sun.nio.fs=ALL-UNNAMED}) on Linux x86-64 or aarch64, whose
 * open flags are known; otherwise {@link #available()} is false and {@link AnchoredDirectory}
 * walks with streams, with the same result.
 */
final class NativeDirectories {

    private static final int AT_FDCWD = -100;
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 02000000;
    /** 0666: what a new file gets before the umask, as the JDK's own create does. */
    private static final int NEW_FILE_MODE = 0666;

    private static final Handles H = Handles.find();

    private NativeDirectories() {}

    static boolean available() {
        return H != null;
    }

    /** Opens the directory {@code dir} (the home; a link to it is followed). */
    static int openDirectory(Path dir) throws IOException {
        try {
            return (int) H.openat.invokeExact(AT_FDCWD, bytes(dir), O_RDONLY | H.directory | O_CLOEXEC, 0);
        } catch (Throwable t) {
            throw failure(t, dir);
        }
    }

    /**
     * Opens the subdirectory {@code name} of {@code dirFd}; fails (with the errno's exception) when
     * it is missing, is not a directory, or is a symlink.
     */
    static int openSubdirectory(int dirFd, Path name) throws IOException {
        try {
            return (int) H.openat.invokeExact(dirFd, bytes(name), O_RDONLY | H.directory | H.noFollow | O_CLOEXEC, 0);
        } catch (Throwable t) {
            throw failure(t, name);
        }
    }

    static void close(int fd) {
        try {
            H.close.invokeExact(fd);
        } catch (Throwable ignored) {
            // close(2) releases the descriptor even when it reports an error
        }
    }

    /** What {@code name} in {@code dirFd} is, not following a symlink; null when there is no such name. */
    static BasicFileAttributes attributesOrNull(int dirFd, Path name) throws IOException {
        try {
            return (BasicFileAttributes) H.stat.invokeExact(dirFd, (Object) name, false);
        } catch (Throwable t) {
            if (isNoSuchFile(t)) {
                return null;
            }
            throw failure(t, name);
        }
    }

    /** True when {@code t} is the JDK's native error for a missing name (ENOENT). */
    static boolean isNoSuchFile(Throwable t) {
        return H.unixException.isInstance(t) && errno(t) == H.enoent;
    }

    /** Opens (or creates, as {@code options} say) the file {@code name} in {@code dirFd}. */
    static FileChannel openFile(int dirFd, Path name, Set<? extends OpenOption> options) throws IOException {
        return openFile(dirFd, name, options, NEW_FILE_MODE);
    }

    /** As {@link #openFile(int, Path, Set)}, a file it creates getting {@code mode} (less the umask). */
    static FileChannel openFile(int dirFd, Path name, Set<? extends OpenOption> options, int mode) throws IOException {
        try {
            return (FileChannel) H.newFileChannel.invokeExact(dirFd, (Object) name, options, mode);
        } catch (Throwable t) {
            throw failure(t, name);
        }
    }

    /** Removes the name {@code name} (not a directory) from {@code dirFd}: unlinkat(2). */
    static void unlink(int dirFd, Path name) throws IOException {
        try {
            H.unlinkat.invokeExact(dirFd, bytes(name), 0);
        } catch (Throwable t) {
            throw failure(t, name);
        }
    }

    /**
     * The stream on the open directory {@code dirFd} at {@code dir}; it owns {@code dirFd} from then
     * on (closing the stream closes it).
     */
    @SuppressWarnings("unchecked")
    static SecureDirectoryStream<Path> stream(int dirFd, Path dir) throws IOException {
        long dirp = openDirStream(dirFd, dir);
        try {
            return (SecureDirectoryStream<Path>) H.newStream.invokeExact((Object) dir, dirp, dirFd,
                    (DirectoryStream.Filter<? super Path>) null);
        } catch (Throwable t) {
            closeDirStream(dirp);
            throw failure(t, dir);
        }
    }

    /**
     * A readdir(3) stream on a duplicate of the open directory {@code dirFd} (at {@code dir}, for
     * messages), so that the caller keeps {@code dirFd}; {@link #closeDirStream} closes it.
     */
    static long openDirStream(int dirFd, Path dir) throws IOException {
        int copy = -1;
        try {
            copy = (int) H.dup.invokeExact(dirFd);
            return (long) H.fdopendir.invokeExact(copy);
        } catch (Throwable t) {
            if (copy != -1) {
                close(copy);
            }
            throw failure(t, dir);
        }
    }

    static void closeDirStream(long dirp) {
        try {
            H.closedir.invokeExact(dirp);
        } catch (Throwable ignored) {
            // closedir(3) releases the stream even when it reports an error
        }
    }

    private static byte[] bytes(Path p) throws Throwable {
        return (byte[]) H.asByteArray.invokeExact((Object) p);
    }

    private static int errno(Throwable unixException) {
        try {
            return (int) H.errno.invokeExact((Object) unixException);
        } catch (Throwable t) {
            return -1;
        }
    }

    /** The IOException the JDK itself would have thrown for {@code t} on {@code file}. */
    static IOException failure(Throwable t, Path file) {
        if (H.unixException.isInstance(t)) {
            try {
                return (IOException) H.asIOException.invokeExact((Object) t, (Object) file);
            } catch (Throwable ignored) {
                // fall through to a plain wrapper
            }
        }
        if (t instanceof IOException io) {
            return io;
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IOException(file + ": " + t, t);
    }

    /** Method handles on sun.nio.fs' package-private natives, typed with Object where a type is not ours. */
    private record Handles(MethodHandle openat, MethodHandle close, MethodHandle unlinkat, MethodHandle dup, MethodHandle fdopendir,
                           MethodHandle closedir, MethodHandle stat, MethodHandle newFileChannel, MethodHandle newStream,
                           MethodHandle asByteArray, MethodHandle errno, MethodHandle asIOException,
                           Class<?> unixException, int directory, int noFollow, int enoent) {

        static Handles find() {
            int directory;
            int noFollow;
            switch (System.getProperty("os.name", "") + "/" + System.getProperty("os.arch", "")) {
                case "Linux/amd64", "Linux/x86_64" -> { directory = 0200000; noFollow = 0400000; }
                case "Linux/aarch64" -> { directory = 040000; noFollow = 0100000; }
                default -> {
                    return null;
                }
            }
            try {
                Class<?> dispatcher = Class.forName("sun.nio.fs.UnixNativeDispatcher");
                Class<?> unixPath = Class.forName("sun.nio.fs.UnixPath");
                Class<?> attributes = Class.forName("sun.nio.fs.UnixFileAttributes");
                Class<?> channels = Class.forName("sun.nio.fs.UnixChannelFactory");
                Class<?> stream = Class.forName("sun.nio.fs.UnixSecureDirectoryStream");
                Class<?> exception = Class.forName("sun.nio.fs.UnixException");
                Class<?> constants = Class.forName("sun.nio.fs.UnixConstants");
                MethodHandles.Lookup l = MethodHandles.privateLookupIn(dispatcher, MethodHandles.lookup());
                int jdkNoFollow = (int) l.findStaticVarHandle(constants, "O_NOFOLLOW", int.class).get();
                if (jdkNoFollow != noFollow) {
                    return null; // not the flags this table knows
                }
                int enoent = (int) l.findStaticVarHandle(constants, "ENOENT", int.class).get();
                MethodHandle newFileChannel = fileChannelFactory(l, channels, unixPath);
                return new Handles(
                        l.findStatic(dispatcher, "openat", MethodType.methodType(int.class, int.class, byte[].class, int.class, int.class)),
                        l.findStatic(dispatcher, "close", MethodType.methodType(void.class, int.class)),
                        l.findStatic(dispatcher, "unlinkat", MethodType.methodType(void.class, int.class, byte[].class, int.class)),
                        l.findStatic(dispatcher, "dup", MethodType.methodType(int.class, int.class)),
                        l.findStatic(dispatcher, "fdopendir", MethodType.methodType(long.class, int.class)),
                        l.findStatic(dispatcher, "closedir", MethodType.methodType(void.class, long.class)),
                        l.findStatic(attributes, "get", MethodType.methodType(attributes, int.class, unixPath, boolean.class))
                                .asType(MethodType.methodType(BasicFileAttributes.class, int.class, Object.class, boolean.class)),
                        newFileChannel.asType(MethodType.methodType(FileChannel.class, int.class, Object.class, Set.class, int.class)),
                        l.findConstructor(stream, MethodType.methodType(void.class, unixPath, long.class, int.class, DirectoryStream.Filter.class))
                                .asType(MethodType.methodType(SecureDirectoryStream.class, Object.class, long.class, int.class,
                                        DirectoryStream.Filter.class)),
                        l.findVirtual(unixPath, "asByteArray", MethodType.methodType(byte[].class))
                                .asType(MethodType.methodType(byte[].class, Object.class)),
                        l.findVirtual(exception, "errno", MethodType.methodType(int.class))
                                .asType(MethodType.methodType(int.class, Object.class)),
                        l.findVirtual(exception, "asIOException", MethodType.methodType(IOException.class, unixPath))
                                .asType(MethodType.methodType(IOException.class, Object.class, Object.class)),
                        exception, directory, noFollow, enoent);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // Not opened to us (IllegalAccessException, InaccessibleObjectException) or another JDK's layout.
                return null;
            }
        }

        /** UnixChannelFactory.newFileChannel(dfd, path, options, mode); older JDKs had a permission-check path too. */
        private static MethodHandle fileChannelFactory(MethodHandles.Lookup l, Class<?> channels, Class<?> unixPath)
                throws ReflectiveOperationException {
            try {
                return l.findStatic(channels, "newFileChannel",
                        MethodType.methodType(FileChannel.class, int.class, unixPath, Set.class, int.class));
            } catch (NoSuchMethodException e) {
                MethodHandle withCheck = l.findStatic(channels, "newFileChannel",
                        MethodType.methodType(FileChannel.class, int.class, unixPath, String.class, Set.class, int.class));
                return MethodHandles.insertArguments(withCheck, 2, (Object) null);
            }
        }
    }
}
