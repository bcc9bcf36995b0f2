package dev.ferry.sftp.ssh;

import dev.ferry.core.auth.AnonymousAccess;
import dev.ferry.core.auth.AuthResult;
import dev.ferry.core.session.SessionRegistry;
import dev.ferry.core.session.UserContext;
import dev.ferry.core.user.AuthorizedKey;
import dev.ferry.core.user.User;
import dev.ferry.sftp.SftpContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.PublicKey;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.server.auth.AsyncAuthException;
import org.apache.sshd.server.auth.password.PasswordAuthenticator;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where SSH connections meet the core: each connection is admitted by the gate and the session
 * registry (limits per address), logs in through the core {@link dev.ferry.core.auth.Authenticator}
 * (passwords and the account's public keys, the same rules as FTP), and gets the user's
 * {@link UserContext} once logged in.
 *
 * <p>Password checks run on a virtual thread (MINA's asynchronous authentication), so hashing and
 * the failure delay park only that connection, never MINA's I/O threads.
 */
public final class Logins implements PasswordAuthenticator, PublickeyAuthenticator, SessionListener {

    private static final Logger LOG = LoggerFactory.getLogger(Logins.class);
    private static final Logger SECURITY = LoggerFactory.getLogger("ferry.security");
    /** Password failures after which the connection is closed, as FTP does. */
    static final int MAX_PASSWORD_FAILURES = 3;

    private final SftpContext ctx;

    public Logins(SftpContext ctx) {
        this.ctx = ctx;
    }

    // --- connections -------------------------------------------------------------------------

    @Override
    public void sessionCreated(org.apache.sshd.common.session.Session s) {
        if (!(s instanceof ServerSession session)) {
            return;
        }
        InetAddress client = addressOf(session.getClientAddress());
        // The registry asks the core's gate first (address rules, bans), then counts the limits.
        switch (ctx.sessions().open(SftpContext.PROTOCOL, client, () -> session.close(true))) {
            case SessionRegistry.Admission.Admitted a -> session.setAttribute(SshSessionState.KEY, new SshSessionState(a.session(), client));
            case SessionRegistry.Admission.Refused r -> {
                SECURITY.warn("ssh connection refused client={} reason=\"{}\"", client.getHostAddress(), r.reason());
                session.close(true);
            }
        }
    }

    @Override
    public void sessionEvent(org.apache.sshd.common.session.Session s, Event event) {
        if (event != Event.Authenticated || !(s instanceof ServerSession session)) {
            return;
        }
        SshSessionState st = session.getAttribute(SshSessionState.KEY);
        if (st == null || st.hasContext()) {
            return;
        }
        SshSessionState.PendingKey key = st.pendingKey().getAndSet(null);
        if (key == null || !admit(session, st, key.user())) {
            if (session.isOpen() && !session.isClosing()) { // admit may have said why already
                disconnect(session, "Login refused");
            }
            return;
        }
        ctx.authenticator().keyLoginSucceeded(key.user(), st.client(), SftpContext.PROTOCOL, key.fingerprint());
    }

    @Override
    public void sessionClosed(org.apache.sshd.common.session.Session s) {
        SshSessionState st = s.getAttribute(SshSessionState.KEY);
        if (st != null) {
            ctx.sessions().close(st.session());
        }
    }

    // --- passwords ---------------------------------------------------------------------------

    @Override
    public boolean authenticate(String username, String password, ServerSession session) throws AsyncAuthException {
        SshSessionState st = session.getAttribute(SshSessionState.KEY);
        if (st == null) {
            return false;
        }
        AsyncAuthException pending = new AsyncAuthException();
        Thread.ofVirtual().name("ssh-login").start(() -> pending.setAuthed(checkPassword(session, st, username, password)));
        throw pending;
    }

    private boolean checkPassword(ServerSession session, SshSessionState st, String username, String password) {
        try {
            AuthResult r = ctx.authenticator().authenticate(username, password, st.client(), SftpContext.PROTOCOL);
            return switch (r) {
                case AuthResult.Success ok when isAnonymous(ok.user()) -> {
                    // Anonymous access is an FTP service (a read-only public tree), not an SSH login.
                    LOG.info("login refused user={} client={} proto={} reason=anonymous-is-ftp-only", AnonymousAccess.ACCOUNT,
                            st.client().getHostAddress(), SftpContext.PROTOCOL);
                    yield false;
                }
                case AuthResult.Success ok -> admit(session, st, ok.user());
                case AuthResult.Failure f -> {
                    if (st.passwordFailed() >= MAX_PASSWORD_FAILURES) {
                        disconnect(session, "Too many authentication failures");
                    }
                    yield false;
                }
                case AuthResult.Busy b -> {
                    disconnect(session, "Server busy, try later");
                    yield false;
                }
                case AuthResult.Unavailable u -> {
                    disconnect(session, "Service not available, try later");
                    yield false;
                }
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (RuntimeException e) {
            LOG.warn("password check failed for {}: {}", st.who(), e.toString());
            return false;
        }
    }

    /** The anonymous FTP account: the core's stand-in user, with no password hash of its own. */
    private static boolean isAnonymous(User u) {
        return u.name().equals(AnonymousAccess.ACCOUNT) && u.passwordHash().isEmpty();
    }

    // --- public keys -------------------------------------------------------------------------

    @Override
    public boolean authenticate(String username, PublicKey key, ServerSession session) {
        SshSessionState st = session.getAttribute(SshSessionState.KEY);
        if (st == null || st.hasContext()) {
            return false;
        }
        byte[] blob;
        try {
            ByteArrayBuffer b = new ByteArrayBuffer();
            b.putRawPublicKey(key);
            blob = b.getCompactData();
        } catch (RuntimeException e) {
            return false;
        }
        AuthResult r = ctx.authenticator().checkKey(username, blob, st.client(), SftpContext.PROTOCOL);
        if (r instanceof AuthResult.Success ok) {
            st.pendingKey().set(new SshSessionState.PendingKey(ok.user(), AuthorizedKey.fingerprint(blob)));
            return true;
        }
        return false;
    }

    // --- shared ------------------------------------------------------------------------------

    /** The per-user session limit, then the user's context. False refuses the login. */
    private boolean admit(ServerSession session, SshSessionState st, User user) {
        if (!ctx.sessions().login(st.session(), user.name(), user.limits().maxSessions())) {
            LOG.info("login refused user={} client={} proto={} reason=too-many-sessions", user.name(),
                    st.client().getHostAddress(), SftpContext.PROTOCOL);
            // The credentials were right: say why, rather than let the client report a wrong
            // password ("Authentication failed"), as FTP's 421 does.
            try {
                session.disconnect(SshConstants.SSH2_DISCONNECT_TOO_MANY_CONNECTIONS,
                        "too many sessions for this account (at most " + user.limits().maxSessions() + ")");
            } catch (IOException e) {
                session.close(true);
            }
            return false;
        }
        try {
            UserContext c = ctx.userContexts().open(user, st.who());
            return st.setContext(c);
        } catch (IOException e) {
            LOG.warn("cannot open the home of {}: {}", user.name(), e.toString());
            ctx.sessions().logout(st.session());
            return false;
        }
    }

    private static void disconnect(ServerSession session, String reason) {
        try {
            session.disconnect(SshConstants.SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE, reason);
        } catch (IOException e) {
            session.close(true);
        }
    }

    static InetAddress addressOf(SocketAddress a) {
        if (a instanceof InetSocketAddress i && i.getAddress() != null) {
            return i.getAddress();
        }
        return InetAddress.getLoopbackAddress();
    }
}
