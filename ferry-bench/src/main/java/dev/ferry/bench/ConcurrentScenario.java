package dev.ferry.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code conc-retr} / {@code conc-stor}: N clients (default 100), logged in beforehand, each moving
 * one file (default 10 MiB) at the same moment; the wall time until the last finishes and the
 * aggregate MiB/s. Bulk streams on platform threads, for sendfile. As in {@link StreamScenario}, one
 * untimed round comes first, for every server alike.
 */
final class ConcurrentScenario implements Scenario {

    private final StreamScenario.Direction direction;

    ConcurrentScenario(StreamScenario.Direction direction) {
        this.direction = direction;
    }

    @Override
    public String name() {
        return direction == StreamScenario.Direction.RETR ? "conc-retr" : "conc-stor";
    }

    @Override
    public String description() {
        return "--clients (default 100) each " + (direction == StreamScenario.Direction.RETR ? "download" : "upload")
                + " a --conc-size file (default 10MiB) at once; wall time, aggregate MiB/s";
    }

    @Override
    public Result run(BenchContext ctx) throws Exception {
        BenchOptions o = ctx.options();
        int n = o.clientsOr(100);
        long size = o.concFileSize();
        boolean retr = direction == StreamScenario.Direction.RETR;
        String shared = ctx.target().file("ferry-bench-conc-" + size + ".bin");
        List<FtpWire> wires = Collections.synchronizedList(new ArrayList<>());
        Result result = new Result(name(), ctx.target().display());
        try {
            try (FtpWire w = ctx.login()) {
                if (retr) {
                    ctx.ensureRemoteFile(w, shared, size);
                }
                w.quit();
            }
            Parallel.Outcome logins = Parallel.run(ctx, n, true, i -> wires.add(ctx.setupLogin()));
            if (logins.errors() > 0) {
                logins.report(result);
                throw new IOException(logins.errors() + " of " + n + " clients could not log in: " + logins.firstErrors());
            }
            FtpWire[] byClient = wires.toArray(FtpWire[]::new);
            ByteBuffer[] sinks = new ByteBuffer[retr ? n : 0];
            for (int i = 0; i < sinks.length; i++) {
                sinks[i] = ByteBuffer.allocateDirect(1 << 20);
            }
            int runs = Math.max(1, o.repeat());
            double[] walls = new double[runs];
            Parallel.Outcome best = null;
            long bestBytes = 0;
            try (FileChannel src = retr ? null : FileChannel.open(ctx.source(size))) {
                for (int r = -1; r < runs; r++) { // -1: the untimed first round
                    if (!retr) {
                        // Untimed, as in stor: each upload makes a new file rather than truncating one.
                        Parallel.run(ctx, n, true, i -> byClient[i].command("DELE " + ctx.target().file("ferry-bench-conc-" + i + ".bin")));
                    }
                    AtomicLong bytes = new AtomicLong();
                    AtomicLong shortTransfers = new AtomicLong();
                    Parallel.Outcome out = Parallel.run(ctx, n, false, i -> {
                        FtpWire w = byClient[i];
                        long moved;
                        if (retr) {
                            moved = w.retr(shared, sinks[i]);
                        } else {
                            moved = w.stor(ctx.target().file("ferry-bench-conc-" + i + ".bin"), src, size);
                        }
                        bytes.addAndGet(moved);
                        if (moved != size) {
                            shortTransfers.incrementAndGet();
                        }
                    });
                    if (r < 0) {
                        if (out.errors() > 0 || shortTransfers.get() > 0) {
                            result.errors(out.errors() + shortTransfers.get())
                                    .note("the untimed first round: " + out.errors() + " errors, " + shortTransfers.get() + " short transfers");
                        }
                        ctx.progress(name() + " untimed first round: " + Result.format(out.timing().seconds()) + " s");
                        continue;
                    }
                    walls[r] = out.timing().seconds();
                    result.errors(shortTransfers.get());
                    ctx.progress(name() + " run " + (r + 1) + "/" + runs + ": " + Result.format(walls[r]) + " s, "
                            + out.errors() + " errors");
                    if (best == null || (out.errors() <= best.errors() && walls[r] < best.timing().seconds())) {
                        best = out;
                        bestBytes = bytes.get();
                    }
                }
            }
            best.report(result);
            result.add("clients", n, "").add("file_bytes", size, "B").add("bytes", bestBytes, "B")
                    .add("wall_s_best", best.timing().seconds(), "s").add("wall_s_median", Stats.median(walls), "s")
                    .add("mib_per_s", bestBytes / Stats.MIB / best.timing().seconds(), "MiB/s")
                    .add("runs", runs, "");
            result.cpu(best.timing());
            return result;
        } finally {
            for (FtpWire w : wires) {
                w.close();
            }
        }
    }
}
