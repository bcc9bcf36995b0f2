package dev.ferry.client.ftp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import javax.net.ssl.SSLSocket;

/**
 * The control connection's socket, with a cap on what the server may send in answer to one
 * command. Commons Net reads a reply line by line into memory and a multi-line reply until its
 * last line, with no bound on either: a broken or hostile server that sends one endless line, or
 * continuation lines forever, would fill the client's heap. Past {@value #LIMIT} bytes since the
 * last command (or since connecting, for the greeting) reading fails with a plain message. Under
 * TLS the socket sits beneath the TLS layer, so the cap counts the encrypted bytes.
 */
final class ReplyBudgetSocket extends DelegatingSocket {

    /** Far above any reply a client here asks for (a FEAT, an MLST entry, a HELP text). */
    static final long LIMIT = 1024 * 1024;

    private volatile long remaining = LIMIT;

    private ReplyBudgetSocket(Socket inner) {
        super(inner);
    }

    /**
     * The control socket to use in place of {@code socket}: wrapped once, and never a TLS socket
     * (the layer above the wrapped one, which is already counted).
     */
    static Socket wrap(Socket socket) {
        return socket == null || socket instanceof ReplyBudgetSocket || socket instanceof SSLSocket ? socket
                : new ReplyBudgetSocket(socket);
    }

    /**
     * What an FTP client subclass keeps: its control socket's budget, found again under TLS (which
     * is layered on the wrapped socket). {@code applySocketAttributes} calls {@link #wrap}, and
     * {@code sendCommand} calls {@link #renew}.
     */
    static final class Holder {
        private ReplyBudgetSocket socket;

        /** The socket to use as the control socket (see {@link ReplyBudgetSocket#wrap(Socket)}). */
        Socket wrap(Socket s) {
            Socket w = ReplyBudgetSocket.wrap(s);
            if (w instanceof ReplyBudgetSocket b) {
                socket = b;
            }
            return w;
        }

        void renew() {
            if (socket != null) {
                socket.renew();
            }
        }
    }

    /** A command is about to be sent: its reply gets the whole budget. */
    void renew() {
        remaining = LIMIT;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return new FilterInputStream(inner.getInputStream()) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    spend(1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    spend(n);
                }
                return n;
            }
        };
    }

    private void spend(int n) throws IOException {
        long left = remaining - n;
        remaining = left;
        if (left < 0) {
            throw new IOException("the server's reply ran past " + (LIMIT >> 20) + " MiB without ending (a broken server?)");
        }
    }
}
