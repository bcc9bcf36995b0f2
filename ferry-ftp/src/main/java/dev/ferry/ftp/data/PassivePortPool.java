package dev.ferry.ftp.data;

import dev.ferry.core.config.PortRange;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens listeners for passive data connections within the configured port range, spreading them
 * round-robin so a port just closed is not reused at once. With no range, the OS picks.
 */
public final class PassivePortPool {

    private final PortRange range;
    private final AtomicInteger next = new AtomicInteger();

    public PassivePortPool(PortRange range) {
        this.range = range;
    }

    /** A listener on {@code address}, or an IOException when every port in the range is busy. */
    public ServerSocketChannel open(InetAddress address) throws IOException {
        if (range.isAny()) {
            return bind(address, 0);
        }
        int size = range.size();
        for (int attempt = 0; attempt < size; attempt++) {
            int port = range.first() + Math.floorMod(next.getAndIncrement(), size);
            try {
                return bind(address, port);
            } catch (BindException busy) {
                // taken by another session or process; try the next one
            }
        }
        throw new IOException("no free passive port in " + range);
    }

    private static ServerSocketChannel bind(InetAddress address, int port) throws IOException {
        ServerSocketChannel ch = ServerSocketChannel.open();
        try {
            ch.bind(new InetSocketAddress(address, port), 1);
            return ch;
        } catch (IOException e) {
            ch.close();
            throw e;
        }
    }
}
