package dev.ferry.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code small-files}: N clients (default 20), each uploading {@code --files} 4 KiB files (default
 * 100) into its own directory, then downloading them all; files per second of each phase. Many
 * small transfers on virtual threads: a data connection each, so this is a test of per-transfer
 * overhead, not of bandwidth.
 */
final class SmallFilesScenario implements Scenario {

    static final int FILE_BYTES = 4096;
    /** Untimed rounds (every file stored and retrieved) before the timed ones. */
    static final int WARM_ROUNDS = 2;

    @Override
    public String name() {
        return "small-files";
    }

    @Override
    public String description() {
        return "--clients (default 20) each store then retrieve --files (default 100) 4KiB files; files/s";
    }

    @Override
    public Result run(BenchContext ctx) throws Exception {
        BenchOptions o = ctx.options();
        int n = o.clientsOr(20);
        int files = Math.max(1, o.files());
        byte[] content = new byte[FILE_BYTES];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) ('a' + i % 26);
        }
        ByteBuffer payload = ByteBuffer.allocateDirect(FILE_BYTES).put(content).flip();
        List<FtpWire> wires = Collections.synchronizedList(new ArrayList<>());
        FtpWire[] byClient = new FtpWire[n];
        Result r = new Result(name(), ctx.target().display());
        try {
            Parallel.Outcome logins = Parallel.run(ctx, n, true, i -> {
                FtpWire w = ctx.setupLogin();
                wires.add(w);
                byClient[i] = w;
                w.mkdirs(dir(ctx, i));
            });
            if (logins.errors() > 0) {
                logins.report(r);
                throw new IOException(logins.errors() + " of " + n + " clients could not log in: " + logins.firstErrors());
            }
            // Untimed, the same files each way first, twice: the server is measured warm. A
            // JIT-compiled server is still compiling through a fifth of a round (Ferry: 1,794
            // compilations in a first round of 20 x 200, 252 in the second, 44 in the fourth;
            // 3,270 -> 5,100 files/s); with one round of 20 x 500 a fresh Ferry stored 7,495 files/s
            // at 0.122 ms of CPU each, after a second 10,324 at 0.090. A forking server is not
            // slowed by it.
            int warm = files;
            Parallel.Outcome warmUp = Parallel.run(ctx, n, true, i -> {
                ByteBuffer sink = ByteBuffer.allocateDirect(64 * 1024);
                for (int round = 0; round < WARM_ROUNDS; round++) {
                    for (int f = 0; f < warm; f++) {
                        byClient[i].stor(dir(ctx, i) + "/f" + f, payload);
                        byClient[i].retr(dir(ctx, i) + "/f" + f, sink);
                    }
                }
            });
            if (warmUp.errors() > 0) {
                warmUp.report(r);
                throw new IOException("small-files warm-up failed: " + warmUp.firstErrors());
            }
            long deadline = System.nanoTime() + o.duration().toNanos() * 3; // for the timed rounds
            AtomicLong stored = new AtomicLong();
            Parallel.Outcome stor = Parallel.run(ctx, n, true, i -> {
                for (int f = 0; f < files && System.nanoTime() < deadline; f++) {
                    if (byClient[i].stor(dir(ctx, i) + "/f" + f, payload) != FILE_BYTES) {
                        throw new IOException("short upload");
                    }
                    stored.incrementAndGet();
                }
            });
            ctx.progress("small-files stor: " + stored.get() + " files in " + Result.format(stor.timing().seconds()) + " s");
            AtomicLong retrieved = new AtomicLong();
            AtomicLong shortFiles = new AtomicLong();
            Parallel.Outcome retr = Parallel.run(ctx, n, true, i -> {
                ByteBuffer sink = ByteBuffer.allocateDirect(64 * 1024);
                for (int f = 0; f < files && System.nanoTime() < deadline; f++) {
                    if (byClient[i].retr(dir(ctx, i) + "/f" + f, sink) != FILE_BYTES) {
                        shortFiles.incrementAndGet();
                    }
                    retrieved.incrementAndGet();
                }
            });
            ctx.progress("small-files retr: " + retrieved.get() + " files in " + Result.format(retr.timing().seconds()) + " s");
            stor.report(r);
            retr.report(r);
            r.errors(shortFiles.get());
            r.add("clients", n, "").add("files_stored", stored.get(), "").add("files_retrieved", retrieved.get(), "")
                    .add("stor_files_per_s", stored.get() / stor.timing().seconds(), "1/s")
                    .add("retr_files_per_s", retrieved.get() / retr.timing().seconds(), "1/s")
                    .add("files_per_s", (stored.get() + retrieved.get()) / (stor.timing().seconds() + retr.timing().seconds()), "1/s");
            stor.timing().serverCpuNanos().ifPresent(c -> r.add("stor_server_cpu_ms_per_file", c / 1e6 / Math.max(1, stored.get()), "ms"));
            retr.timing().serverCpuNanos().ifPresent(c -> r.add("retr_server_cpu_ms_per_file", c / 1e6 / Math.max(1, retrieved.get()), "ms"));
            r.add("stor_client_cpu_ms_per_file", stor.timing().clientCpuNanos() / 1e6 / Math.max(1, stored.get()), "ms")
                    .add("retr_client_cpu_ms_per_file", retr.timing().clientCpuNanos() / 1e6 / Math.max(1, retrieved.get()), "ms");
            long wall = stor.timing().wallNanos() + retr.timing().wallNanos();
            long client = stor.timing().clientCpuNanos() + retr.timing().clientCpuNanos();
            java.util.OptionalLong server = stor.timing().serverCpuNanos().isPresent() && retr.timing().serverCpuNanos().isPresent()
                    ? java.util.OptionalLong.of(stor.timing().serverCpuNanos().getAsLong() + retr.timing().serverCpuNanos().getAsLong())
                    : java.util.OptionalLong.empty();
            return r.cpu(new Window.Timing(wall, client, server));
        } finally {
            for (FtpWire w : wires) {
                w.close();
            }
        }
    }

    private static String dir(BenchContext ctx, int client) {
        return ctx.target().file("ferry-bench-small/c" + client);
    }
}
