package dev.ferry.ftp.data;

import dev.ferry.core.net.Cidr;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the next data connection comes from: a passive listener (PASV/EPSV) or an active target
 * (PORT/EPRT). Both enforce the choke point that the data connection's peer is the control
 * connection's own client: passive connections from anyone else are dropped, and active targets
 * were checked when PORT/EPRT was accepted.
 */
public sealed interface DataEndpoint extends AutoCloseable {

    Logger SECURITY = LoggerFactory.getLogger("ferry.security");

    /** Establishes the data connection, waiting at most {@code timeout}. */
    SocketChannel connect(Duration timeout) throws IOException;

    @Override
    void close();

    /** PASV/EPSV: we listen, the client connects. */
    record Passive(ServerSocketChannel listener, InetAddress client, String who) implements DataEndpoint {

        @Override
        public SocketChannel connect(Duration timeout) throws IOException {
            long deadline = System.nanoTime() + timeout.toNanos();
            InetAddress expected = Cidr.canonical(client);
            try {
                // Most clients connect before they send the command: take a pending connection
                // without waiting (the listener is non-blocking, see PassivePortPool), and only
                // otherwise wait in blocking mode, where a timed accept can park.
                if (!listener.isBlocking()) {
                    SocketChannel pending;
                    while ((pending = listener.accept()) != null) {
                        InetAddress from = Cidr.canonical(((InetSocketAddress) pending.getRemoteAddress()).getAddress());
                        if (from.equals(expected)) {
                            return pending;
                        }
                        refuse(from);
                        pending.close();
                    }
                    listener.configureBlocking(true);
                }
                while (true) {
                    long left = (deadline - System.nanoTime()) / 1_000_000;
                    if (left <= 0) {
                        throw new SocketTimeoutException("no data connection within " + timeout.toSeconds() + "s");
                    }
                    listener.socket().setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
                    Socket s = listener.socket().accept();
                    InetAddress from = Cidr.canonical(s.getInetAddress());
                    if (from.equals(expected)) {
                        return s.getChannel();
                    }
                    refuse(from);
                    s.close();
                }
            } finally {
                close();
            }
        }

        private void refuse(InetAddress from) {
            SECURITY.warn("refused passive data connection from {} for session {} (not the control client)",
                    from.getHostAddress(), who);
        }

        public int port() {
            return listener.socket().getLocalPort();
        }

        @Override
        public void close() {
            try {
                listener.close();
            } catch (IOException ignored) {
                // nothing to do: the port is released either way
            }
        }
    }

    /** PORT/EPRT: the client listens, we connect. */
    record Active(InetSocketAddress target) implements DataEndpoint {

        @Override
        public SocketChannel connect(Duration timeout) throws IOException {
            SocketChannel ch = SocketChannel.open();
            try {
                ch.socket().connect(target, (int) Math.min(timeout.toMillis(), Integer.MAX_VALUE));
                return ch;
            } catch (IOException e) {
                ch.close();
                throw e;
            }
        }

        @Override
        public void close() {
        }
    }
}
