package dev.ferry.core.transfer;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Direct buffers for copy loops, reused across transfers. Direct, because socket and file I/O on
 * heap buffers goes through a hidden per-thread direct buffer, and with a virtual thread per
 * transfer that hidden buffer would be allocated afresh each time. Pooled, because allocating a
 * direct buffer is slow. Idle sessions hold none.
 */
public final class BufferPool {

    public static final int BUFFER_SIZE = 256 * 1024;
    private static final int MAX_POOLED = 256;

    private static final ConcurrentLinkedQueue<ByteBuffer> FREE = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger POOLED = new AtomicInteger();

    private BufferPool() {}

    public static ByteBuffer take() {
        ByteBuffer b = FREE.poll();
        if (b == null) {
            return ByteBuffer.allocateDirect(BUFFER_SIZE);
        }
        POOLED.decrementAndGet();
        return b.clear();
    }

    public static void give(ByteBuffer b) {
        if (b.isDirect() && b.capacity() == BUFFER_SIZE && POOLED.incrementAndGet() <= MAX_POOLED) {
            FREE.offer(b.clear());
        } else if (b.isDirect() && b.capacity() == BUFFER_SIZE) {
            POOLED.decrementAndGet();
        }
    }
}
