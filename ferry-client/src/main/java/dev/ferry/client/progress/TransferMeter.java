package dev.ferry.client.progress;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The numbers of one running transfer: where it (re)started, how far it is, how fast it goes. The
 * rate is that of the current run (since the last start), so a resumed transfer does not count the
 * bytes it already had as if they had just arrived.
 */
final class TransferMeter {

    final String label;
    private final AtomicLong position = new AtomicLong();
    private volatile long total = -1;
    private volatile long runStartPosition;
    private volatile long runStartNanos = System.nanoTime();
    private final long firstStartNanos = System.nanoTime();

    TransferMeter(String label) {
        this.label = label;
    }

    void start(long offset, long total) {
        this.total = total;
        position.set(offset);
        runStartPosition = offset;
        runStartNanos = System.nanoTime();
    }

    void add(long bytes) {
        position.addAndGet(bytes);
    }

    long position() {
        return position.get();
    }

    long total() {
        return total;
    }

    long movedThisRun() {
        return position.get() - runStartPosition;
    }

    Duration sinceFirstStart() {
        return Duration.ofNanos(System.nanoTime() - firstStartNanos);
    }

    double rate() {
        double secs = (System.nanoTime() - runStartNanos) / 1e9;
        return secs < 0.05 ? 0 : movedThisRun() / secs;
    }

    /** Fraction done, or -1 when the size is unknown. */
    double fraction() {
        long t = total;
        if (t < 0) {
            return -1;
        }
        return t == 0 ? 1 : Math.min(1, (double) position.get() / t);
    }

    Duration eta() {
        long t = total;
        double r = rate();
        if (t < 0 || r <= 0) {
            return null;
        }
        return Duration.ofSeconds((long) Math.ceil(Math.max(0, t - position.get()) / r));
    }

    /** "45% 90.0 MiB of 200 MiB, 50.1 MiB/s, ETA 0:02" (for plain lines). */
    String statusText() {
        double f = fraction();
        String pct = f < 0 ? "" : Math.round(f * 100) + "% ";
        String of = total < 0 ? Formats.size(position()) : Formats.size(position()) + " of " + Formats.size(total);
        return pct + of + ", " + Formats.rate(rate()) + ", ETA " + Formats.clock(eta());
    }

    /** "200 MiB in 3.2 s (62.5 MiB/s)", or for a resumed file "200 MiB, 150 MiB of it in 2.4 s (62.5 MiB/s)". */
    String summary() {
        Duration d = sinceFirstStart();
        double secs = Math.max(d.toNanos() / 1e9, 1e-3);
        long moved = movedThisRun();
        String head = runStartPosition > 0 ? Formats.size(position()) + ", " + Formats.size(moved) + " of it" : Formats.size(position());
        return head + " in " + Formats.seconds(d) + " (" + Formats.rate(moved / secs) + ")";
    }
}
