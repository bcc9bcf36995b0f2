package dev.ferry.client.ftp;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * A TLS upload connection that ends the way the server expects: when the upload stream is closed,
 * it sends close_notify (a half-close) and reads on until the server's own close_notify. Two
 * things arrive on the way back: the server's confirmation that every byte was received, and the
 * session ticket the server holds back until then, which JSSE (using each TLS 1.3 ticket once)
 * needs to resume the next data connection.
 */
final class UploadDataSocket extends DelegatingSocket {

    UploadDataSocket(Socket tls) {
        super(tls);
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        return new FilterOutputStream(inner.getOutputStream()) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                try {
                    out.flush();
                    inner.shutdownOutput();
                    InputStream in = inner.getInputStream();
                    byte[] sink = new byte[512];
                    while (in.read(sink) >= 0) {
                        // nothing is expected but the ticket and close_notify
                    }
                } finally {
                    inner.close();
                }
            }
        };
    }
}
