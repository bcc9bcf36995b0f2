package dev.ferry.core.session;

import dev.ferry.core.transfer.TransferProgress;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Who is connected and what they are doing, as the rest of the server sees it. Front-ends keep
 * their own protocol state; this is the protocol-independent part, registered in the
 * {@link SessionRegistry} for limits, status and shutdown.
 */
public final class Session {

    private final long id;
    private final String protocol;
    private final InetAddress client;
    private final Instant started = Instant.now();
    private final Runnable closer;
    private final AtomicReference<String> user = new AtomicReference<>();
    private final AtomicReference<TransferProgress> transfer = new AtomicReference<>();
    /** Transfers running in the whole registry, this session's among them; outlives its registration. */
    private final AtomicLong running;

    Session(long id, String protocol, InetAddress client, Runnable closer, AtomicLong running) {
        this.running = running;
        this.id = id;
        this.protocol = protocol;
        this.client = client;
        this.closer = closer;
    }

    public long id() {
        return id;
    }

    public String protocol() {
        return protocol;
    }

    public InetAddress client() {
        return client;
    }

    public Instant started() {
        return started;
    }

    public Optional<String> user() {
        return Optional.ofNullable(user.get());
    }

    void setUser(String name) {
        user.set(name);
    }

    /** The transfer in progress, if any. */
    public Optional<TransferProgress> transfer() {
        return Optional.ofNullable(transfer.get());
    }

    public void transferStarted(TransferProgress progress) {
        if (transfer.getAndSet(progress) == null) {
            running.incrementAndGet();
        }
    }

    /** The transfer is over, its file closed (a shutdown waits for this, not for the session's end). */
    public void transferEnded() {
        if (transfer.getAndSet(null) != null) {
            running.decrementAndGet();
        }
    }

    /** Closes the connection now (server shutdown). */
    void close() {
        closer.run();
    }

    /** "user@address", or "-@address" before login; for log lines. */
    public String who() {
        return user().orElse("-") + "@" + client.getHostAddress();
    }
}
