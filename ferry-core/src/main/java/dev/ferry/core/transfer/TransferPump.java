package dev.ferry.core.transfer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;

/**
 * The copy loops of every transfer, in every protocol: throttled, quota-bounded, counted. A
 * download from a file to a plain socket uses {@link FileChannel#transferTo} (sendfile); the rest
 * copies through a pooled direct buffer.
 */
public final class TransferPump {

    /** Bytes per transferTo call when unthrottled: large enough that syscalls don't matter. */
    private static final long ZERO_COPY_CHUNK = 8L * 1024 * 1024;
    /** Most bytes per step when throttled (the throttle may ask for fewer). */
    private static final int THROTTLED_CHUNK = 32 * 1024;
    /**
     * Bytes copied the ordinary way while waiting for a full socket to drain. Small: the write only
     * stands in for "wait until writable", and every byte it carries is a byte sendfile did not.
     */
    private static final long WAIT_PIECE = 4 * 1024;
    /** Files up to this size go through a buffer rather than sendfile (see {@link #sendFile}). */
    private static final long SMALL_FILE = 64 * 1024;
    /**
     * An upload is copied through a buffer until it has moved this much, then spliced
     * ({@link SocketSplice}): a small file never pays for the pipe.
     */
    private static final long SPLICE_AFTER = 1024 * 1024;

    private TransferPump() {}

    /**
     * Copies {@code in} from its current position to its end (as it is when the copy starts) into
     * {@code out}. Returns bytes sent. The caller has just opened {@code in} and asked where it
     * stands and how long it is: {@code position} and {@code size} (which spares a download an lseek
     * and an fstat here).
     */
    public static long send(ReadableByteChannel in, long position, long size, WritableByteChannel out, Throttle throttle,
                            TransferProgress progress) throws IOException, InterruptedException {
        if (in instanceof FileChannel file && out instanceof SocketChannel socket) {
            try (SendBuffers counted = SendBuffers.enter(socket)) {
                return sendFile(file, position, size, socket, throttle, progress);
            }
        }
        return copy(in, out, throttle, progress, false);
    }

    /**
     * Copies {@code in} until its end into {@code out}, the storage. When the storage refuses more
     * (the user's file system stops an upload at the quota's last byte and throws
     * {@link QuotaExceededException}), the bytes it took are counted and the exception goes on.
     * From a plain socket into a local file, unthrottled, all but the first
     * {@value #SPLICE_AFTER} bytes are spliced where that is available ({@link SocketSplice}).
     */
    public static long receive(ReadableByteChannel in, WritableByteChannel out, Throttle throttle,
                               TransferProgress progress) throws IOException, InterruptedException {
        return copy(in, out, throttle, progress, true);
    }

    /**
     * sendfile(2), without ever blocking a virtual thread's carrier. On a blocking socket the
     * kernel would put the carrier thread itself to sleep whenever the client reads slower than we
     * send, and a few slow clients would stall every session. So on a virtual thread the socket is
     * first made non-blocking underneath (the JDK does that for a virtual thread's first I/O on a
     * channel, and an empty write is such I/O); sendfile then returns 0 when the socket is full,
     * and one ordinary write of the next piece, which parks the virtual thread until the socket
     * drains, stands in for the wait.
     *
     * <p>A file of at most {@value #SMALL_FILE} bytes is read and written instead: a pread and a
     * write, where a transferTo costs an fstat, a copy_file_range the JDK tries first (a socket
     * refuses it), the sendfile and an lseek. Reads are positional throughout, so the file's own
     * position is left where it was.
     */
    private static long sendFile(FileChannel file, long position, long end, SocketChannel socket, Throttle throttle,
                                 TransferProgress progress) throws IOException, InterruptedException {
        if (end - position <= SMALL_FILE && throttle.isUnlimited()) {
            return sendSmall(file, position, end, socket, progress);
        }
        boolean virtual = Thread.currentThread().isVirtual();
        if (virtual) {
            socket.write(ByteBuffer.allocate(0));
        }
        long chunk = throttle.isUnlimited() ? ZERO_COPY_CHUNK : throttledStep(throttle);
        long sent = 0;
        ByteBuffer waitBuffer = null;
        try {
            while (position < end) {
                long want = Math.min(chunk, end - position);
                throttle.acquire(want);
                long n = file.transferTo(position, want, socket);
                if (n == 0 && virtual) {
                    // The socket is full: write one piece the ordinary way, parking until it drains.
                    if (waitBuffer == null) {
                        waitBuffer = BufferPool.take();
                    }
                    n = writeThrough(file, position, Math.min(want, WAIT_PIECE), socket, waitBuffer);
                }
                if (n <= 0) {
                    // The file shrank under us: stop at what exists now.
                    end = file.size();
                    if (n < 0 || position >= end) {
                        break;
                    }
                    continue;
                }
                position += n;
                sent += n;
                progress.add(n);
            }
        } finally {
            if (waitBuffer != null) {
                BufferPool.give(waitBuffer);
            }
        }
        return sent;
    }

