package dev.ferry.client.transfer;

/**
 * Caps a transfer's average rate ({@code --limit-rate}): before each buffer, sleeps until the
 * bytes so far fit under the rate since the limiter started. Not thread-safe: one per transfer.
 */
final class RateLimiter {

    private final long bytesPerSecond;
    private long startNanos = -1;
    private long bytes;

    RateLimiter(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }

    void acquire(long n) throws InterruptedException {
        if (bytesPerSecond <= 0) {
            return;
        }
        if (startNanos < 0) {
            startNanos = System.nanoTime();
        }
        bytes += n;
        long due = startNanos + (long) (bytes * 1e9 / bytesPerSecond);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
