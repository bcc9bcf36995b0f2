package dev.ferry.ftp;

import dev.ferry.core.transfer.StallWatchdog;
import dev.ferry.ftp.control.IdleParking;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FTP listeners: one accept loop per bound address, one virtual thread per control
 * connection while it has work, and a shared {@link IdleParking} for plain-FTP connections waiting
 * for their next command. With no bind address it listens on the wildcard address, which on a
 * dual-stack host takes both IPv4 and IPv6 clients.
 */
public final class FtpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FtpServer.class);
    private static final int BACKLOG = 4096;

    private final FtpContext ctx;
    private final List<InetAddress> bindAddresses;
    private final int port;
    private final boolean implicitTls;
    private final List<ServerSocketChannel> listeners = new CopyOnWriteArrayList<>();
    /** Ends control connections silent for the idle timeout. */
    private final StallWatchdog idle;
    /** Holds the plain control connections waiting for a command, with no thread each; null on the implicit-TLS port. */
    private final IdleParking parking;

    /**
     * @param bindAddresses where to listen; empty = every interface
     * @param port          the control port; 0 picks a free one (the same for every address)
     */
    public FtpServer(FtpContext ctx, List<InetAddress> bindAddresses, int port) {
        this(ctx, bindAddresses, port, false);
    }

    /** @param implicitTls every connection starts with a TLS handshake (implicit FTPS); needs {@code ctx.tls()} */
    public FtpServer(FtpContext ctx, List<InetAddress> bindAddresses, int port, boolean implicitTls) {
        if (implicitTls && ctx.tls().isEmpty()) {
            throw new IllegalArgumentException("implicit FTPS needs TLS configured");
        }
        this.ctx = ctx;
        this.bindAddresses = List.copyOf(bindAddresses);
        this.port = port;
        this.implicitTls = implicitTls;
        this.idle = new StallWatchdog(ctx.idleTimeout(), implicitTls ? "ftps-idle-watchdog" : "ftp-idle-watchdog");
        try {
            this.parking = implicitTls ? null : new IdleParking("ftp-idle-parking");
        } catch (IOException e) {
            idle.close();
            throw new UncheckedIOException("cannot open a selector for idle control connections", e);
        }
    }

    /** Binds every listener and starts accepting. Returns the bound addresses. */
    public List<InetSocketAddress> start() throws IOException {
        List<InetSocketAddress> bound = new ArrayList<>();
        int chosenPort = port;
        List<InetAddress> targets = bindAddresses.isEmpty() ? java.util.Collections.singletonList(null) : bindAddresses;
        try {
            for (InetAddress address : targets) {
                ServerSocketChannel ss = ServerSocketChannel.open();
                try {
                    ss.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                    ss.bind(address == null ? new InetSocketAddress(chosenPort) : new InetSocketAddress(address, chosenPort), BACKLOG);
                } catch (IOException e) {
                    ss.close();
                    throw new IOException("cannot listen on " + (address == null ? "*" : address.getHostAddress()) + ":" + chosenPort
                            + ": " + e.getMessage(), e);
                }
                InetSocketAddress local = (InetSocketAddress) ss.getLocalAddress();
                chosenPort = local.getPort();
                listeners.add(ss);
                bound.add(local);
            }
        } catch (IOException e) {
            close();
            throw e;
        }
        for (ServerSocketChannel ss : listeners) {
            Thread.ofPlatform().daemon().name((implicitTls ? "ftps-accept-" : "ftp-accept-") + chosenPort).start(() -> acceptLoop(ss));
        }
        return bound;
    }

    private void acceptLoop(ServerSocketChannel ss) {
        Thread.Builder sessions = Thread.ofVirtual();
        while (ss.isOpen()) {
            SocketChannel channel;
            try {
                channel = ss.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // Out of file descriptors, typically: wait a moment rather than spin.
                LOG.warn("accept failed: {}", e.toString());
                pause();
                continue;
            }
            sessions.start(new FtpSession(ctx, channel, implicitTls, idle, parking == null ? null : parking.spot(channel)));
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops accepting new connections; sessions already open go on. */
    public void stopAccepting() {
        for (ServerSocketChannel ss : listeners) {
            try {
                ss.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    @Override
    public void close() {
        stopAccepting();
        listeners.clear();
        idle.close();
        if (parking != null) {
            parking.close();
        }
    }
}
