package dev.ferry.bench;

import java.io.IOException;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code idle}: M logged-in sessions (default 10,000) held open and idle; then a NOOP on each
 * (every one must answer 200) and QUIT. With {@code --server-pid}, the server's resident memory
 * before and while holding them, per session. A warm-up round of sessions is opened and closed
 * first, so that lazily built server state is not charged to the sessions.
 *
 * <p>Resident memory is what the server's process tree holds, not what the sessions strictly
 * need: a server that already grew (a JVM's heap after a burst of logins) can hold them in memory
 * it has, and shows little growth. Run it on a freshly started server.
 *
 * <p>Each session is one open socket here: the JVM raises its soft limit on open files to the
 * hard limit at start, but cannot raise the hard limit; run {@code ulimit -n} above M first.
 */
final class IdleScenario implements Scenario {

    private static final int OPENERS = 64;
    private static final long SETTLE_MS = 2000;

    @Override
    public String name() {
        return "idle";
    }

    @Override
    public String description() {
        return "hold --sessions (default 10000) idle logged-in sessions; server RSS per session (--server-pid)";
    }

    @Override
    public Result run(BenchContext ctx) throws Exception {
        BenchOptions o = ctx.options();
        int m = o.sessions();
        OptionalLong limit = ProcStats.openFileLimit();
        if (limit.isPresent() && limit.getAsLong() < m + 256L) {
            throw new IOException("the open-file limit is " + limit.getAsLong() + ", too low for " + m
                    + " sessions: raise it (ulimit -n " + (m + 1024) + ") before running");
        }
        Result r = new Result(name(), ctx.target().display());
        // A fifth of the sessions (at most 2,000), opened and closed first: lazily built server
        // state, JIT compilation and a JVM's young generation are then not charged to the sessions.
        int warm = Math.max(Math.min(2000, m / 5), Math.min(m, 50));
        ConcurrentLinkedQueue<FtpWire> held = new ConcurrentLinkedQueue<>();
        try {
            open(ctx, warm, held);
            quitAll(ctx, held);
            held.clear();
            Thread.sleep(SETTLE_MS);
            OptionalLong rssBefore = rss(ctx);
            OptionalLong pssBefore = pss(ctx);
            Window win = ctx.window();
            Parallel.Outcome opened = open(ctx, m, held);
            Window.Timing t = win.close();
            Thread.sleep(SETTLE_MS);
            OptionalLong rssHeld = rss(ctx);
            OptionalLong pssHeld = pss(ctx);
            int processes = ctx.serverPid().isPresent() ? ProcStats.treeSize(ctx.serverPid().getAsLong()) : 0;
            ctx.progress("idle: " + held.size() + " sessions open; checking each with NOOP");
            AtomicLong alive = new AtomicLong();
            Parallel.run(ctx, OPENERS, true, i -> {
                int k = 0;
                for (FtpWire w : held) {
                    if (k++ % OPENERS == i) {
                        try {
                            if (w.command("NOOP").code() == 200) {
                                alive.incrementAndGet();
                            }
                        } catch (IOException e) {
                            // counted as not alive
                        }
                    }
                }
            });
            opened.report(r);
            r.errors(m - alive.get());
            r.add("sessions", m, "").add("sessions_alive", alive.get(), "")
                    .add("open_per_s", held.size() / t.seconds(), "1/s");
            if (rssBefore.isPresent() && rssHeld.isPresent()) {
                r.add("server_rss_before_mib", rssBefore.getAsLong() / Stats.MIB, "MiB")
                        .add("server_rss_held_mib", rssHeld.getAsLong() / Stats.MIB, "MiB")
                        .add("server_rss_kib_per_session", (rssHeld.getAsLong() - rssBefore.getAsLong()) / 1024.0 / m, "KiB");
            }
            if (pssBefore.isPresent() && pssHeld.isPresent()) {
                r.add("server_pss_kib_per_session", (pssHeld.getAsLong() - pssBefore.getAsLong()) / 1024.0 / m, "KiB");
            }
            if (processes > 0) {
                r.add("server_processes", processes, "");
            }
            r.cpu(t);
            return r;
        } finally {
            quitAll(ctx, held);
        }
    }

    private static OptionalLong rss(BenchContext ctx) {
        return ctx.serverPid().isPresent() ? ProcStats.treeRssBytes(ctx.serverPid().getAsLong()) : OptionalLong.empty();
    }

    private static OptionalLong pss(BenchContext ctx) {
        return ctx.serverPid().isPresent() ? ProcStats.treePssBytes(ctx.serverPid().getAsLong()) : OptionalLong.empty();
    }

    /** Opens {@code count} logged-in sessions with a few openers at a time, as a crowd arrives. */
    private static Parallel.Outcome open(BenchContext ctx, int count, ConcurrentLinkedQueue<FtpWire> into)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        return Parallel.run(ctx, Math.min(OPENERS, count), true, i -> {
            while (next.getAndIncrement() < count) {
                FtpWire w = FtpWire.connect(ctx.target(), ctx.connections());
                try {
                    w.login();
                } catch (IOException e) {
                    w.close();
                    throw e;
                }
                into.add(w);
            }
        });
    }

    private static void quitAll(BenchContext ctx, ConcurrentLinkedQueue<FtpWire> held) throws InterruptedException {
        Parallel.run(ctx, OPENERS, true, i -> {
            FtpWire w;
            while ((w = held.poll()) != null) {
                w.quit();
            }
        });
    }
}
