package dev.ferry.bench;

import dev.ferry.core.auth.Argon2Params;
import dev.ferry.core.auth.PasswordHasher;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code hash}: no server. What the password hash of one uncached login costs on this machine:
 * Ferry's Argon2id at its default cost, verified by {@link PasswordHasher} as the server verifies
 * it, over and over on {@code --clients} platform threads (default: one per core) for
 * {@code --duration}, after {@code --warmup} untimed. On all cores, {@code verifies_per_s} is the
 * most uncached logins a second any server can make with this hash here; {@code cpu_ms_per_verify}
 * reads beside the login scenario's server CPU per login.
 */
final class HashScenario implements Scenario {

    private static final char[] PASSWORD = "ferry-bench-hash".toCharArray();

    @Override
    public String name() {
        return "hash";
    }

    @Override
    public boolean needsNoServer() {
        return true;
    }

    @Override
    public String description() {
        return "no server: Ferry's Argon2id verify at its default cost on --clients threads (default: one per core)";
    }

    @Override
    public Result run(BenchContext ctx) throws Exception {
        BenchOptions o = ctx.options();
        int threads = o.clientsOr(Runtime.getRuntime().availableProcessors());
        Argon2Params p = Argon2Params.DEFAULT;
        PasswordHasher hasher = new PasswordHasher(p);
        String stored = hasher.hash(PASSWORD);
        Result result = new Result(name(), "local");
        if (!o.warmup().isZero()) {
            ctx.progress("hash: " + threads + " threads, " + o.warmup().toSeconds() + " s untimed");
            verifyFor(hasher, stored, threads, o.warmup(), Long.MAX_VALUE);
        }
        ctx.progress("hash: " + threads + " threads, " + o.duration().toSeconds() + " s");
        Window win = Window.open(OptionalLong.empty()); // no server: only this process's CPU
        long[] counts = verifyFor(hasher, stored, threads, o.duration(), o.maxCount());
        Window.Timing t = win.close();
        long verifies = counts[0];
        if (counts[1] > 0) {
            result.errors(counts[1]).note(counts[1] + " verifies of the right password failed");
        }
        result.add("threads", threads, "").add("verifies", verifies, "")
                .add("verifies_per_s", verifies / t.seconds(), "1/s")
                .add("cpu_ms_per_verify", verifies == 0 ? Double.NaN : t.clientCpuNanos() / 1e6 / verifies, "ms")
                .note("argon2id m=" + p.memoryKiB() + " t=" + p.iterations() + " p=" + p.parallelism()
                        + ", compression: " + PasswordHasher.argon2Compression());
        return result.cpu(t);
    }

    /** {verifies done, verifies that failed} by {@code threads} threads until the time or the count runs out. */
    private static long[] verifyFor(PasswordHasher hasher, String stored, int threads, Duration d, long max)
            throws InterruptedException {
        long deadline = System.nanoTime() + d.toNanos();
        AtomicLong started = new AtomicLong();
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Thread[] workers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = Thread.ofPlatform().name("bench-hash-" + i).start(() -> {
                while (System.nanoTime() < deadline && started.getAndIncrement() < max
                        && !Thread.currentThread().isInterrupted()) {
                    if (!hasher.verify(stored, PASSWORD)) {
                        failed.incrementAndGet();
                    }
                    done.incrementAndGet();
                }
            });
        }
        try {
            for (Thread w : workers) {
                w.join();
            }
        } finally {
            for (Thread w : workers) {
                w.interrupt(); // the scenario's time limit interrupted us: stop them too
            }
        }
        return new long[] {done.get(), failed.get()};
    }
}
