package dev.ferry.ftp.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import javax.net.ssl.SSLSocket;

/**
 * A protected (PROT P) data connection as a channel, so the transfer pump's copy loop works on
 * it unchanged. Closing sends TLS close_notify before the TCP FIN: curl and lftp report a
 * truncated transfer without it.
 */
final class TlsDataChannel implements ByteChannel {

    /** A little over four TLS records per call: few calls, little copying. */
    private static final int CHUNK = 64 * 1024;

    private final SSLSocket socket;
    private final InputStream in;
    private final OutputStream out;
    private byte[] bounce;

    TlsDataChannel(SSLSocket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!dst.hasRemaining()) {
            return 0;
        }
        if (dst.hasArray()) {
            int n = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
            if (n > 0) {
                dst.position(dst.position() + n);
            }
            return n;
        }
        byte[] b = bounce();
        int n = in.read(b, 0, Math.min(b.length, dst.remaining()));
        if (n > 0) {
            dst.put(b, 0, n);
        }
        return n;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int n = src.remaining();
        if (src.hasArray()) {
            out.write(src.array(), src.arrayOffset() + src.position(), n);
            src.position(src.limit());
            return n;
        }
        byte[] b = bounce();
        while (src.hasRemaining()) {
            int k = Math.min(b.length, src.remaining());
            src.get(b, 0, k);
            out.write(b, 0, k);
        }
        return n;
    }

    private byte[] bounce() {
        if (bounce == null) {
            bounce = new byte[CHUNK];
        }
        return bounce;
    }

    @Override
    public boolean isOpen() {
        return !socket.isClosed();
    }

    @Override
    public void close() throws IOException {
        try {
            out.flush();
            socket.shutdownOutput(); // close_notify alone (no TLS 1.3 user_canceled), then FIN
        } catch (IOException e) {
            // the peer may have gone already; close anyway
        } finally {
            socket.close();
        }
    }
}
