package dev.ferry.core.tls;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The server side of TLS, shared by every front-end that needs it: the (reloading) certificate,
 * the protocol and cipher restrictions, and the optional client-certificate CAs.
 *
 * <p>Each client connection that starts TLS gets its own {@link ConnectionTls}, with its own
 * {@link SSLContext}. A context owns its session cache and its ticket keys, so a session can be
 * resumed only through the context that created it: FTP data connections use their control
 * connection's, which makes "resumed a session" mean "resumed this client's session".
 */
public final class ServerTls {

    static {
        // A client-initiated renegotiation (TLS 1.2) is a full handshake the client may ask for as
        // often as it likes, the server's CPU for free, and no FTP client needs one. The JDK reads
        // this at its first server handshake; set on the command line, the operator's value stands.
        if (System.getProperty("jdk.tls.rejectClientInitiatedRenegotiation") == null) {
            System.setProperty("jdk.tls.rejectClientInitiatedRenegotiation", "true");
        }
    }

    private final ReloadingKeyManager keys;
    private final Optional<X509TrustManager> clientCas;
    private final SecureRandom random = new SecureRandom();

    public ServerTls(ReloadingKeyManager keys, Optional<X509TrustManager> clientCas) {
        this.keys = keys;
        this.clientCas = clientCas;
    }

    public ReloadingKeyManager keys() {
        return keys;
    }

    /** True when clients are asked for a certificate (a client CA is configured). */
    public boolean requestsClientCertificates() {
        return clientCas.isPresent();
    }

    /** TLS for one new client connection. */
    public ConnectionTls newConnection() {
        return new ConnectionTls(this, context());
    }

    private SSLContext context() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            TrustManager[] trust = clientCas.map(t -> new TrustManager[] {t}).orElse(null);
            ctx.init(new KeyManager[] {keys}, trust, random);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS unavailable in this JDK: " + e.getMessage(), e);
        }
    }

    /** A server-mode TLS socket over an accepted connection, restricted to our protocols and suites. */
    SSLSocket configure(SSLContext ctx, Socket plain, boolean autoClose) throws IOException {
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(plain, plain.getInetAddress().getHostAddress(), plain.getPort(), autoClose);
        s.setUseClientMode(false);
        SSLParameters p = TlsProtocols.restrict(s.getSSLParameters(), ctx.getSupportedSSLParameters());
        if (clientCas.isPresent()) {
            p.setWantClientAuth(true);
        }
        s.setSSLParameters(p);
        return s;
    }
}
