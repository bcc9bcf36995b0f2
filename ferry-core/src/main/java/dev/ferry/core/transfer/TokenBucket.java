package dev.ferry.core.transfer;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A rate limit in bytes per second that any number of transfers share. Tokens (bytes) accrue at
 * the rate up to a small burst; a transfer takes what it is about to send, going into debt if it
 * must, and waits until the debt is paid. Transfers that share a bucket therefore share its rate,
 * each waiting its turn, and none can run ahead by more than the burst.
 */
public final class TokenBucket {

    /** The burst is this fraction of a second's worth of bytes... */
    private static final double BURST_SECONDS = 0.1;
    /** ...but at least this, so that one throttled step always fits. */
    private static final long MIN_BURST = 64 * 1024;

    private final ReentrantLock lock = new ReentrantLock();
    private long rate;
    private double burst;
    private double tokens;
    private long last = System.nanoTime();

    /** @param rate bytes per second; must be positive */
    public TokenBucket(long rate) {
        setRate(rate);
        this.tokens = burst;
    }

    public long rate() {
        lock.lock();
        try {
            return rate;
        } finally {
            lock.unlock();
        }
    }

    /** Changes the rate; transfers already waiting keep the wait they were given. */
    public void setRate(long newRate) {
        if (newRate <= 0) {
            throw new IllegalArgumentException("rate must be positive: " + newRate);
        }
        lock.lock();
        try {
            refill(System.nanoTime());
            rate = newRate;
            burst = Math.max(MIN_BURST, newRate * BURST_SECONDS);
            tokens = Math.min(tokens, burst);
        } finally {
            lock.unlock();
        }
    }

    /** Takes {@code bytes} tokens now and returns how long, in nanoseconds, to wait before sending them. */
    public long reserve(long bytes) {
        lock.lock();
        try {
            refill(System.nanoTime());
            tokens -= bytes;
            return tokens >= 0 ? 0 : (long) Math.ceil(-tokens * 1e9 / rate);
        } finally {
            lock.unlock();
        }
    }

    /** Bytes per throttled step such that one step waits about a tenth of a second. */
    public long step() {
        long r = rate();
        return Math.max(1024, Math.min(32 * 1024, r / 10));
    }

    private void refill(long now) {
        long elapsed = now - last;
        last = now;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed * (double) rate / 1e9);
        }
    }
}
