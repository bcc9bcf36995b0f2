package dev.ferry.s3;

import dev.ferry.core.vfs.QuotaWrite;
import dev.ferry.core.vfs.UsageAccount;
import dev.ferry.core.vfs.VfsException;
import dev.ferry.core.vfs.VirtualPath;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * An upload to object storage: written into a local spool file and stored as the object when it
 * is closed. While it runs, the object it replaces is still in the bucket and still counted, so
 * every byte the spool grows by is reserved against the quota (a write stops at the last byte
 * that fits, as a local upload's does); when it is stored, the usage is settled against the
 * object as it is then (looked up again: another session may have replaced, renamed or deleted
 * it meanwhile), so the figure is what the bucket holds.
 *
 * <p>Nothing is stored for a {@link dev.ferry.core.vfs.WriteMode.Replace} closed before its first
 * write (an FTP STOR whose data never came), nor for an append or update open of an existing
 * object that wrote nothing (an SFTP open for reading and writing that only read). A store that
 * fails gives back what was counted and is reported by {@link #close}; the old object stays.
 */
final class ObjectUpload implements SeekableByteChannel {

    /** How the object looked when the upload opened, and what the upload must do if it writes nothing. */
    record Start(boolean existed, boolean waitForFirstWrite, boolean storeIfUntouched) {}

    private final ObjectFileSystem files;
    private final VirtualPath path;
    private final Path spool;
    private final FileChannel file;
    private final UsageAccount account;
    private final Start start;
    private long size;
    private long position;
    /** What this upload has counted so far: growth committed, less what a truncate gave back. */
    private long counted;
    private boolean touched;
    private boolean closed;

    ObjectUpload(ObjectFileSystem files, VirtualPath path, Path spool, FileChannel file, UsageAccount account, long position,
                 Start start) throws IOException {
        this.files = files;
        this.path = path;
        this.spool = spool;
        this.file = file;
        this.account = account;
        this.start = start;
        this.size = file.size();
        this.position = position;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        touched = true;
        QuotaWrite.Result r = QuotaWrite.write(file, src, position, size, account);
        size += r.grew();
        counted += r.grew();
        position += r.written();
        return r.written();
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
        touched = true;
        if (newSize < size) {
            file.truncate(newSize);
            // Only this upload's own growth comes back now: the stored object is still in the
            // bucket, and counted, until the store settles.
            long back = Math.min(size - newSize, Math.max(0, counted));
            if (back > 0) {
                account.removed(back, 0);
                counted -= back;
            }
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
            try {
                file.close();
            } catch (IOException e) {
                account.removed(counted, 0);
                account.cancelWrite(0, !start.existed());
                throw e;
            }
            boolean store = touched || !start.waitForFirstWrite() && start.storeIfUntouched();
            if (!store) {
                account.cancelWrite(0, !start.existed()); // nothing changes in the bucket
                return;
            }
            try {
                files.<Void, IOException>locked(path, () -> {
                    OptionalLong before;
                    try {
                        before = files.storedSize(path);
                    } catch (VfsException e) {
                        throw new IOException("cannot look at " + path + " before storing it", e);
                    }
                    files.store(path, spool, size);
                    settle(before);
                    return null;
                });
            } catch (IOException | RuntimeException e) {
                account.removed(counted, 0);
                account.cancelWrite(0, !start.existed());
                throw e instanceof IOException io ? io : new IOException("cannot store " + path, e);
            }
        } finally {
            files.finished(path, this);
            ObjectFileSystem.deleteQuietly(spool);
            account.endWrite();
        }
    }

    /**
     * The usage as the bucket now is: {@code size} bytes replaced the {@code before} bytes that
     * were there just before the store (the old object, or what another session put there), while
     * this upload counted {@code counted} on top of a usage that held {@code before} already (the
     * bytes the upload kept were the old object's). So the figure moves by {@code size - before -
     * counted}; and by a file when this upload counted one that was there after all, or none for
     * an object renamed or deleted meanwhile.
     */
    private void settle(OptionalLong before) {
        long correction = size - before.orElse(0) - counted;
        boolean countedNewFile = !start.existed();
        boolean isNewFile = before.isEmpty();
        long files = countedNewFile == isNewFile ? 0 : isNewFile ? 1 : -1;
        if (correction != 0 || files != 0) {
            account.added(correction, files);
        }
    }
}
