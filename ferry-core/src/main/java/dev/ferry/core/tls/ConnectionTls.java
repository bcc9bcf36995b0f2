package dev.ferry.core.tls;

import java.io.IOException;
import java.net.Socket;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * The TLS state of one client connection and of the connections that belong to it (FTP data
 * connections): one {@link SSLContext}, so one session cache and one set of session-ticket keys
 * that no other client shares.
 *
 * <p>How {@link #resumes} knows that a handshake resumed the first connection's session. JSSE
 * keeps a session's creation time through every resumption (TLS 1.2 session ID or ticket, TLS 1.3
 * PSK ticket), while a full handshake creates a session stamped with the current time. Before a
 * later connection's handshake starts, {@link #awaitLaterMillisecond} makes sure the clock has
 * moved past the origin's creation time, so a full handshake can never carry the origin's stamp.
 * And since tickets and cached sessions only work within the context that issued them, a
 * handshake that ends with the origin's stamp was made by someone holding this client's own
 * session secrets.
 *
 * <p>Stateless tickets are kept (the JDK default) because they are reusable: clients such as
 * FileZilla or a python ftplib subclass resume the control connection's one ticket for every
 * data connection, which the JDK's stateful TLS 1.3 cache (single-use entries) would refuse
 * from the second transfer on.
 */
public final class ConnectionTls {

    private final ServerTls server;
    private final SSLContext context;
    private volatile long originCreated = Long.MIN_VALUE;
    private volatile String originProtocol = "";

    ConnectionTls(ServerTls server, SSLContext context) {
        this.server = server;
        this.context = context;
    }

    /** A server-mode TLS socket over {@code plain}; the caller starts the handshake. */
    public SSLSocket serverSocket(Socket plain, boolean autoClose) throws IOException {
        return server.configure(context, plain, autoClose);
    }

    /** Records the session that later connections must resume (the FTP control connection's). */
    public void markOrigin(SSLSocket origin) {
        SSLSession s = origin.getSession();
        originProtocol = s.getProtocol();
        originCreated = s.getCreationTime();
    }

    /**
     * Call before a later connection's handshake: returns once the wall clock is past the origin's
     * creation millisecond (at most a millisecond's wait, and only right after the origin's handshake).
     */
    public void awaitLaterMillisecond() throws InterruptedException {
        while (System.currentTimeMillis() <= originCreated) {
            Thread.sleep(1);
        }
    }

    /** True when {@code socket}'s handshake resumed the origin's session (or a session resumed from it). */
    public boolean resumes(SSLSocket socket) {
        SSLSession s = socket.getSession();
        return s.isValid() && s.getCreationTime() == originCreated && s.getProtocol().equals(originProtocol);
    }

    /** The verified client certificate of a handshake, if the client sent one. */
    public static Optional<X509Certificate> peerCertificate(SSLSocket socket) {
        try {
            Certificate[] chain = socket.getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x ? Optional.of(x) : Optional.empty();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }
}
