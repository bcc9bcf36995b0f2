package dev.ferry.ftp.tls;

import dev.ferry.core.tls.ClientCertificates;
import dev.ferry.core.tls.ConnectionTls;
import dev.ferry.core.tls.TlsPolicy;
import dev.ferry.core.tls.TlsReuse;
import dev.ferry.core.user.UserTls;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One FTP session's TLS state (RFC 4217): whether the control connection is protected, whether
 * PBSZ was sent, the data protection level, and the session that protected data connections
 * must resume. Owned by the session's control thread; transfers read a {@link DataProtection}
 * snapshot.
 */
public final class SessionTls {

    private static final Logger LOG = LoggerFactory.getLogger(SessionTls.class);
    private static final Logger SECURITY = LoggerFactory.getLogger("ferry.security");

    private final Optional<FtpTls> config;
    private ConnectionTls connection;
    private SSLSocket control;
    private boolean pbsz;
    private boolean protectData;

    public SessionTls(Optional<FtpTls> config) {
        this.config = config;
    }

    /** TLS can be offered: the server has a certificate. */
    public boolean available() {
        return config.isPresent();
    }

    /** The control connection is protected (after AUTH TLS, or from the start on the implicit port). */
    public boolean active() {
        return control != null;
    }

    public boolean pbszDone() {
        return pbsz;
    }

    public void setPbsz() {
        pbsz = true;
    }

    public boolean protectsData() {
        return protectData;
    }

    public void setProtectData(boolean p) {
        protectData = p;
    }

    /** The server-wide policy, or the account's own once it is known. */
    public TlsPolicy policy(Optional<UserTls> account) {
        TlsPolicy server = config.map(FtpTls::policy).orElse(TlsPolicy.OPTIONAL);
        return account.map(a -> a.policyOr(server)).orElse(server);
    }

    public TlsReuse reuse(Optional<UserTls> account) {
        TlsReuse server = config.map(FtpTls::reuse).orElse(TlsReuse.REQUIRED);
        return account.map(a -> a.reuseOr(server)).orElse(server);
    }

    /** An account's TLS rules before login, looked up by name. */
    public Optional<UserTls> accountRules(String name) {
        return config.flatMap(c -> c.accounts().find(name));
    }

    /**
     * Runs the server side of the handshake over the control connection and returns the TLS
     * socket; the caller reads and writes through it from now on. The socket's read timeout is
     * the handshake timeout meanwhile, and restored after.
     */
    public SSLSocket upgrade(Socket plain) throws IOException {
        FtpTls c = config.orElseThrow(() -> new IllegalStateException("TLS not configured"));
        ConnectionTls conn = c.server().newConnection();
        SSLSocket tls = conn.serverSocket(plain, true);
        int idle = plain.getSoTimeout();
        // The urgent byte some clients send before ABOR would land inside the TLS stream and break
        // it; out of line the kernel drops it instead.
        plain.setOOBInline(false);
        plain.setSoTimeout((int) Math.min(c.handshakeTimeout().toMillis(), Integer.MAX_VALUE));
        tls.startHandshake();
        plain.setSoTimeout(idle);
        conn.markOrigin(tls);
        this.connection = conn;
        this.control = tls;
        return tls;
    }

    /** The account name a verified client certificate speaks for (its CN), if the client sent one. */
    public Optional<String> certificateName() {
        if (control == null) {
            return Optional.empty();
        }
        return ConnectionTls.peerCertificate(control).flatMap(ClientCertificates::commonName);
    }

    /** "TLSv1.3 TLS_AES_128_GCM_SHA256", for STAT and logs. */
    public Optional<String> describe() {
        if (control == null) {
            return Optional.empty();
        }
        SSLSession s = control.getSession();
        return Optional.of(s.getProtocol() + " " + s.getCipherSuite());
    }

    /** What the next data connection gets, fixed when its command is accepted. */
    /** @param upload the client only sends on this connection (STOR, APPE, STOU) */
    public DataProtection dataProtection(TlsReuse reuse, boolean upload, String who) {
        if (!protectData || control == null) {
            return DataProtection.CLEAR;
        }
        FtpTls c = config.orElseThrow();
        return new DataProtection.Private(connection, reuse, upload, c.handshakeTimeout(), who);
    }

    /** Closes the TLS layer (sending close_notify) and the connection under it. */
    public void close() {
        SSLSocket s = control;
        if (s == null) {
            return;
        }
        try {
            s.close();
        } catch (IOException ignored) {
            // the client may be gone
        }
    }

    /** Closes a data connection at once, with no close_notify exchange to wait for. */
    private static void closeAbruptly(Socket plain) {
        try {
            plain.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** How one data connection is protected. */
    public sealed interface DataProtection {

        DataProtection CLEAR = new Clear();

        /** Turns the connected data socket into the channel the transfer uses. */
        ByteChannel open(SocketChannel data) throws IOException, DataConnectionRefused;

        record Clear() implements DataProtection {
            @Override
            public ByteChannel open(SocketChannel data) {
                return data;
            }
        }

        /** PROT P: a TLS handshake on the data connection, in which the client is the TLS client (RFC 4217 7). */
        record Private(ConnectionTls connection, TlsReuse reuse, boolean upload, Duration handshakeTimeout,
                       String who) implements DataProtection {
            @Override
            public ByteChannel open(SocketChannel data) throws IOException, DataConnectionRefused {
                Socket plain = data.socket();
                SSLSocket tls;
                if (upload) {
                    UploadSocket under = new UploadSocket(plain); // holds the session ticket back, see there
                    tls = connection.serverSocket(under, true);
                    under.attach(tls);
                } else {
                    tls = connection.serverSocket(plain, true);
                }
                plain.setSoTimeout((int) Math.min(handshakeTimeout.toMillis(), Integer.MAX_VALUE));
                try {
                    connection.awaitLaterMillisecond();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    tls.close();
                    throw new java.io.InterruptedIOException("interrupted");
                }
                try {
                    tls.startHandshake();
                } catch (SocketException e) {
                    throw e;
                } catch (IOException e) {
                    LOG.info("TLS handshake on the data connection of {} failed: {}", who, e.toString());
                    closeAbruptly(plain);
                    throw new DataConnectionRefused(425, "TLS handshake on the data connection failed.");
                }
                if (reuse == TlsReuse.REQUIRED && !connection.resumes(tls)) {
                    SECURITY.warn("refused data connection of {}: its TLS session does not resume the control connection's", who);
                    tls.getSession().invalidate();
                    closeAbruptly(plain); // SSLSocket.close would wait for the client's close_notify
                    throw new DataConnectionRefused(522, "Data connection refused: its TLS session does not resume the control "
                            + "connection's (session reuse is required; use a client that reuses it, or ask for tls-reuse optional).");
                }
                plain.setSoTimeout(0); // from here the stall watchdog bounds the transfer, as on clear connections
                return new TlsDataChannel(tls);
            }
        }
    }
}
