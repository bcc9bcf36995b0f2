package dev.ferry.client.ftp;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.apache.commons.net.ftp.FTPSClient;

/**
 * Commons Net's FTPS client, with data connections that resume the control connection's TLS
 * session (RFC 4217 section 10.2 recommends it; servers that check it refuse data connections that
 * do not). Commons Net opens each data connection with a fresh session; here the data socket is
 * opened in the clear and TLS is layered on it reporting the control port, so JSSE offers the
 * control connection's session, and uploads end with a TLS half-close (see UploadDataSocket).
 */
public final class ReusingFtpsClient extends FTPSClient {

    private static final Set<String> UPLOADS = Set.of("STOR", "APPE", "STOU");

    private final SSLContext context;
    private boolean privateData;
    /** The plain control socket beneath TLS, capping each reply ({@link ReplyBudgetSocket}). */
    private final ReplyBudgetSocket.Holder budget = new ReplyBudgetSocket.Holder();

    /** Explicit TLS (AUTH TLS on the FTP port). */
    public ReusingFtpsClient(SSLContext context) {
        this(false, context);
    }

    /** @param implicit TLS from the first byte, on an implicit-FTPS port */
    public ReusingFtpsClient(boolean implicit, SSLContext context) {
        super(implicit, context);
        this.context = context;
    }

    @Override
    protected void applySocketAttributes() throws SocketException {
        super.applySocketAttributes();
        _socket_ = budget.wrap(_socket_); // before TLS is layered on it (implicit or AUTH TLS)
    }

    @Override
    public int sendCommand(String command, String args) throws IOException {
        budget.renew();
        return super.sendCommand(command, args);
    }

    @Override
    public void execPROT(String prot) throws IOException {
        super.execPROT(prot);
        privateData = "P".equals(prot);
        // Plain data sockets from Commons Net; _openDataConnection_ adds TLS itself.
        setSocketFactory(null);
        setServerSocketFactory(null);
    }

    @Override
    protected Socket _openDataConnection_(String command, String arg) throws IOException {
        Socket plain = super._openDataConnection_(command, arg);
        if (plain == null || !privateData) {
            return plain;
        }
        SSLSocket control = (SSLSocket) _socket_;
        SSLSocket tls;
        try {
            // The same host name and port the control connection was layered with: JSSE's session key.
            String host = _hostname_ != null ? _hostname_ : getRemoteAddress().getHostAddress();
            tls = (SSLSocket) context.getSocketFactory().createSocket(
                    new PeerPortSocket(plain, getRemotePort()), host, getRemotePort(), true);
            tls.setUseClientMode(true);
            tls.setEnabledProtocols(control.getEnabledProtocols());
            tls.setEnabledCipherSuites(control.getEnabledCipherSuites());
            tls.setSSLParameters(withEndpointCheck(tls, control));
            tls.setSoTimeout(plain.getSoTimeout());
            tls.startHandshake();
        } catch (IOException e) {
            plain.close();
            throw e;
        }
        return UPLOADS.contains(command.toUpperCase(Locale.ROOT)) ? new UploadDataSocket(tls) : tls;
    }

    /** The control connection's endpoint check (host name verification) applies to data too. */
    private static javax.net.ssl.SSLParameters withEndpointCheck(SSLSocket data, SSLSocket control) {
        javax.net.ssl.SSLParameters p = data.getSSLParameters();
        p.setEndpointIdentificationAlgorithm(control.getSSLParameters().getEndpointIdentificationAlgorithm());
        return p;
    }
}
