package dev.ferry.core.transfer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Ends transfers that stop moving. Blocking channel reads and writes have no timeout of their own,
 * so one shared thread looks at every transfer's byte count once a second and runs the transfer's
 * abort action when it has not changed for the stall timeout.
 */
public final class StallWatchdog implements AutoCloseable {

    private record Watched(TransferProgress progress, Runnable abort, long[] last) {}

    private final long timeoutNanos;
    private final Map<Object, Watched> watched = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker;

    public StallWatchdog(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ferry-stall-watchdog");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    /** Watches a transfer until the returned handle is closed. */
    public AutoCloseable watch(TransferProgress progress, Runnable abort) {
        Object key = new Object();
        watched.put(key, new Watched(progress, abort, new long[] {-1, System.nanoTime()}));
        return () -> watched.remove(key);
    }

    private void tick() {
        long now = System.nanoTime();
        watched.forEach((key, w) -> {
            long bytes = w.progress().bytes();
            if (bytes != w.last()[0]) {
                w.last()[0] = bytes;
                w.last()[1] = now;
            } else if (now - w.last()[1] > timeoutNanos) {
                watched.remove(key);
                try {
                    w.abort().run();
                } catch (RuntimeException ignored) {
                    // the transfer's own thread reports the failure
                }
            }
        });
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
