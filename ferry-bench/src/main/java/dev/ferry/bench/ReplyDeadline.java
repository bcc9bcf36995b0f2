package dev.ferry.bench;

import dev.ferry.core.transfer.StallWatchdog;
import java.io.Closeable;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The generator's reply timeout, kept by the server's own {@link StallWatchdog} (one sweeping
 * thread) instead of a timed read per reply.
 *
 * <p>A read with SO_TIMEOUT on a virtual thread arms and cancels a timer on the JDK's unparker
 * each time it waits: against a server answering 40,000 small transfers that was half of the
 * generator's context switches and futex calls, and cost a third of its CPU (small-files, 20
 * clients: 246,000 against 115,000 context switches, 3.8 against 2.6 CPU seconds), CPU taken from
 * the server being measured on a two-core machine. Here a wait is two volatile writes; a
 * connection that has waited longer than its limit is closed, which ends the read with an
 * exception that {@link Wait#failure} turns into a timeout.
 */
final class ReplyDeadline {

    /** One watchdog per limit (the generator uses one; tests a shorter one). */
    private static final Map<Long, StallWatchdog> WATCHDOGS = new ConcurrentHashMap<>();

    private ReplyDeadline() {}

    /** A connection's waits for replies of at most {@code limitMillis} each; {@link Wait#close} ends the watch. */
    static Wait watch(Closeable connection, long limitMillis) {
        StallWatchdog watchdog = WATCHDOGS.computeIfAbsent(limitMillis,
                l -> new StallWatchdog(Duration.ofMillis(l), "ferry-bench-reply-deadline"));
        return new Wait(watchdog, connection, limitMillis);
    }

    /** One connection's state: whether it is waiting, and whether it was cut off. */
    static final class Wait implements AutoCloseable {

        private final long limitMillis;
        private final StallWatchdog.Watch watch;
        /** Counts the waits begun: the sign of life the watchdog looks for. */
        private volatile long waits;
        private volatile boolean waiting;
        private volatile boolean expired;

        private Wait(StallWatchdog watchdog, Closeable connection, long limitMillis) {
            this.limitMillis = limitMillis;
            this.watch = watchdog.watch(() -> waits, () -> !waiting, () -> {
                expired = true;
                Connections.closeQuietly(connection);
            });
        }

        void begin() {
            waits++; // only the connection's own thread writes it
            waiting = true;
        }

        void end() {
            waiting = false;
        }

        /** The exception a read that failed with {@code e} stands for: a timeout if this cut it off. */
        IOException failure(IOException e) {
            if (!expired) {
                return e;
            }
            SocketTimeoutException t = new SocketTimeoutException("Read timed out (no reply within " + limitMillis + " ms)");
            t.initCause(e);
            return t;
        }

        @Override
        public void close() {
            watch.close();
        }
    }
}
