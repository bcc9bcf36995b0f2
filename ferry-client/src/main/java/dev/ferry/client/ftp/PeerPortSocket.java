package dev.ferry.client.ftp;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;

/**
 * An FTP data socket that reports the control connection's port as its peer port. JSSE finds the
 * session a client offers to resume by the peer's host and port, and has no other way to be told;
 * layering TLS over this wrapper makes it offer the control connection's session on the data
 * connection, as curl and lftp do, which servers that require session reuse (Ferry, vsftpd's
 * require_ssl_reuse, proftpd) insist on.
 */
public final class PeerPortSocket extends DelegatingSocket {

    private final int port;

    public PeerPortSocket(Socket inner, int port) {
        super(inner);
        this.port = port;
    }

    @Override
    public int getPort() {
        return port;
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return new InetSocketAddress(inner.getInetAddress(), port);
    }
}
