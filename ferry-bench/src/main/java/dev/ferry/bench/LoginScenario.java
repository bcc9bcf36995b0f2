package dev.ferry.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code login}: N clients (default 200), each repeating connect, USER, PASS, QUIT for
 * {@code --duration} or until {@code --count} logins in all; sessions per second and the login
 * latency (connect to 230) at p50/p99. One virtual thread per client. Each client logs in once,
 * untimed, before the clock starts.
 */
final class LoginScenario implements Scenario {

    @Override
    public String name() {
        return "login";
    }

    @Override
    public String description() {
        return "--clients (default 200) repeat connect/USER/PASS/QUIT for --duration; logins/s, p50/p99 latency";
    }

    @Override
    public Result run(BenchContext ctx) throws Exception {
        BenchOptions o = ctx.options();
        int n = o.clientsOr(200);
        // One untimed login per client first: the rate measured is the steady one (warm JIT, warm
        // caches of whatever kind the server has), the same for every server.
        Parallel.Outcome warm = Parallel.run(ctx, n, true, i -> {
            FtpWire w = FtpWire.connect(ctx.target(), ctx.connections());
            try {
                w.login();
                w.quit();
            } finally {
                w.close();
            }
        });
        if (warm.errors() > 0) {
            ctx.progress("login warm-up: " + warm.errors() + " of " + n + " failed: " + warm.firstErrors());
        }
        long deadline = System.nanoTime() + o.duration().toNanos();
        AtomicLong budget = new AtomicLong(o.maxCount());
        long[][] latencies = new long[n][];
        int[] counts = new int[n];
        AtomicLong failures = new AtomicLong();
        Parallel.Outcome out = Parallel.run(ctx, n, true, i -> {
            long[] mine = new long[256];
            int k = 0;
            while (System.nanoTime() < deadline && budget.decrementAndGet() >= 0) {
                long t0 = System.nanoTime();
                try {
                    FtpWire w = FtpWire.connect(ctx.target(), ctx.connections());
                    try {
                        w.login();
                        long t1 = System.nanoTime();
                        if (k == mine.length) {
                            mine = Arrays.copyOf(mine, k * 2);
                        }
                        mine[k++] = t1 - t0;
                        w.quit();
                    } finally {
                        w.close();
                    }
                } catch (java.io.IOException e) {
                    failures.incrementAndGet();
                    Thread.sleep(10); // a refused login must not turn into a busy loop
                }
            }
            latencies[i] = Arrays.copyOf(mine, k);
            counts[i] = k;
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
            r.note(failures.get() + " connect/login attempts failed");
        }
        r.add("clients", n, "").add("logins", total, "")
                .add("logins_per_s", total / out.timing().seconds(), "1/s")
                .add("latency_p50_ms", Stats.percentile(all, 50) / 1e6, "ms")
                .add("latency_p99_ms", Stats.percentile(all, 99) / 1e6, "ms")
                .add("latency_max_ms", Stats.percentile(all, 100) / 1e6, "ms");
        return r.cpu(out.timing());
    }
}
