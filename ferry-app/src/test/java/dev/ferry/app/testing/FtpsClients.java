package dev.ferry.app.testing;

import java.io.IOException;
import java.net.Socket;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPReply;
import org.apache.commons.net.ftp.FTPSClient;

/**
 * Commons Net FTPS clients for tests: the stock {@link FTPSClient} (a fresh TLS session on every
 * data connection) and {@link Reusing}, which resumes the control connection's session like
 * curl, lftp and FileZilla do.
 */
public final class FtpsClients {

    private FtpsClients() {}

    /** A client context that trusts exactly {@code serverCert} (the self-signed one works as its own CA). */
    public static SSLContext trusting(X509Certificate serverCert) throws Exception {
        return context(serverCert, null, null);
    }

    /** As {@link #trusting}, presenting a client certificate. */
    public static SSLContext withClientCertificate(X509Certificate serverCert, PrivateKey key, X509Certificate... chain)
            throws Exception {
        return context(serverCert, key, chain);
    }

    private static SSLContext context(X509Certificate trust, PrivateKey key, X509Certificate[] chain) throws Exception {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("server", trust);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(ts);
        KeyManagerFactory kmf = null;
        if (key != null) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("client", key, new char[0], chain);
            kmf = KeyManagerFactory.getInstance("PKIX");
            kmf.init(ks, new char[0]);
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    /** Explicit FTPS on the FTP port: connected, AUTH TLS done, not logged in. */
    public static FTPSClient explicit(int port, FTPSClient client) throws IOException {
        client.setConnectTimeout(10_000);
        client.setDefaultTimeout(30_000);
        client.connect("127.0.0.1", port);
        client.setSoTimeout(30_000);
        if (!FTPReply.isPositiveCompletion(client.getReplyCode())) {
            throw new IOException("no 220 greeting: " + client.getReplyString());
        }
        return client;
    }

    /** Logs in, then PBSZ 0 + PROT P, passive binary. */
    public static FTPSClient loginPrivate(FTPSClient c, String user, String password) throws IOException {
        if (!c.login(user, password)) {
            throw new IOException("login failed: " + c.getReplyString());
        }
        c.execPBSZ(0);
        c.execPROT("P");
        c.enterLocalPassiveMode();
        c.setFileType(FTP.BINARY_FILE_TYPE);
        return c;
    }

    /**
     * Resumes the control connection's TLS session on every data connection. JSSE's client looks
     * sessions up by peer host and port, so TLS is layered over a {@link dev.ferry.client.ftp.PeerPortSocket} that gives
     * the control port as its peer port, which finds the control connection's session ticket.
     */
    /** TLS over a connected data socket, offering the session JSSE cached for {@code host:sessionPort}. */
    public static SSLSocket resumingLayer(SSLContext context, Socket plain, int sessionPort) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(new dev.ferry.client.ftp.PeerPortSocket(plain, sessionPort), "127.0.0.1", sessionPort, true);
        tls.setUseClientMode(true);
        return tls;
    }

    public static final class Reusing extends FTPSClient {
        private final SSLContext context;
        private boolean privateData;

        public Reusing(boolean implicit, SSLContext context) {
            super(implicit, context);
            this.context = context;
        }

        @Override
        public void execPROT(String prot) throws IOException {
            super.execPROT(prot);
            privateData = "P".equals(prot);
            setSocketFactory(null); // plain data sockets; _openDataConnection_ adds TLS itself
            setServerSocketFactory(null);
        }

        @Override
        protected Socket _openDataConnection_(String command, String arg) throws IOException {
            Socket plain = super._openDataConnection_(command, arg);
            if (plain == null || !privateData) {
                return plain;
            }
            SSLSocket tls = resumingLayer(context, plain, getRemotePort());
            tls.setEnabledProtocols(((SSLSocket) _socket_).getEnabledProtocols());
            tls.startHandshake();
            return tls;
        }

        /**
         * Uploads closing TLS both ways, as python's ftplib does (unwrap): close_notify, then read to
         * the server's. On the way in comes the session ticket the server holds back until then, and
         * JSSE, which uses each TLS 1.3 ticket once, needs it for the next data connection.
         */
        @Override
        public boolean storeFile(String remote, java.io.InputStream local) throws IOException {
            if (!privateData) {
                return super.storeFile(remote, local);
            }
            Socket s = _openDataConnection_("STOR", remote);
            if (s == null) {
                return false;
            }
            try (s) {
                java.io.OutputStream out = s.getOutputStream();
                local.transferTo(out);
                out.flush();
                s.shutdownOutput();
                s.getInputStream().readAllBytes();
            }
            return completePendingCommand();
        }
    }
}
