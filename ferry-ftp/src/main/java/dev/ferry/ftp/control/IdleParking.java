package dev.ferry.ftp.control;

import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.IllegalBlockingModeException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for the next command of control connections that have nothing to do, without a thread
 * each. A virtual thread parked in a socket read keeps its stack chunk (about 1.4 KB: the JDK's
 * read and park frames under ours) and the thread itself for as long as the client stays silent;
 * here the connection is one key in a shared selector instead, and a new virtual thread is started
 * when bytes (or the end of the stream) arrive.
 *
 * <p>A connection is parked by its own thread, which then ends; it leaves in one of two ways, and
 * its {@link Spot}'s monitor decides which, exactly once (a monitor rather than a lock object: it
 * costs an idle connection no memory, and nothing blocks while holding it):
 * <ul>
 *   <li>readable: the selector thread puts the channel back into blocking mode and starts the
 *       wake-up action on a new virtual thread;
 *   <li>reclaimed: another thread (the idle timeout, a shutdown) takes it back to write a last
 *       reply and close; the channel is blocking again when {@link Spot#reclaim} returns, and no
 *       wake-up runs.
 * </ul>
 * The channel is non-blocking only while parked, and only a parked channel is non-blocking: a
 * reply written by anyone but the session's thread goes through {@code reclaim} first.
 */
public final class IdleParking implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IdleParking.class);
    /** How long a reclaim waits for the selector thread before it takes the channel back itself. */
    private static final long RECLAIM_WAIT_MS = 2_000;

    private final Selector selector;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Thread loop;
    private volatile boolean closed;

    public IdleParking(String threadName) throws IOException {
        this.selector = Selector.open();
        this.loop = Thread.ofPlatform().daemon().name(threadName).start(this::run);
    }

    /** The place of one control connection; made once per connection, parked any number of times. */
    public Spot spot(SocketChannel channel) {
        return new Spot(channel);
    }

    /** RECLAIMED is for good: a connection taken back for its close is never parked again. */
    private enum State { RUNNING, PARKED, RECLAIMED }

    /** One connection: parked by its own thread, woken by bytes or reclaimed by another thread. */
    public final class Spot {
        private final SocketChannel channel;
        private State state = State.RUNNING;
        private Runnable onReadable;
        private SelectionKey key;

        private Spot(SocketChannel channel) {
            this.channel = channel;
        }

        /**
         * Called by the connection's thread, with nothing left to read, instead of a blocking read.
         * True: the connection is parked, the caller's thread must end and touch it no more;
         * {@code onReadable} will run on a new virtual thread with the channel blocking again.
         * False: it was reclaimed (closing) or cannot be parked; the caller reads on as usual.
         */
        public boolean park(Runnable onReadable) {
            if (closed) {
                return false;
            }
            synchronized (this) {
                if (state != State.RUNNING) {
                    return false;
                }
                try {
                    channel.configureBlocking(false);
                } catch (IOException e) {
                    return false; // closed under us: the blocking read that follows reports it
                }
                this.onReadable = onReadable;
                state = State.PARKED;
            }
            tasks.add(this::register);
            selector.wakeup();
            return true;
        }

        /**
         * From another thread: if the connection is parked, takes it back (blocking mode, no
         * wake-up to come) and returns true, and the caller then owns the connection's end. False
         * when it is not parked; either way it will not be parked again.
         */
        public boolean reclaim() {
            synchronized (this) {
                boolean parked = state == State.PARKED;
                state = State.RECLAIMED;
                onReadable = null;
                if (!parked) {
                    return false;
                }
            }
            CompletableFuture<Void> back = new CompletableFuture<>();
            tasks.add(() -> {
                unregister();
                back.complete(null);
            });
            selector.wakeup();
            try {
                back.get(closed ? 0 : RECLAIM_WAIT_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                LOG.debug("idle parking did not answer a reclaim: {}", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!back.isDone()) {
                // The selector is gone (server stopping): closing it cancelled every key.
                blocking();
            }
            return true;
        }

        /** Selector thread: starts watching, or wakes at once when the channel closed meanwhile. */
        private synchronized void register() {
            if (state != State.PARKED) {
                return; // reclaimed before it was registered
            }
            try {
                key = channel.register(selector, SelectionKey.OP_READ, this);
            } catch (ClosedChannelException | CancelledKeyException e) {
                wake(); // its read will report the closed channel, and the session ends as usual
            }
        }

        /** Selector thread, after the key's cancel took effect: back to blocking, and the wake-up. */
        private synchronized void readable() {
            if (state == State.PARKED) {
                wake();
            }
        }

        /** Holding the monitor: hands the connection back to a new thread of its own. */
        private void wake() {
            key = null;
            blocking();
            state = State.RUNNING;
            Runnable r = onReadable;
            onReadable = null;
            Thread.ofVirtual().start(r);
        }

        /** Selector thread: a reclaimed connection leaves the selector and blocks again. */
        private synchronized void unregister() {
            SelectionKey k = key;
            key = null;
            if (k != null) {
                k.cancel();
                try {
                    selector.selectNow(); // a cancelled key leaves the selector at its next select
                } catch (IOException | ClosedSelectorException e) {
                    LOG.debug("idle parking select: {}", e.toString());
                }
            }
            blocking();
        }

        private void blocking() {
            try {
                channel.configureBlocking(true);
            } catch (IOException | IllegalBlockingModeException e) {
                // Closed: the read that follows reports it. Still registered (a selector that
                // has stopped): the stream then refuses with IllegalBlockingModeException.
                LOG.debug("control connection back to blocking: {}", e.toString());
            }
        }
    }

    private void run() {
        List<Spot> ready = new ArrayList<>();
        while (!closed) {
            try {
                selector.select();
                for (Runnable task; (task = tasks.poll()) != null; ) {
                    task.run();
                }
                var selected = selector.selectedKeys();
                if (selected.isEmpty()) {
                    continue;
                }
                for (SelectionKey k : selected) {
                    k.cancel();
                    ready.add((Spot) k.attachment());
                }
                selected.clear();
                selector.selectNow(); // deregisters the cancelled keys, so the channels can block again
                for (Spot s : ready) {
                    s.readable();
                }
                ready.clear();
            } catch (ClosedSelectorException e) {
                return;
            } catch (IOException | RuntimeException e) {
                LOG.warn("idle parking: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("closing the idle parking selector: {}", e.toString());
        }
        loop.interrupt();
    }
}
