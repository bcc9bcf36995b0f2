package dev.ferry.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code raw}: the physical limit the {@code retr} figure is a fraction of. No server: a sendfile
 * sender and a large-buffer receiver of the same file size over loopback, each on its own platform
 * thread in this process, the same way a server's sendfile meets {@code retr}'s receiver.
 */
final class RawLoopbackScenario implements Scenario {

    @Override
    public String name() {
        return "raw";
    }

    @Override
    public boolean needsNoServer() {
        return true;
    }

    @Override
    public String description() {
        return "no server: sendfile sender to a large-buffer receiver over loopback (the limit retr is measured against)";
    }

    @Override
    public Result run(BenchContext ctx) throws Exception {
        BenchOptions o = ctx.options();
        long size = o.fileSize();
        int runs = Math.max(1, o.repeat());
        double[] rates = new double[runs];
        double bestRate = -1;
        Window.Timing best = null;
        Result result = new Result(name(), "loopback");
        try (FileChannel src = FileChannel.open(ctx.source(size));
             ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            for (int i = 0; i < runs; i++) {
                AtomicLong received = new AtomicLong(-1);
                Thread receiver = Thread.ofPlatform().name("bench-raw-receiver").start(() -> {
                    ByteBuffer sink = ByteBuffer.allocateDirect(StreamScenario.SINK_BYTES);
                    try (SocketChannel in = ctx.connections().track(listener.accept())) {
                        long n = 0;
                        int k;
                        while ((k = in.read(sink.clear())) >= 0) {
                            n += k;
                        }
                        received.set(n);
                    } catch (IOException e) {
                        received.set(-2);
                    }
                });
                Window win = Window.open(OptionalLong.empty()); // no server here: only our own CPU
                try (SocketChannel out = ctx.connections().track(SocketChannel.open(listener.getLocalAddress()))) {
                    long sent = 0;
                    while (sent < size) {
                        sent += src.transferTo(sent, size - sent, out);
                    }
                }
                receiver.join();
                Window.Timing t = win.close();
                if (received.get() != size) {
                    result.errors(1).note("run " + (i + 1) + " received " + received.get() + " of " + size + " bytes");
                }
                rates[i] = size / Stats.MIB / t.seconds();
                ctx.progress("raw run " + (i + 1) + "/" + runs + ": " + Result.format(rates[i]) + " MiB/s");
                if (rates[i] > bestRate) {
                    bestRate = rates[i];
                    best = t;
                }
            }
        }
        result.add("bytes", size, "B").add("mib_per_s", bestRate, "MiB/s").add("mib_per_s_median", Stats.median(rates), "MiB/s")
                .add("runs", runs, "");
        return result.cpu(best);
    }
}
