package dev.ferry.ftp.listing;

import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A listing's entries read on a second virtual thread, in batches, while the caller formats and
 * sends the ones already read. Reading a large directory is mostly the kernel's work (getdents64
 * and one fstatat an entry, with the JDK copying each stat record into Java), formatting and
 * sending it is ours; on two or more cores the two now overlap instead of taking turns.
 *
 * <p>The first {@value #BATCH} entries are read on the caller's thread: a directory no larger
 * than that never starts a second thread. At most {@value #QUEUED} batches wait ahead of the
 * caller, so a slow client holds back the reading too. {@link #close} stops the reader and waits
 * for it, so that the listing's directory handle can be closed after it safely.
 *
 * <p>Not thread-safe: one caller iterates and closes it.
 */
public final class ReadAhead<T> implements Iterator<T>, AutoCloseable {

    static final int BATCH = 256;
    static final int QUEUED = 4;
    private static final Object END = new Object();

    private final Iterator<T> source;
    private final BlockingQueue<Object> ahead = new ArrayBlockingQueue<>(QUEUED);
    private volatile boolean stopped;
    private Thread reader;
    private List<T> current;
    private int index;
    private boolean ended;

    public ReadAhead(Iterator<T> source) {
        this.source = source;
        List<T> first = new ArrayList<>(BATCH);
        Failure failure = fill(first);
        this.current = first;
        if (failure != null) {
            ahead.add(failure); // after the entries read before it
        } else if (source.hasNext()) {
            reader = Thread.ofVirtual().name("ferry-read-ahead").start(this::readRest);
        } else {
            ended = true;
        }
    }

    @Override
    public boolean hasNext() {
        while (index == current.size()) {
            if (ended) {
                return false;
            }
            Object next = take();
            if (next == END) {
                ended = true;
                return false;
            }
            if (next instanceof Failure f) {
                ended = true;
                throw f.rethrown();
            }
            @SuppressWarnings("unchecked")
            List<T> batch = (List<T>) next;
            current = batch;
            index = 0;
        }
        return true;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.get(index++);
    }

    /** Stops the reader and waits until it has let go of the source. */
    @Override
    public void close() {
        stopped = true;
        Thread r = reader;
        if (r == null) {
            return;
        }
        boolean interrupted = false;
        while (r.isAlive()) {
            ahead.clear(); // a reader waiting to hand over a batch gets room, sees the stop and ends
            try {
                r.join(10);
            } catch (InterruptedException e) {
                interrupted = true; // the source must be free before the caller closes it: keep waiting
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void readRest() {
        while (!stopped) {
            List<T> batch = new ArrayList<>(BATCH);
            Failure failure = fill(batch);
            if (!batch.isEmpty() && !handOver(batch)) {
                return;
            }
            if (failure != null) {
                handOver(failure);
                return;
            }
            if (batch.size() < BATCH) {
                handOver(END);
                return;
            }
        }
    }

    /** Queues {@code item} for the caller; false when the caller stopped first. */
    private boolean handOver(Object item) {
        try {
            while (!stopped) {
                if (ahead.offer(item, 50, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private Object take() {
        try {
            return ahead.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended = true;
            InterruptedIOException io = new InterruptedIOException("listing interrupted");
            throw new UncheckedIOException(io);
        }
    }

    /** Reads up to a batch into {@code b}; what the source threw, or null. */
    private Failure fill(List<T> b) {
        try {
            while (b.size() < BATCH && source.hasNext()) {
                b.add(source.next());
            }
            return null;
        } catch (RuntimeException | Error e) {
            return new Failure(e);
        }
    }

    /** What the reader met, to be thrown on the caller's thread. */
    private record Failure(Throwable cause) {
        RuntimeException rethrown() {
            if (cause instanceof Error e) {
                throw e;
            }
            return (RuntimeException) cause;
        }
    }
}
