package dev.ferry.core.transfer;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * A file read as a download reads it, for the commands that read a user's file on the server's
 * side without sending it (FTP HASH, SFTP check-file, sha256sum over SSH): each read is paced by
 * the user's throttle, so a hash is no way around the download rate; stops when the thread is
 * interrupted (the session closed); and tells {@code afterRead} (an SSH session's idle clock).
 */
public final class PacedChannel implements ReadableByteChannel {

    private final ReadableByteChannel in;
    private final Throttle throttle;
    private final Runnable afterRead;

    public PacedChannel(ReadableByteChannel in, Throttle throttle, Runnable afterRead) {
        this.in = in;
        this.throttle = throttle;
        this.afterRead = afterRead;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("read interrupted");
        }
        int n = in.read(dst);
        if (n > 0) {
            try {
                throttle.acquire(n);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("read interrupted");
            }
            afterRead.run();
        }
        return n;
    }

    @Override
    public boolean isOpen() {
        return in.isOpen();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
