package dev.ferry.s3;

import dev.ferry.core.transfer.QuotaExceededException;
import dev.ferry.core.vfs.UsageAccount;
import dev.ferry.core.vfs.VirtualPath;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;

/**
 * An upload to object storage: written into a local spool file, counted against the quota as it
 * grows (as a local upload is: the write stops at the last byte that fits), and stored as the
 * object when closed. For {@link dev.ferry.core.vfs.WriteMode.Replace} an upload closed before its
 * first write stores nothing, so the old object stays (an FTP STOR whose data connection never
 * came). A store that fails gives the quota back and is reported by close; the old object stays.
 */
final class ObjectUpload implements SeekableByteChannel {

    private final ObjectFileSystem files;
    private final VirtualPath path;
    private final Path spool;
    private final FileChannel file;
    private final UsageAccount account;
    /** Counted as freed at open: the old content's bytes, given back when nothing is stored. */
    private final long freed;
    private final boolean newFile;
    private long size;
    private long position;
    private long grown;
    /** Replace only: nothing stored unless a write came. */
    private boolean waitingForFirstWrite;
    private boolean closed;

    ObjectUpload(ObjectFileSystem files, VirtualPath path, Path spool, FileChannel file, UsageAccount account, long position,
                 long cutOnStart, long freed, boolean newFile) throws IOException {
        this.files = files;
        this.path = path;
        this.spool = spool;
        this.file = file;
        this.account = account;
        this.size = file.size();
        this.position = position;
        this.freed = freed;
        this.newFile = newFile;
        this.waitingForFirstWrite = cutOnStart >= 0;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        waitingForFirstWrite = false;
        int want = src.remaining();
        if (want == 0) {
            return 0;
        }
        long growth = Math.max(0, position + want - size);
        long granted = growth == 0 ? 0 : account.reserve(growth);
        int allowed = want;
        if (granted < growth) {
            allowed = (int) Math.max(0, Math.min(want, size + granted - position));
            if (allowed == 0) {
                account.commit(granted, 0);
                throw new QuotaExceededException("Quota exceeded");
            }
        }
        int limit = src.limit();
        int written = 0;
        try {
            src.limit(src.position() + allowed);
            written = file.write(src, position);
        } finally {
            src.limit(limit);
            long grew = written == 0 ? 0 : Math.max(0, position + written - size);
            size += grew;
            grown += grew;
            position += written;
            account.commit(granted, grew);
        }
        return written;
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
        waitingForFirstWrite = false;
        if (newSize < size) {
            file.truncate(newSize);
            account.removed(size - newSize, 0);
            grown -= Math.min(grown, size - newSize);
            size = newSize;
        }
        position = Math.min(position, newSize);
        return this;
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            file.close();
            if (waitingForFirstWrite) {
                account.cancelWrite(freed, newFile); // never started: the old object stays
                return;
            }
            try {
                files.store(path, spool, size);
            } catch (IOException | RuntimeException e) {
                account.removed(grown, 0);
                account.cancelWrite(freed, newFile);
                throw e;
            }
        } finally {
            ObjectFileSystem.deleteQuietly(spool);
            account.endWrite();
        }
    }
}
