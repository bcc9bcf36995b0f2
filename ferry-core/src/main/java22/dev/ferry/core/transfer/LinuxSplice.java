package dev.ferry.core.transfer;

import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.util.function.BooleanSupplier;

/**
 * {@link SocketSplice} on Linux, through the foreign function interface (Java 22 and later).
 *
 * <p>The socket is spliced through a descriptor of our own, a dup of the channel's: the channel
 * may be closed by another thread at any moment (an ABOR, the stall watchdog), and the JDK, not
 * knowing about this I/O, would then release the number, which the next open anywhere in the
 * process could take. Our dup keeps the connection until we close it, and the channel's state is
 * looked at before every step; the wait for data is a park on the JDK's poller, at most
 * {@value #WAIT_MILLIS} ms at a time, so a close made while we wait is seen within that (the
 * FTP transfer also unparks its thread when it closes the channel). The file's descriptor is
 * used as the channel has it: an upload's file is closed only by the transfer's own thread.
 *
 * <p>splice stops at TCP's urgent mark, where a read steps over the urgent byte: when splice
 * finds nothing to take with the socket at the mark, or reports the end of the stream, this
 * returns and the caller's ordinary reads go on from there (and see the real end).
 */
@SuppressWarnings("restricted") // the foreign function interface's downcalls, on purpose: see above
public final class LinuxSplice implements SocketSplice.Engine {

    private static final int SPLICE_F_MOVE = 1;
    private static final int SPLICE_F_NONBLOCK = 2;
    private static final int F_GETFL = 3;
    private static final int F_DUPFD_CLOEXEC = 1030;
    private static final long SIOCATMARK = 0x8905;
    private static final int F_SETPIPE_SZ = 1031;
    private static final int O_NONBLOCK = 04000;
    private static final int O_CLOEXEC = 02000000;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    private static final int PIPE_BYTES = 1 << 20;
    /** Below this a pipe (the kernel's per-user limit reached) would make steps too small to be worth it. */
    private static final int MIN_PIPE_BYTES = 256 * 1024;
    static final long WAIT_MILLIS = 250;

    private final MethodHandle splice;
    private final MethodHandle pipe2;
    private final MethodHandle fcntl;
    private final MethodHandle ioctl;
    private final MethodHandle close;
    private final MethodHandle strerror;
    private final StructLayout stateLayout;
    private final VarHandle errno;
    private final MethodHandle socketFd;
    private final MethodHandle fileDescriptor;
    private final MethodHandle fdVal;
    private final MethodHandle poll;
    private final int pollIn;