    /** The bytes from {@code position} to {@code end} (or an earlier end of file) through one buffer. */
    private static long sendSmall(FileChannel file, long position, long end, SocketChannel socket, TransferProgress progress)
            throws IOException {
        ByteBuffer buffer = BufferPool.take();
        try {
            long sent = 0;
            while (position < end) {
                long n = writeThrough(file, position, end - position, socket, buffer);
                if (n <= 0) {
                    break; // the file shrank under us: what exists has been sent
                }
                position += n;
                sent += n;
                progress.add(n);
            }
            return sent;
        } finally {
            BufferPool.give(buffer);
        }
    }

    /** Reads up to {@code max} bytes at {@code position} and writes them all; -1 at end of file. */
    private static long writeThrough(FileChannel file, long position, long max, SocketChannel socket, ByteBuffer buffer)
            throws IOException {
        buffer.clear().limit((int) Math.min(max, buffer.capacity()));
        int read;
        try {
            read = file.read(buffer, position);
        } catch (IOException e) {
            throw new StorageException(e);
        }
        if (read <= 0) {
            return read < 0 ? -1 : 0;
        }
        buffer.flip();
        while (buffer.hasRemaining()) {
            socket.write(buffer);
        }
        return read;
    }

    /** @param upload true when {@code out} is the storage side, false when {@code in} is */
    private static long copy(ReadableByteChannel in, WritableByteChannel out, Throttle throttle,
                             TransferProgress progress, boolean upload) throws IOException, InterruptedException {
        ByteBuffer buffer = upload ? BufferPool.takeForUpload() : BufferPool.take();
        boolean spliceable = upload && throttle.isUnlimited() && in instanceof SocketChannel && out instanceof DirectFileSink
                && SocketSplice.available();
        try {
            int step = throttle.isUnlimited() ? buffer.capacity() : throttledStep(throttle);
            buffer.limit(step);
            long total = 0;
            while (true) {
                if (spliceable && total >= SPLICE_AFTER) {
                    spliceable = false;
                    // Then on with ordinary reads: they see the end of the stream (or step over
                    // an urgent byte where splice stopped).
                    total += Math.max(0, SocketSplice.receive((SocketChannel) in, (DirectFileSink) out, progress));
                }
                int n = upload ? in.read(buffer) : readStorage(in, buffer);
                if (n < 0) {
                    break;
                }
                if (n == 0) {
                    continue;
                }
                buffer.flip();
                total += drain(buffer, out, throttle, progress, upload);
                buffer.clear().limit(step);
            }
            return total;
        } finally {
            BufferPool.give(buffer);
        }
    }

    private static long drain(ByteBuffer buffer, WritableByteChannel out, Throttle throttle, TransferProgress progress,
                              boolean toStorage) throws IOException, InterruptedException {
        int n = buffer.remaining();
        throttle.acquire(n);
        try {
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        } catch (QuotaExceededException e) {
            // The storage wrote up to the quota's last byte: count what it took.
            progress.add(n - buffer.remaining());
            throw e;
        } catch (IOException e) {
            throw toStorage ? new StorageException(e) : e;
        }
        progress.add(n);
        return n;
    }

    private static int throttledStep(Throttle throttle) {
        return (int) Math.max(1, Math.min(THROTTLED_CHUNK, throttle.step()));
    }

    private static int readStorage(ReadableByteChannel in, ByteBuffer buffer) throws StorageException {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw new StorageException(e);
        }
    }
}
