package dev.ferry.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * {@code retr} / {@code stor}: one stream of one large file on one session, repeated; MiB/s of the
 * best run, and the CPU both sides spent per GiB. Runs on the caller's platform thread (sendfile
 * and large blocking reads cost nothing extra there).
 *
 * <p>One untimed run of the same transfer comes first, for every server alike: a server that
 * compiles its code as it runs (a JVM's) is otherwise measured half interpreted in the first run
 * and still compiling in the second, and a server is measured here as it runs for its users, warm.
 */
final class StreamScenario implements Scenario {

    enum Direction { RETR, STOR }

    /** Big enough that a read returns whatever the socket holds. */
    static final int SINK_BYTES = 4 << 20;

    private final Direction direction;

    StreamScenario(Direction direction) {
        this.direction = direction;
    }

    @Override
    public String name() {
        return direction == Direction.RETR ? "retr" : "stor";
    }

    @Override
    public String description() {
        return direction == Direction.RETR ? "download one large file (--size, default 1GiB) on one stream; MiB/s"
                : "upload one large file (--size) on one stream, sent by sendfile; MiB/s";
    }

    @Override
    public Result run(BenchContext ctx) throws Exception {
        BenchOptions o = ctx.options();
        long size = o.fileSize();
        String path = ctx.target().file(direction == Direction.RETR ? "ferry-bench-retr-" + size + ".bin" : "ferry-bench-stor.bin");
        Result result = new Result(name(), ctx.target().display());
        int runs = Math.max(1, o.repeat());
        double[] rates = new double[runs];
        Window.Timing best = null;
        double bestRate = -1;
        try (FtpWire w = ctx.login()) {
            if (direction == Direction.RETR) {
                ctx.ensureRemoteFile(w, path, size);
            }
            ByteBuffer sink = ByteBuffer.allocateDirect(SINK_BYTES);
            try (FileChannel src = direction == Direction.STOR ? FileChannel.open(ctx.source(size)) : null) {
                long warm = transfer(w, path, src, size, sink);
                if (warm != size) {
                    result.errors(1).note("the untimed first run moved " + warm + " of " + size + " bytes");
                }
                ctx.progress(name() + " untimed first run done");
                for (int i = 0; i < runs; i++) {
                    if (direction == Direction.STOR) {
                        // Untimed: overwriting would charge the truncation of the previous upload
                        // (and the file system's flush-on-close after a truncate) to this one.
                        w.command("DELE " + path);
                    }
                    Window win = ctx.window();
                    long moved = transfer(w, path, src, size, sink);
                    Window.Timing t = win.close();
                    if (moved != size) {
                        result.errors(1).note("run " + (i + 1) + " moved " + moved + " of " + size + " bytes");
                    }
                    rates[i] = moved / Stats.MIB / t.seconds();
                    ctx.progress(name() + " run " + (i + 1) + "/" + runs + ": " + Result.format(rates[i]) + " MiB/s");
                    if (rates[i] > bestRate) {
                        bestRate = rates[i];
                        best = t;
                    }
                    if (i == 0) {
                        result.add("bytes", moved, "B");
                    }
                }
            }
            w.quit();
        }
        result.add("mib_per_s", bestRate, "MiB/s").add("mib_per_s_median", Stats.median(rates), "MiB/s")
                .add("runs", runs, "");
        result.cpu(best);
        double gib = size / Stats.GIB;
        result.add("client_cpu_s_per_gib", best.clientCpuNanos() / 1e9 / gib, "s/GiB");
        best.serverCpuNanos().ifPresent(s -> result.add("server_cpu_s_per_gib", s / 1e9 / gib, "s/GiB"));
        return result;
    }

    private long transfer(FtpWire w, String path, FileChannel src, long size, ByteBuffer sink) throws IOException {
        return direction == Direction.RETR ? w.retr(path, sink) : w.stor(path, src, size);
    }
}
