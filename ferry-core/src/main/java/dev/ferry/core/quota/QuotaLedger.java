package dev.ferry.core.quota;

import dev.ferry.core.config.Units;
import dev.ferry.core.user.UserStore;
import dev.ferry.core.user.UserStoreException;
import dev.ferry.core.vfs.DiskUsage;
import dev.ferry.core.vfs.UsageAccount;
import dev.ferry.core.vfs.VfsException;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One user's quota usage in this process, shared by all of the user's sessions here.
 *
 * <p>The user store holds the figure; this ledger adds what this process has changed and not yet
 * written there, and what running uploads have reserved. So a reservation is decided in memory,
 * exactly and atomically for every session of the process, while the store only ever receives
 * deltas as single atomic {@code UPDATE ... SET used = used + ?} statements
 * ({@link UserStore#addUsage}): concurrent sessions and nodes never lose an update. Deltas are
 * written when an upload ends, every {@value #FLUSH_BYTES} bytes during a long one, and at once
 * for deletes and renames. The figure is re-read from the store when each upload begins, which is
 * when changes made by other nodes become visible here; when the store says "unknown" (never
 * computed, or forgotten by {@code ferry user set --recount-usage}), the home is measured.
 */
public final class QuotaLedger implements UsageAccount {

    private static final Logger LOG = LoggerFactory.getLogger(QuotaLedger.class);

    /** Unwritten upload bytes after which the store is updated mid-transfer. */
    static final long FLUSH_BYTES = 8L * 1024 * 1024;

    private final String user;
    private final UserStore store;
    /** Serialises store I/O for this user, so a re-read never overlaps a delta in flight. */
    private final ReentrantLock io = new ReentrantLock();
    private final ReentrantLock state = new ReentrantLock();

    // All guarded by state.
    private long quotaBytes;
    private long quotaFiles;
    private Measure measure;
    private boolean loaded;
    private long storedBytes;
    private long storedFiles;
    private long pendingBytes;
    private long pendingFiles;
    private long reserved;

    QuotaLedger(String user, UserStore store) {
        this.user = user;
        this.store = store;
    }

    /** Counts what a user's files take up, where they are stored (a home directory, a bucket). */
    @FunctionalInterface
    public interface Measure {
        DiskUsage.Totals measure() throws IOException;
    }

    /** Applies the account's current quota and how its files are counted (read at each login). */
    void configure(long quotaBytes, long quotaFiles, Measure measure) {
        state.lock();
        try {
            this.quotaBytes = quotaBytes;
            this.quotaFiles = quotaFiles;
            this.measure = measure;
        } finally {
            state.unlock();
        }
    }

    /** Bytes and files in use as this process sees them, reservations included. */
    public Usage usage() {
        state.lock();
        try {
            return new Usage(storedBytes + pendingBytes + reserved, storedFiles + pendingFiles, loaded);
        } finally {
            state.unlock();
        }
    }

    /** What {@link #usage} reports; {@code known} is false before the figure was first read. */
    public record Usage(long bytes, long files, boolean known) {}

    /**
     * Re-reads the figure from the store, measuring the home when the store does not know it.
     *
     * @throws UserStoreException when the store cannot be read
     */
    void refresh() throws UserStoreException, IOException {
        io.lock();
        try {
            Optional<UserStore.Usage> stored = store.usage(user);
            boolean measured = false;
            if (stored.isEmpty()) {
                Measure m;
                state.lock();
                try {
                    m = measure;
                } finally {
                    state.unlock();
                }
                DiskUsage.Totals t = m.measure();
                UserStore.Usage fresh = new UserStore.Usage(t.bytes(), t.files());
                if (store.initUsage(user, fresh)) {
                    LOG.info("quota usage of {} measured: {} in {} files", user, Units.formatSize(t.bytes()), t.files());
                    stored = Optional.of(fresh);
                    measured = true;
                } else {
                    stored = store.usage(user); // another process measured it first
                }
            }
            UserStore.Usage u = stored.orElse(new UserStore.Usage(0, 0));
            state.lock();
            try {
                storedBytes = u.bytes();
                storedFiles = u.files();
                if (measured) {
                    // The disk already holds what this process wrote and had not yet recorded.
                    pendingBytes = 0;
                    pendingFiles = 0;
                }
                loaded = true;
            } finally {
                state.unlock();
            }
        } finally {
            io.unlock();
        }
    }

    @Override
    public void beginWrite(String virtualPath, long freedBytes, boolean newFile) throws VfsException {
        try {
            refresh();
        } catch (UserStoreException | IOException e) {
            LOG.warn("cannot read the quota usage of {}: {}", user, e.getMessage());
            throw new VfsException(VfsException.Reason.IO_ERROR, virtualPath, "Cannot check the quota now; try later");
        }
        state.lock();
        try {
            long files = storedFiles + pendingFiles;
            if (newFile && quotaFiles > 0 && files >= quotaFiles) {
                throw new VfsException(VfsException.Reason.QUOTA_EXCEEDED, virtualPath,
                        "Quota exceeded (" + files + " of " + quotaFiles + " files)");
            }
            long bytes = storedBytes + pendingBytes + reserved;
            if (quotaBytes > 0 && bytes - freedBytes >= quotaBytes) {
                throw new VfsException(VfsException.Reason.QUOTA_EXCEEDED, virtualPath,
                        "Quota exceeded (" + Units.formatSize(bytes) + " of " + Units.formatSize(quotaBytes) + " used)");
            }
            pendingBytes -= freedBytes;
            if (newFile) {
                pendingFiles++;
            }
        } finally {
            state.unlock();
        }
    }

    @Override
    public void cancelWrite(long freedBytes, boolean newFile) {
        state.lock();
        try {
            pendingBytes += freedBytes;
            if (newFile) {
                pendingFiles--;
            }
        } finally {
            state.unlock();
        }
    }

    @Override
    public long reserve(long wanted) {
        state.lock();
        try {
            long granted = wanted;
            if (quotaBytes > 0) {
                long room = quotaBytes - (storedBytes + pendingBytes + reserved);
                granted = Math.max(0, Math.min(wanted, room));
            }
            reserved += granted;
            return granted;
        } finally {
            state.unlock();
        }
    }

    @Override
    public void commit(long reservedBytes, long written) {
        boolean flush;
        state.lock();
        try {
            reserved -= reservedBytes;
            pendingBytes += written;
            flush = Math.abs(pendingBytes) >= FLUSH_BYTES;
        } finally {
            state.unlock();
        }
        if (flush) {
            flush();
        }
    }

    @Override
    public void endWrite() {
        flush();
    }

    @Override
    public void removed(long bytes, long files) {
        state.lock();
        try {
            pendingBytes -= bytes;
            pendingFiles -= files;
        } finally {
            state.unlock();
        }
        flush();
    }

    /** Writes this process's unrecorded changes to the store, as one atomic delta. */
    void flush() {
        io.lock();
        try {
            long bytes;
            long files;
            state.lock();
            try {
                bytes = pendingBytes;
                files = pendingFiles;
                if (bytes == 0 && files == 0) {
                    return;
                }
                pendingBytes = 0;
                pendingFiles = 0;
                storedBytes += bytes;
                storedFiles += files;
            } finally {
                state.unlock();
            }
            try {
                store.addUsage(user, bytes, files);
            } catch (UserStoreException e) {
                LOG.warn("cannot record the quota usage of {} (will retry): {}", user, e.getMessage());
                state.lock();
                try {
                    pendingBytes += bytes;
                    pendingFiles += files;
                    storedBytes -= bytes;
                    storedFiles -= files;
                } finally {
                    state.unlock();
                }
            }
        } finally {
            io.unlock();
        }
    }
}
