package dev.ferry.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code login}: N clients (default 200), each repeating connect, USER, PASS, QUIT for
 * {@code --duration} or until {@code --count} logins in all; sessions per second and the login
 * latency (connect to 230) at p50/p99. One virtual thread per client. The same load runs untimed
 * for {@code --warmup} first.
 */
final class LoginScenario implements Scenario {

    /** The first failure of a run, for its note (one run at a time per process). */
    private static final java.util.concurrent.atomic.AtomicReference<String> FIRST_FAILURE =
            new java.util.concurrent.atomic.AtomicReference<>();

    @Override
    public String name() {
        return "login";
    }

    @Override
    public String description() {
        return "--clients (default 200) repeat connect/USER/PASS/QUIT for --duration; logins/s, p50/p99 latency";
    }

    /**
     * One client's logins until {@code deadline}; returns their latencies (none when
     * {@code samples} is null: the warm-up).
     */
    private static long[] loop(BenchContext ctx, long deadline, AtomicLong budget, AtomicLong failures, long[] samples, int client)
            throws InterruptedException {
        long[] mine = samples == null ? new long[0] : samples;
        int k = 0;
        while (System.nanoTime() < deadline && !ctx.connections().stopped() && budget.decrementAndGet() >= 0) {
            long t0 = System.nanoTime();
            try {
                FtpWire w = FtpWire.connect(ctx.target(), ctx.connections());
                try {
                    w.login();
                    long t1 = System.nanoTime();
                    if (samples != null) {
                        if (k == mine.length) {
                            mine = Arrays.copyOf(mine, k * 2);
                        }
                        mine[k++] = t1 - t0;
                    }
                    w.quit();
                } finally {
                    w.close();
                }
            } catch (java.io.IOException e) {
                if (failures.incrementAndGet() == 1) {
                    FIRST_FAILURE.compareAndSet(null, e.toString());
                }
                Thread.sleep(10); // a refused login must not turn into a busy loop
            }
        }
        return Arrays.copyOf(mine, k);
    }

    @Override
    public Result run(BenchContext ctx) throws Exception {
        BenchOptions o = ctx.options();
        int n = o.clientsOr(200);
        FIRST_FAILURE.set(null);
        // Untimed first, the same load for --warmup: the rate measured is the steady one (a JIT
        // compiled, caches of whatever kind the server has warm), the same for every server.
        // At least one login per client even with no warm-up time.
        Parallel.Outcome warm = Parallel.run(ctx, n, true, i -> loop(ctx, System.nanoTime() + Math.max(1, o.warmup().toNanos()),
                new AtomicLong(o.warmup().isZero() ? 1 : Long.MAX_VALUE), new AtomicLong(), null, i));
        if (warm.errors() > 0) {
            ctx.progress("login warm-up: " + warm.errors() + " of " + n + " clients failed: " + warm.firstErrors());
        }
        long deadline = System.nanoTime() + o.duration().toNanos();
        AtomicLong budget = new AtomicLong(o.maxCount());
        long[][] latencies = new long[n][];
        int[] counts = new int[n];
        AtomicLong failures = new AtomicLong();
        Parallel.Outcome out = Parallel.run(ctx, n, true, i -> {
            long[] mine = loop(ctx, deadline, budget, failures, new long[256], i);
            latencies[i] = mine;
            counts[i] = mine.length;
        });
        long total = Arrays.stream(counts).asLongStream().sum();
        long[] all = new long[(int) total];
        int p = 0;
        for (long[] l : latencies) {
            if (l != null) {
                System.arraycopy(l, 0, all, p, l.length);
                p += l.length;
            }
        }
        Result r = new Result(name(), ctx.target().display());
        out.report(r);
        r.errors(failures.get());
        if (failures.get() > 0) {
            r.note(failures.get() + " connect/login attempts failed, the first with " + FIRST_FAILURE.getAndSet(null));
        }
        r.add("clients", n, "").add("logins", total, "")
                .add("logins_per_s", total / out.timing().seconds(), "1/s")
                .add("latency_p50_ms", Stats.percentile(all, 50) / 1e6, "ms")
                .add("latency_p99_ms", Stats.percentile(all, 99) / 1e6, "ms")
                .add("latency_max_ms", Stats.percentile(all, 100) / 1e6, "ms");
        out.timing().serverCpuNanos().ifPresent(c -> r.add("server_cpu_ms_per_login", c / 1e6 / Math.max(1, total), "ms"));
        return r.cpu(out.timing());
    }
}
