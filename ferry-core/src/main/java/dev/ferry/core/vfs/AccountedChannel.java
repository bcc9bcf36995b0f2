package dev.ferry.core.vfs;

import dev.ferry.core.transfer.DirectFileSink;
import dev.ferry.core.transfer.QuotaExceededException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * An upload's file, counted against the user's quota. Each write first reserves the bytes by
 * which it would grow the file; when the quota has less room, the write stops at exactly the
 * last byte that fits, and the next one throws {@link QuotaExceededException}. Bytes written
 * within the quota stay. Rewriting bytes inside the file costs nothing.
 *
 * <p>For {@link WriteMode.Replace} the old content goes at the first write (an empty one too), as
 * {@link FreshReplacement} empties a file; closed before that, the file is left as it was and the
 * room counted as freed is given back, and a file the open created is removed again.
 *
 * <p>The channel keeps its own position and writes at it (pwrite), so a write costs no lseek.
 */
final class AccountedChannel implements SeekableByteChannel, Syncable, DirectFileSink {

    private FileChannel file;
    private final UsageAccount account;
    private long size;
    private long position;
    private boolean closed;
    /** Bytes to cut when the upload starts (Replace), or -1 when there is nothing pending. */
    private long cutOnStart;
    /** For Replace: the emptying put off until the first write, or null once done (or for other modes). */
    private FreshReplacement pending;

    /**
     * @param position   where the first write goes
     * @param cutOnStart for {@link WriteMode.Replace}: the bytes counted as freed at open; else -1
     * @param pending    for {@link WriteMode.Replace}: how the old content goes at the first write;
     *                   else null. Discarded if this channel is closed before that
     */
    AccountedChannel(FileChannel file, UsageAccount account, long position, long cutOnStart, FreshReplacement pending)
            throws IOException {
        this.file = file;
        this.pending = pending;
        this.account = account;
        this.size = file.size();
        this.position = position;
        this.cutOnStart = cutOnStart;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        start();
        return advance(QuotaWrite.write(file, src, position, size, account));
    }

    @Override
    public int writeDirect(int count, QuotaWrite.Writer writer) throws IOException {
        start();
        return advance(QuotaWrite.write(file, count, position, size, account, writer));
    }

    /** Moves the size and position past what a write did; returns the bytes it wrote. */
    private int advance(QuotaWrite.Result r) {
        size += r.grew();
        position += r.written();
        return r.written();
    }

    private void start() throws IOException {
        if (cutOnStart >= 0) {
            // The upload has started: now the old content goes (its room was counted at open). An
            // empty file (a new one, most often) has nothing to cut.
            FreshReplacement r = pending;
            pending = null;
            if (size > 0) {
                file = r.swap(file);
                size = 0;
            } else {
                r.discard();
            }
            position = 0;
            cutOnStart = -1;
        }
    }

    @Override
    public int read(ByteBuffer dst) {
        throw new NonReadableChannelException();
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) {
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position");
        }
        position = newPosition;
        return this;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public SeekableByteChannel truncate(long newSize) throws IOException {
        if (newSize < size) {
            OffCarrier.run(() -> file.truncate(newSize));
            account.removed(size - newSize, 0);
            size = newSize;
        }
        position = Math.min(position, newSize);
        return this;
    }

    @Override
    public void sync() throws IOException {
        file.force(true);
    }

    @Override
    public boolean isOpen() {
        return file.isOpen();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            try {
                file.close();
            } finally {
                if (pending != null && pending.abandon()) {
                    account.removed(0, 1); // the new file the open made is gone again
                }
            }
        } finally {
            if (cutOnStart > 0) {
                account.cancelWrite(cutOnStart, false); // never started: the old bytes stay
            }
            account.endWrite();
        }
    }
}
