package dev.ferry.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code list}: LIST and MLSD of one directory of {@code --entries} files (default 10,000),
 * repeated {@code --repeat} times each on one session; the time per listing and entries per
 * second. The directory is filled (with empty files, by FTP, untimed) when it has too few entries.
 */
final class ListScenario implements Scenario {

    private static final int FILLERS = 16;

    @Override
    public String name() {
        return "list";
    }

    @Override
    public String description() {
        return "LIST and MLSD of a directory of --entries files (default 10000); ms per listing";
    }

    @Override
    public Result run(BenchContext ctx) throws Exception {
        BenchOptions o = ctx.options();
        int entries = o.entries();
        String dir = ctx.target().file("ferry-bench-list-" + entries);
        Result r = new Result(name(), ctx.target().display());
        ByteBuffer sink = ByteBuffer.allocateDirect(1 << 20);
        try (FtpWire w = ctx.login()) {
            w.mkdirs(dir);
            long have = w.list("NLST", dir, sink).lines();
            if (have < entries) {
                fill(ctx, dir, entries);
                have = w.list("NLST", dir, sink).lines();
                if (have < entries) {
                    throw new IOException(dir + " has " + have + " entries after filling, wanted " + entries);
                }
            }
            int runs = Math.max(1, o.repeat());
            for (String verb : new String[] {"LIST", "MLSD"}) {
                double[] ms = new double[runs];
                long bytes = 0;
                long lines = 0;
                Window.Timing first = null;
                boolean supported = true;
                // Untimed, as many listings as are timed: a JIT-compiled server is measured warm
                // (with a single one first, Ferry's best LIST of 10 was 30.6 ms; with ten, 26.2 ms).
                try {
                    for (int i = 0; i < runs; i++) {
                        w.list(verb, dir, sink);
                    }
                } catch (FtpException e) {
                    if (e.reply().code() != 500 && e.reply().code() != 502) {
                        throw e;
                    }
                }
                for (int i = 0; i < runs; i++) {
                    Window win = ctx.window();
                    FtpWire.Listing l;
                    try {
                        l = w.list(verb, dir, sink);
                    } catch (FtpException e) {
                        if (e.reply().code() == 500 || e.reply().code() == 502) {
                            supported = false;
                            r.note(verb + " not supported: " + e.reply());
                            break;
                        }
                        throw e;
                    }
                    Window.Timing t = win.close();
                    first = first == null ? t : first;
                    ms[i] = t.wallNanos() / 1e6;
                    bytes = l.bytes();
                    lines = l.lines();
                    if (lines < entries) {
                        r.errors(1).note(verb + " run " + (i + 1) + " listed " + lines + " lines for " + entries + " entries");
                    }
                }
                String key = verb.toLowerCase(java.util.Locale.ROOT);
                if (supported) {
                    double best = Stats.min(ms);
                    r.add(key + "_ms_best", best, "ms").add(key + "_ms_median", Stats.median(ms), "ms")
                            .add(key + "_entries_per_s", entries / (best / 1e3), "1/s")
                            .add(key + "_bytes", bytes, "B").add(key + "_lines", lines, "");
                    first.serverCpuNanos().ifPresent(s -> r.add(key + "_server_cpu_ms", s / 1e6, "ms"));
                } else {
                    r.add(key + "_ms_best", Double.NaN, "ms");
                }
            }
            r.add("entries", entries, "").add("runs", runs, "");
            w.quit();
        }
        return r;
    }

    /** Empty files e00000.. by FILLERS sessions at once. */
    private static void fill(BenchContext ctx, String dir, int entries) throws Exception {
        ctx.progress("filling " + dir + " with " + entries + " empty files (untimed)");
        AtomicInteger next = new AtomicInteger();
        ByteBuffer empty = ByteBuffer.allocateDirect(0);
        Parallel.Outcome out = Parallel.run(ctx, FILLERS, true, i -> {
            try (FtpWire w = ctx.setupLogin()) {
                int k;
                while ((k = next.getAndIncrement()) < entries) {
                    w.stor(dir + "/" + String.format(java.util.Locale.ROOT, "e%06d", k), empty);
                }
                w.quit();
            }
        });
        if (out.errors() > 0) {
            throw new IOException("filling " + dir + " failed: " + out.firstErrors());
        }
    }
}
