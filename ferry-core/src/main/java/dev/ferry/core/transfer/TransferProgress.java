package dev.ferry.core.transfer;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A transfer in flight, readable from other threads (FTP STAT on the control connection, the
 * session list, the shutdown wait).
 */
public final class TransferProgress {

    private final String path;
    private final Direction direction;
    private final long startOffset;
    private final long expectedBytes;
    private final long startNanos = System.nanoTime();
    private final AtomicLong bytes = new AtomicLong();

    /**
     * @param path          virtual path being transferred
     * @param direction     up or down
     * @param startOffset   where in the file it began (REST)
     * @param expectedBytes bytes this transfer should move, or -1 if unknown (uploads)
     */
    public TransferProgress(String path, Direction direction, long startOffset, long expectedBytes) {
        this.path = path;
        this.direction = direction;
        this.startOffset = startOffset;
        this.expectedBytes = expectedBytes;
    }

    public void add(long n) {
        bytes.addAndGet(n);
    }

    public long bytes() {
        return bytes.get();
    }

    public String path() {
        return path;
    }

    public Direction direction() {
        return direction;
    }

    public long startOffset() {
        return startOffset;
    }

    public OptionalLong expectedBytes() {
        return expectedBytes < 0 ? OptionalLong.empty() : OptionalLong.of(expectedBytes);
    }

    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Bytes per second so far. */
    public long rate() {
        long nanos = System.nanoTime() - startNanos;
        return nanos <= 0 ? 0 : (long) (bytes.get() * 1e9 / nanos);
    }
}
