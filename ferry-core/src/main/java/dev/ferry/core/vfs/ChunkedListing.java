package dev.ferry.core.vfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A directory's entries in readdir order, the names read on the caller's thread and stat'ed in
 * chunks on virtual threads, a few chunks ahead of the caller. Listing a large directory is
 * mostly one fstatat an entry (the kernel's path lookup and the JDK's JNI copy of the record);
 * done by several threads at once it spreads over the cores while the caller formats and sends
 * the chunks already done, in order.
 *
 * <p>A directory of at most {@value #CHUNK} entries is stat'ed on the caller's thread: no thread
 * is started. At most {@value #AHEAD} chunks are in flight, so a slow client holds the reading
 * back. {@link #close} waits for them before the listing's descriptor may be closed.
 *
 * <p>Not thread-safe: one caller iterates and closes it.
 */
final class ChunkedListing extends Spliterators.AbstractSpliterator<FileEntry> implements AutoCloseable {

    static final int CHUNK = 256;
    static final int AHEAD = 4;

    /** What a listing shows for one stat'ed name (null: not shown). */
    @FunctionalInterface
    interface Shown {
        FileEntry entryOrNull(String name, UnixStat stat);
    }

    private final NativeListing listing;
    private final Shown shown;
    private final ArrayDeque<CompletableFuture<List<FileEntry>>> inFlight = new ArrayDeque<>();
    private List<FileEntry> current = List.of();
    private int index;
    private boolean namesDone;
    private boolean first = true;

    ChunkedListing(NativeListing listing, Shown shown) {
        super(Long.MAX_VALUE, ORDERED | NONNULL);
        this.listing = listing;
        this.shown = shown;
    }

    @Override
    public boolean tryAdvance(Consumer<? super FileEntry> action) {
        while (index == current.size()) {
            if (!nextChunk()) {
                return false;
            }
        }
        action.accept(current.get(index++));
        return true;
    }

    /** Makes the next finished chunk current; false when there is none left. */
    private boolean nextChunk() {
        try {
            while (!namesDone && inFlight.size() < AHEAD) {
                List<byte[]> names = readNames();
                if (names.isEmpty()) {
                    break;
                }
                if (first && namesDone) {
                    // The whole directory fits in one chunk: no thread for it.
                    first = false;
                    current = stat(names, listing.stater());
                    index = 0;
                    return true;
                }
                first = false;
                inFlight.add(CompletableFuture.supplyAsync(() -> stat(names, listing.stater()), VirtualThreads.EXECUTOR));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CompletableFuture<List<FileEntry>> next = inFlight.poll();
        if (next == null) {
            return false;
        }
        current = next.join();
        index = 0;
        return true;
    }

    private List<byte[]> readNames() throws IOException {
        List<byte[]> names = new ArrayList<>(CHUNK);
        while (names.size() < CHUNK) {
            byte[] name = listing.nextName();
            if (name == null) {
                namesDone = true;
                break;
            }
            names.add(name);
        }
        return names;
    }

    private List<FileEntry> stat(List<byte[]> names, NativeListing.Stater stater) {
        List<FileEntry> entries = new ArrayList<>(names.size());
        for (byte[] bytes : names) {
            UnixStat stat = stater.statOrNull(bytes);
            if (stat != null) {
                FileEntry e = shown.entryOrNull(NativeListing.name(bytes), stat);
                if (e != null) {
                    entries.add(e);
                }
            }
        }
        return entries;
    }

    /** Waits for the chunks in flight (they stat relative to the listing's descriptor). */
    @Override
    public void close() {
        namesDone = true;
        CompletableFuture<List<FileEntry>> f;
        while ((f = inFlight.poll()) != null) {
            try {
                f.join();
            } catch (RuntimeException ignored) {
                // its entries are not wanted any more
            }
        }
    }

    /** One executor for every listing: a virtual thread per chunk. */
    private static final class VirtualThreads {
        static final ExecutorService EXECUTOR = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("ferry-stat-", 0).factory());
    }
}
