package dev.ferry.core.auth;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where password hashing runs: a few platform threads (one per core by default) fed by a bounded
 * queue. Hashing is deliberately CPU- and memory-hard; on the virtual-thread carriers it would
 * starve every transfer during a login flood. When the queue is full, {@link #run} refuses at
 * once, and the front-end tells the client to try later.
 */
public final class HashingPool implements AutoCloseable {

    /** The queue is full. */
    public static final class BusyException extends Exception {
        BusyException() {
            super("password hashing queue is full", null, false, false);
        }
    }

    private final ThreadPoolExecutor executor;

    /**
     * @param threads   hashing threads; 0 = one per available core
     * @param queueSize logins that may wait for a thread
     */
    public HashingPool(int threads, int queueSize) {
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        AtomicInteger ids = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(n, n, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queueSize), r -> {
            Thread t = new Thread(r, "ferry-hash-" + ids.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** Runs {@code task} on a hashing thread and waits (parking a virtual caller) for its result. */
    public <T> T run(Callable<T> task) throws BusyException, InterruptedException {
        Future<T> f;
        try {
            f = executor.submit(task);
        } catch (RejectedExecutionException e) {
            throw new BusyException();
        }
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        } catch (InterruptedException e) {
            f.cancel(true);
            throw e;
        }
    }

    public int threads() {
        return executor.getCorePoolSize();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
