package dev.ferry.ftp.data;

import dev.ferry.core.config.PortRange;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens listeners (non-blocking) for passive data connections within the configured port range, spreading them
 * round-robin so a port just closed is not reused at once. With no range, a random port of the
 * kernel's ephemeral range is tried first, and only then the kernel asked to pick: bind(port 0)
 * scans the port table for a port with no conflict, and with the tens of thousands of TIME_WAIT
 * connections a busy server leaves behind (one per finished data connection), that scan cost
 * about 1.5 ms of kernel time per transfer here, the largest cost of a small file; binding one
 * chosen port checks only that port.
 *
 * <p>The random ports are odd ones. Linux gives outgoing connections even source ports first
 * (and bind(port 0) odd ones), so on a machine whose own clients connect out (a client on the
 * same host, another server's outgoing connections) an even port is the likelier to be taken: with
 * the benchmark's client on loopback, one bind in three failed, each failure a socket, a close and
 * a BindException with its stack trace.
 */
public final class PassivePortPool {

    /** Random ports tried before leaving the choice to the kernel. */
    private static final int RANDOM_ATTEMPTS = 16;

    private final PortRange range;
    private final AtomicInteger next = new AtomicInteger();

    public PassivePortPool(PortRange range) {
        this.range = range;
    }

    /** A listener on {@code address}, or an IOException when every port in the range is busy. */
    public ServerSocketChannel open(InetAddress address) throws IOException {
        if (range.isAny()) {
            return bindRandom(address);
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

    private static ServerSocketChannel bindRandom(InetAddress address) throws IOException {
        int[] ephemeral = EphemeralPorts.RANGE;
        for (int attempt = 0; attempt < RANDOM_ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(ephemeral[0], ephemeral[1] + 1) | 1;
            if (port > ephemeral[1]) {
                port -= 2;
            }
            try {
                return bind(address, port);
            } catch (BindException busy) {
                // in use; try another
            }
        }
        return bind(address, 0);
    }

    /** The kernel's ephemeral port range (net.ipv4.ip_local_port_range), read once. */
    private static final class EphemeralPorts {
        static final int[] RANGE = read();

        private static int[] read() {
            try {
                String[] f = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+");
                int lo = Integer.parseInt(f[0]);
                int hi = Integer.parseInt(f[1]);
                if (lo >= 1024 && hi <= 65535 && lo < hi) {
                    return new int[] {lo, hi};
                }
            } catch (IOException | RuntimeException e) {
                // not Linux: the IANA dynamic range
            }
            return new int[] {49152, 65535};
        }
    }

    private static ServerSocketChannel bind(InetAddress address, int port) throws IOException {
        // An IPv4 address gets an IPv4 socket: no dual-stack socket to set up for a listener that
        // only ever serves one address family. The JDK opens listeners with SO_REUSEADDR already,
        // so a port whose last connection is in TIME_WAIT may listen again (on Linux this never
        // lets two listeners share a port).
        ServerSocketChannel ch = ServerSocketChannel.open(
                address instanceof Inet4Address ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
        try {
            ch.bind(new InetSocketAddress(address, port), 1);
            // Non-blocking, so that the transfer takes an already pending connection without
            // flipping the socket's mode around a timed accept (DataEndpoint.Passive.connect).
            ch.configureBlocking(false);
            return ch;
        } catch (IOException e) {
            ch.close();
            throw e;
        }
    }
}
