package dev.ferry.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/** Runs one task per client on its own thread, released together, and collects their failures. */
final class Parallel {

    @FunctionalInterface
    interface Task {
        void run(int client) throws Exception;
    }

    private Parallel() {}

    /**
     * Starts {@code n} threads that wait for a common start, opens the window, releases them,
     * and closes the window when the last has finished.
     *
     * @param virtual virtual threads (many clients, small I/O) or platform ones (bulk streams)
     */
    static Outcome run(BenchContext ctx, int n, boolean virtual, Task task) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch start = new CountDownLatch(1);
        AtomicLong errors = new AtomicLong();
        List<String> firstErrors = new ArrayList<>();
        Thread.Builder builder = virtual ? Thread.ofVirtual() : Thread.ofPlatform().daemon();
        List<Thread> threads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int client = i;
            threads.add(builder.name("bench-client-" + i).start(() -> {
                ready.countDown();
                try {
                    start.await();
                    task.run(client);
                } catch (Exception e) {
                    errors.incrementAndGet();
                    synchronized (firstErrors) {
                        if (firstErrors.size() < 3) {
                            firstErrors.add(e.toString());
                        }
                    }
                }
            }));
        }
        ready.await();
        Window w = ctx.window();
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        return new Outcome(w.close(), errors.get(), List.copyOf(firstErrors));
    }

    record Outcome(Window.Timing timing, long errors, List<String> firstErrors) {

        void report(Result r) {
            r.errors(errors);
            firstErrors.forEach(e -> r.note("error: " + e));
        }
    }
}
