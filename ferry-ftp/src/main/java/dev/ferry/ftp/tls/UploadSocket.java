package dev.ferry.ftp.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import javax.net.ssl.SSLSocket;

/**
 * The TCP socket under the TLS layer of an upload's data connection. It holds back what TLS
 * writes once the handshake is over (in TLS 1.3, the NewSessionTicket that JSSE sends right
 * after every handshake) until the upload has been read to its end.
 *
 * <p>Why: the client of an upload only writes. lftp, FileZilla and other GnuTLS clients never
 * read the ticket, and a socket closed with unread data makes the client's kernel send RST
 * instead of FIN, which discards the end of the upload still in flight (measured: most lftp
 * uploads over TLS 1.3 failed with 426 before this). JSSE has no per-connection switch for the
 * ticket, so it is deferred here and sent, with close_notify, when the connection closes.
 * Nothing else is written on an upload connection, so deferring changes no record order.
 */
final class UploadSocket extends Socket {

    /** More than this is not a ticket: send it at once rather than hold it. */
    private static final int MAX_DEFERRED = 16 * 1024;

    private final Socket inner;
    private final OutputStream out;
    private final ByteArrayOutputStream deferred = new ByteArrayOutputStream();
    private volatile SSLSocket tls;
    private boolean handshakeWritten;

    UploadSocket(Socket inner) throws IOException {
        this.inner = inner;
        OutputStream raw = inner.getOutputStream();
        this.out = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                synchronized (deferred) {
                    if (afterHandshake() && deferred.size() + len <= MAX_DEFERRED) {
                        deferred.write(b, off, len);
                        return;
                    }
                    flushDeferred(raw);
                    raw.write(b, off, len);
                }
            }

            @Override
            public void flush() throws IOException {
                synchronized (deferred) {
                    if (!afterHandshake()) {
                        raw.flush();
                    }
                }
            }

            @Override
            public void close() throws IOException {
                releaseDeferred();
                raw.close();
            }
        };
    }

    /** The TLS socket layered over this one, whose handshake state decides what is held back. */
    void attach(SSLSocket tls) {
        this.tls = tls;
    }

    /** True once the handshake has written its flights and finished: post-handshake messages follow. */
    private boolean afterHandshake() {
        SSLSocket t = tls;
        if (t == null) {
            return false;
        }
        boolean handshaking = t.getHandshakeSession() != null;
        if (handshaking) {
            handshakeWritten = true;
        }
        return handshakeWritten && !handshaking;
    }

    private void flushDeferred(OutputStream raw) throws IOException {
        if (deferred.size() > 0) {
            deferred.writeTo(raw);
            deferred.reset();
        }
    }

    /** Sends what was held back; the peer may have gone by now, which is fine for an upload already read. */
    private void releaseDeferred() {
        synchronized (deferred) {
            try {
                flushDeferred(inner.getOutputStream());
            } catch (IOException ignored) {
                deferred.reset();
            }
        }
    }

    @Override
    public OutputStream getOutputStream() {
        return out;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return inner.getInputStream();
    }

    @Override
    public void shutdownOutput() throws IOException {
        releaseDeferred();
        inner.shutdownOutput();
    }

    @Override
    public synchronized void close() throws IOException {
        releaseDeferred();
        inner.close();
    }

    // --- plain delegation ---------------------------------------------------------------------

    @Override
    public InetAddress getInetAddress() {
        return inner.getInetAddress();
    }

    @Override
    public int getPort() {
        return inner.getPort();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return inner.getRemoteSocketAddress();
    }

    @Override
    public InetAddress getLocalAddress() {
        return inner.getLocalAddress();
    }

    @Override
    public int getLocalPort() {
        return inner.getLocalPort();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return inner.getLocalSocketAddress();
    }

    @Override
    public boolean isConnected() {
        return inner.isConnected();
    }

    @Override
    public boolean isBound() {
        return inner.isBound();
    }

    @Override
    public boolean isClosed() {
        return inner.isClosed();
    }

    @Override
    public boolean isInputShutdown() {
        return inner.isInputShutdown();
    }

    @Override
    public boolean isOutputShutdown() {
        return inner.isOutputShutdown();
    }

    @Override
    public void shutdownInput() throws IOException {
        inner.shutdownInput();
    }

    @Override
    public synchronized void setSoTimeout(int timeout) throws SocketException {
        inner.setSoTimeout(timeout);
    }

    @Override
    public synchronized int getSoTimeout() throws SocketException {
        return inner.getSoTimeout();
    }

    @Override
    public void setSoLinger(boolean on, int linger) throws SocketException {
        inner.setSoLinger(on, linger);
    }

    @Override
    public int getSoLinger() throws SocketException {
        return inner.getSoLinger();
    }

    @Override
    public void setTcpNoDelay(boolean on) throws SocketException {
        inner.setTcpNoDelay(on);
    }

    @Override
    public boolean getTcpNoDelay() throws SocketException {
        return inner.getTcpNoDelay();
    }
}
