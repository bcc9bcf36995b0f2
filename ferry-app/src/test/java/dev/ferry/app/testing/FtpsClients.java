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
 * data connection) and the client's own {@link dev.ferry.client.ftp.ReusingFtpsClient}, which
 * resumes the control connection's session like curl, lftp and FileZilla do.
 */
public final class FtpsClients {

    private FtpsClients() {}

    /** A client context that trusts exactly {@code serverCert} (the self-signed one works as its own CA). */
    public static SSLContext trusting(X509Certificate serverCert) throws Exception {
        return context(serverCert, null, null);
    }

    /** A client context that trusts the running test server's certificate. */
    public static SSLContext trusting(TestServer server) throws Exception {
        return trusting(server.server().tls().orElseThrow().keys().material().certificate());
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

    /** TLS over a connected data socket, offering the session JSSE cached for {@code host:sessionPort}. */
    public static SSLSocket resumingLayer(SSLContext context, Socket plain, int sessionPort) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(new dev.ferry.client.ftp.PeerPortSocket(plain, sessionPort), "127.0.0.1", sessionPort, true);
        tls.setUseClientMode(true);
        return tls;
    }
}
