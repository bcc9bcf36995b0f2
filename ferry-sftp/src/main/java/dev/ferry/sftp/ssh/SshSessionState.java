package dev.ferry.sftp.ssh;

import dev.ferry.core.session.Session;
import dev.ferry.core.session.UserContext;
import dev.ferry.core.user.User;
import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.server.session.ServerSession;

/**
 * What Ferry knows about one SSH connection: its entry in the core session registry and, once
 * logged in, the user's context. Kept as an attribute of MINA's session; every channel of the
 * connection (SFTP, SCP, checksum commands) works through the same context.
 */
public final class SshSessionState {

    static final AttributeKey<SshSessionState> KEY = new AttributeKey<>();

    /** A public key that passed the account check, waiting for MINA to verify the signature. */
    record PendingKey(User user, String fingerprint) {}

    private final Session session;
    private final InetAddress client;
    private final AtomicReference<UserContext> context = new AtomicReference<>();
    private final AtomicReference<PendingKey> pendingKey = new AtomicReference<>();
    private final AtomicInteger passwordFailures = new AtomicInteger();
    private final AtomicInteger sftpHandles = new AtomicInteger();

    SshSessionState(Session session, InetAddress client) {
        this.session = session;
        this.client = client;
    }

    /** The state of a connection that has logged in, or empty. */
    public static Optional<SshSessionState> loggedIn(ServerSession s) {
        SshSessionState st = s.getAttribute(KEY);
        return st == null || st.context.get() == null ? Optional.empty() : Optional.of(st);
    }

    /** SFTP handles open on this connection, over all its channels. */
    public AtomicInteger sftpHandles() {
        return sftpHandles;
    }

    public Session session() {
        return session;
    }

    public InetAddress client() {
        return client;
    }

    /** The logged-in user's context; only on a logged-in connection. */
    public UserContext context() {
        UserContext c = context.get();
        if (c == null) {
            throw new IllegalStateException("not logged in");
        }
        return c;
    }

    /** "user@address", for log lines. */
    public String who() {
        return session.who();
    }

    boolean setContext(UserContext c) {
        return context.compareAndSet(null, c);
    }

    boolean hasContext() {
        return context.get() != null;
    }

    AtomicReference<PendingKey> pendingKey() {
        return pendingKey;
    }

    int passwordFailed() {
        return passwordFailures.incrementAndGet();
    }
}