    private LinuxSplice() throws Throwable {
        Linker linker = Linker.nativeLinker();
        SymbolLookup libc = linker.defaultLookup();
        Linker.Option errnoOption = Linker.Option.captureCallState("errno");
        stateLayout = Linker.Option.captureStateLayout();
        errno = stateLayout.varHandle(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
        ValueLayout.OfInt i = ValueLayout.JAVA_INT;
        ValueLayout.OfLong l = ValueLayout.JAVA_LONG;
        splice = linker.downcallHandle(libc.find("splice").orElseThrow(),
                FunctionDescriptor.of(l, i, ValueLayout.ADDRESS, i, ValueLayout.ADDRESS, l, i), errnoOption);
        pipe2 = linker.downcallHandle(libc.find("pipe2").orElseThrow(), FunctionDescriptor.of(i, ValueLayout.ADDRESS, i), errnoOption);
        fcntl = linker.downcallHandle(libc.find("fcntl").orElseThrow(), FunctionDescriptor.of(i, i, i, i),
                errnoOption, Linker.Option.firstVariadicArg(2));
        ioctl = linker.downcallHandle(libc.find("ioctl").orElseThrow(), FunctionDescriptor.of(i, i, l, ValueLayout.ADDRESS),
                errnoOption, Linker.Option.firstVariadicArg(2));
        close = linker.downcallHandle(libc.find("close").orElseThrow(), FunctionDescriptor.of(i, i));
        strerror = linker.downcallHandle(libc.find("strerror").orElseThrow(), FunctionDescriptor.of(ValueLayout.ADDRESS, i));

        // The JDK's side: the descriptors behind its channels, and its poller. Needs
        // --add-opens java.base/sun.nio.ch=ALL-UNNAMED; without it this throws, and no one splices.
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        Class<?> selCh = Class.forName("sun.nio.ch.SelChImpl");
        socketFd = MethodHandles.privateLookupIn(selCh, lookup).findVirtual(selCh, "getFDVal", MethodType.methodType(int.class));
        Class<?> fileCh = Class.forName("sun.nio.ch.FileChannelImpl");
        fileDescriptor = MethodHandles.privateLookupIn(fileCh, lookup).findGetter(fileCh, "fd", FileDescriptor.class);
        Class<?> ioUtil = Class.forName("sun.nio.ch.IOUtil");
        fdVal = MethodHandles.privateLookupIn(ioUtil, lookup)
                .findStatic(ioUtil, "fdVal", MethodType.methodType(int.class, FileDescriptor.class));
        Class<?> poller = Class.forName("sun.nio.ch.Poller");
        poll = MethodHandles.privateLookupIn(poller, lookup).findStatic(poller, "poll",
                MethodType.methodType(void.class, int.class, int.class, long.class, BooleanSupplier.class));
        Class<?> net = Class.forName("sun.nio.ch.Net");
        pollIn = (short) MethodHandles.privateLookupIn(net, lookup).findStaticGetter(net, "POLLIN", short.class).invoke();
    }

    /** The engine, or null where the C library or the JDK's internals are not what it needs. */
    public static SocketSplice.Engine create() {
        try {
            return new LinuxSplice();
        } catch (Throwable t) {
            return null;
        }
    }

    @Override
    public long receive(SocketChannel socket, DirectFileSink sink, TransferProgress progress)
            throws IOException, InterruptedException {
        if (!socket.getClass().getName().equals("sun.nio.ch.SocketChannelImpl")) {
            return -1;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(stateLayout);
            int channelFd = (int) invoke(() -> (int) socketFd.invoke(socket));
            // A virtual thread's channel is made non-blocking underneath by its first read (the
            // caller has read from it). A socket still blocking would hold the carrier: copy instead.
            int flags = (int) invoke(() -> (int) fcntl.invokeExact(state, channelFd, F_GETFL, 0));
            if (flags < 0 || (flags & O_NONBLOCK) == 0) {
                return -1;
            }
            MemorySegment fds = arena.allocate(ValueLayout.JAVA_INT, 2);
            if ((int) invoke(() -> (int) pipe2.invokeExact(state, fds, O_CLOEXEC | O_NONBLOCK)) < 0) {
                return -1;
            }
            int pipeIn = fds.getAtIndex(ValueLayout.JAVA_INT, 0);
            int pipeOut = fds.getAtIndex(ValueLayout.JAVA_INT, 1);
            int sock = -1;
            try {
                int capacity = (int) invoke(() -> (int) fcntl.invokeExact(state, pipeOut, F_SETPIPE_SZ, PIPE_BYTES));
                if (capacity < MIN_PIPE_BYTES) {
                    return -1;
                }
                sock = (int) invoke(() -> (int) fcntl.invokeExact(state, channelFd, F_DUPFD_CLOEXEC, 0));
                if (sock < 0) {
                    return -1;
                }
                return pump(socket, sock, pipeIn, pipeOut, capacity, sink, progress, state, arena.allocate(ValueLayout.JAVA_LONG),
                        arena.allocate(ValueLayout.JAVA_INT));
            } finally {
                closeQuietly(pipeIn);
                closeQuietly(pipeOut);
                if (sock >= 0) {
                    closeQuietly(sock);
                }
            }
        }
    }

    private long pump(SocketChannel socket, int sock, int pipeIn, int pipeOut, int capacity, DirectFileSink sink,
                      TransferProgress progress, MemorySegment state, MemorySegment offset, MemorySegment mark)
            throws IOException, InterruptedException {
        long total = 0;
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                socket.close(); // as an interrupted channel read would
                throw new ClosedByInterruptException();
            }
            if (!socket.isOpen()) {
                // Also what makes the dup safe: the JDK marks the channel closed before it frees
                // the number, so open here means the number we dup'ed was still the channel's.
                throw new AsynchronousCloseException();
            }
            long n = invoke(() -> (long) splice.invokeExact(state, sock, MemorySegment.NULL, pipeOut, MemorySegment.NULL,
                    (long) capacity, SPLICE_F_MOVE | SPLICE_F_NONBLOCK));
            if (n == 0) {
                // The end of the stream, or urgent data (TCP's out-of-band byte) after the FIN:
                // splice stops at the urgent mark, where a read steps over it. The caller's read
                // tells which.
                return total;
            }
            if (n < 0) {
                int e = (int) errno.get(state, 0L);
                if (e == EAGAIN) {
                    if (atUrgentMark(sock, state, mark)) {
                        return total; // splice will not pass the mark; a read steps over it
                    }
                    invoke(() -> {
                        poll.invoke(sock, pollIn, WAIT_MILLIS * 1_000_000L, (BooleanSupplier) socket::isOpen);
                        return 0;
                    });
                    continue;
                }
                if (e == EINTR) {
                    continue;
                }
                throw new IOException(message(e));
            }
            long left = n;
            while (left > 0) {
                int w = sink.writeDirect((int) left, (file, position, count) -> intoFile(pipeIn, file, position, count, state, offset));
                left -= w;
                total += w;
                progress.add(w);
            }
        }
    }

    /**
     * Whether the next byte to read is TCP's urgent byte (SIOCATMARK), where splice stops. Not
     * "are bytes queued": bytes that arrived since the splice's EAGAIN would say yes too.
     */
    private boolean atUrgentMark(int sock, MemorySegment state, MemorySegment mark) throws IOException {
        int r = (int) invoke(() -> (int) ioctl.invokeExact(state, sock, SIOCATMARK, mark));
        return r == 0 && mark.get(ValueLayout.JAVA_INT, 0) != 0;
    }

    /** Up to {@code count} bytes from the pipe into {@code file} at {@code position}: at least one, or it throws. */
    private int intoFile(int pipeIn, FileChannel file, long position, int count, MemorySegment state, MemorySegment offset)
            throws IOException {
        int fd = (int) invoke(() -> (int) fdVal.invoke((FileDescriptor) fileDescriptor.invoke(file)));
        while (true) {
            offset.set(ValueLayout.JAVA_LONG, 0, position);
            long n = invoke(() -> (long) splice.invokeExact(state, pipeIn, MemorySegment.NULL, fd, offset, (long) count, SPLICE_F_MOVE));
            if (n > 0) {
                return (int) n;
            }
            int e = n == 0 ? 0 : (int) errno.get(state, 0L);
            if (e != EINTR) {
                throw new StorageException(new IOException(n == 0 ? "splice into the file moved nothing" : message(e)));
            }
        }
    }

    private String message(int e) {
        try {
            MemorySegment s = (MemorySegment) strerror.invokeExact(e);
            return s.reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "errno " + e;
        }
    }

    private void closeQuietly(int fd) {
        try {
            int ignored = (int) close.invokeExact(fd);
        } catch (Throwable ignored) {
            // close(2) releases the descriptor even when it reports an error
        }
    }

    /** A method handle call (a native function's or the JDK's): its int or long result. */
    @FunctionalInterface
    private interface NativeCall {
        long run() throws Throwable;
    }

    /** Runs {@code c}; what a method handle declares as Throwable comes out as an IOException. */
    private static long invoke(NativeCall c) throws IOException {
        try {
            return c.run();
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }
}
