package dev.ferry.bench;

import java.io.Closeable;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every socket a scenario has open, so that a scenario past its time limit can be stopped: a
 * blocking channel read ignores SO_TIMEOUT, but closing the channel ends it at once.
 */
public final class Connections {

    private final Set<Closeable> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    <T extends Closeable> T track(T c) throws IOException {
        open.add(c);
        if (closed) {
            closeQuietly(c);
            throw new IOException("benchmark stopped");
        }
        return c;
    }

    void untrack(Closeable c) {
        open.remove(c);
    }

    /** Closes everything still open; later {@link #track} calls fail. */
    void closeAll() {
        closed = true;
        for (Closeable c : open) {
            closeQuietly(c);
        }
        open.clear();
    }

    /** True once {@link #closeAll} ran: loops that swallow I/O errors must stop then. */
    boolean stopped() {
        return closed;
    }

    int count() {
        return open.size();
    }

    static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // stopping anyway
        }
    }
}
