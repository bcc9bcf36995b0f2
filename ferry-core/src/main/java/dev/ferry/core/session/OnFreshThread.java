package dev.ferry.core.session;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a blocking call on a new virtual thread and waits for it. For library work that would
 * otherwise run on a session's own long-lived virtual thread and leave per-thread caches on it for
 * the session's whole life: at login, Jackson's buffer recycler (8 KB), HikariCP's connection
 * list, the JCA's provider lookup and Logback's MDC maps, together about 9 KB per idle session. A
 * virtual thread costs about a microsecond to start; its thread-locals go with it.
 */
public final class OnFreshThread {

    /** A call that may throw one checked exception type. */
    @FunctionalInterface
    public interface Call<T, E extends Exception> {
        T call() throws E;
    }

    private OnFreshThread() {}

    @SuppressWarnings("unchecked")
    public static <T, E extends Exception> T call(Call<T, E> call) throws E, InterruptedException {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                result.set(call.call());
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.join();
        Throwable f = failure.get();
        if (f == null) {
            return result.get();
        }
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f instanceof Error err) {
            throw err;
        }
        throw (E) f;
    }
}
