package dev.ferry.sftp.channel;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.sshd.server.channel.ChannelDataReceiver;
import org.apache.sshd.server.channel.ChannelSession;

/**
 * The bytes a client sends on one channel, as an {@link InputStream} for the command's thread.
 * MINA's own pipe keeps everything in one array and moves the unread rest to its front after
 * each read, which with a window of several MiB costs a copy of the whole window per packet read;
 * here arriving bytes go into a queue of chunks (each packet appended to the last chunk while it
 * has room), copied once on the way in and once on the way out. The window is granted back to the
 * client as the command consumes, so a slow disk slows the client instead of filling memory.
 */
public final class ChannelInbox extends InputStream implements ChannelDataReceiver {

    private static final class Chunk {
        final byte[] data;
        int pos;
        int end;

        Chunk(byte[] data, int end) {
            this.data = data;
            this.end = end;
        }
    }

    /** Chunks are pooled at this size: the largest SSH packet we let the client send. */
    private final int chunkSize;
    private final ChannelSession channel;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
    private final ArrayDeque<byte[]> free = new ArrayDeque<>();
    private long buffered;
    private boolean eof;
    private boolean closed;

    /** Installs itself as the channel's data receiver; do this before the channel starts. */
    public ChannelInbox(ChannelSession channel, int chunkSize) {
        this.channel = channel;
        this.chunkSize = chunkSize;
        channel.setDataReceiver(this);
    }

    @Override
    public int data(ChannelSession ch, byte[] buf, int start, int len) throws IOException {
        lock.lock();
        try {
            if (closed) {
                throw new IOException("channel input closed");
            }
            int off = start;
            int left = len;
            // Bytes fill the last chunk before a new one is taken: memory held stays within the
            // window (plus one chunk) however the client cuts its bytes, where a chunk per message
            // let 8 MiB of one-byte messages hold 8M chunks.
            while (left > 0) {
                Chunk last = chunks.peekLast();
                if (last == null || last.end == chunkSize) {
                    byte[] b = free.pollFirst();
                    last = new Chunk(b == null ? new byte[chunkSize] : b, 0);
                    chunks.addLast(last);
                }
                int n = Math.min(left, chunkSize - last.end);
                System.arraycopy(buf, off, last.data, last.end, n);
                last.end += n;
                off += n;
                left -= n;
            }
            buffered += len;
            ready.signalAll();
        } finally {
            lock.unlock();
        }
        // 0: the window is released only as the command reads (see read).
        return 0;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int got = 0;
        lock.lock();
        try {
            while (chunks.isEmpty()) {
                if (eof || closed) {
                    return -1;
                }
                try {
                    ready.await(1, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    throw new InterruptedIOException("interrupted while waiting for the client");
                }
            }
            while (got < len && !chunks.isEmpty()) {
                Chunk c = chunks.peekFirst();
                int n = Math.min(len - got, c.end - c.pos);
                System.arraycopy(c.data, c.pos, b, off + got, n);
                c.pos += n;
                got += n;
                if (c.pos == c.end) {
                    chunks.pollFirst();
                    if (free.size() < 64) {
                        free.addLast(c.data);
                    }
                }
            }
            buffered -= got;
        } finally {
            lock.unlock();
        }
        channel.getLocalWindow().release(got);
        return got;
    }

    @Override
    public int available() {
        lock.lock();
        try {
            return (int) Math.min(buffered, Integer.MAX_VALUE);
        } finally {
            lock.unlock();
        }
    }

    /** MINA calls this at the client's EOF: the reader sees the end once the queue is drained. */
    @Override
    public void close() {
        lock.lock();
        try {
            eof = true;
            ready.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
