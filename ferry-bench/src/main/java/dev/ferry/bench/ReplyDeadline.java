package dev.ferry.bench;

import java.io.Closeable;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The generator's reply timeout, kept by one sweeping thread instead of a timed read per reply.
 *
 * <p>A read with SO_TIMEOUT on a virtual thread arms and cancels a timer on the JDK's unparker
 * each time it waits: against a server answering 40,000 small transfers that was half of the
 * generator's context switches and futex calls, and cost a third of its CPU (small-files, 20
 * clients: 246,000 against 115,000 context switches, 3.8 against 2.6 CPU seconds), CPU taken from
 * the server being measured on a two-core machine. Here a wait is two volatile writes; a sweep a
 * second closes any connection that has waited longer than its limit, which ends the read with
 * an exception that {@link Wait#failure} turns into a timeout.
 */
final class ReplyDeadline {

    private static final long SWEEP_MILLIS = 1_000;
    private static final Set<Wait> WAITS = ConcurrentHashMap.newKeySet();

    static {
        Thread.ofPlatform().daemon().name("ferry-bench-reply-deadline").start(ReplyDeadline::sweep);
    }

    private ReplyDeadline() {}

    /** A connection's waits for replies of at most {@code limitMillis} each; {@link Wait#close} ends the watch. */
    static Wait watch(Closeable connection, long limitMillis) {
        Wait w = new Wait(connection, TimeUnit.MILLISECONDS.toNanos(limitMillis));
        WAITS.add(w);
        return w;
    }

    private static void sweep() {
        while (true) {
            try {
                Thread.sleep(SWEEP_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Wait w : WAITS) {
                w.expireIfLate(now);
            }
        }
    }

    /** One connection's state: whether it is waiting, since when, and whether it was cut off. */
    static final class Wait implements AutoCloseable {

        private final Closeable connection;
        private final long limitNanos;
        /** When the current wait began; 0 when not waiting. */
        private volatile long since;
        private volatile boolean expired;

        private Wait(Closeable connection, long limitNanos) {
            this.connection = connection;
            this.limitNanos = limitNanos;
        }

        void begin() {
            since = System.nanoTime();
        }

        void end() {
            since = 0;
        }

        /** The exception a read that failed with {@code e} stands for: a timeout if this cut it off. */
        IOException failure(IOException e) {
            if (!expired) {
                return e;
            }
            SocketTimeoutException t = new SocketTimeoutException(
                    "Read timed out (no reply within " + TimeUnit.NANOSECONDS.toMillis(limitNanos) + " ms)");
            t.initCause(e);
            return t;
        }

        private void expireIfLate(long now) {
            long s = since;
            if (s != 0 && now - s > limitNanos && !expired) {
                expired = true;
                Connections.closeQuietly(connection);
            }
        }

        @Override
        public void close() {
            WAITS.remove(this);
        }
    }
}
