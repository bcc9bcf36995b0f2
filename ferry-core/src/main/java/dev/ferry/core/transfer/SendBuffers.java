package dev.ferry.core.transfer;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The kernel send buffer of a zero-copy download, by how many run at once.
 *
 * <p>Linux grows a socket's send buffer up to 4 MiB, and a non-blocking sendfile fills it. What
 * lies beyond the receiver's window waits unsent, and is then sent from inside the receiver's own
 * reads, as each of its ACKs opens the window: on loopback that moved the server's transmit work
 * into 100 downloading clients and made them spend twice the CPU per byte (perf: tcp_write_xmit
 * under the client's tcp_recvmsg). Linux's cure, TCP_NOTSENT_LOWAT, is not an option the JDK
 * sets. So from {@value #CROWD} concurrent downloads on, a new download's buffer is fixed at
 * {@value #CROWDED_BYTES} bytes (the kernel doubles it): with many streams the link is kept full by
 * all of them together, and 100 downloads hold 50 MiB of kernel memory, not 400. A few downloads
 * keep the grown buffer, which a single fast stream needs.
 *
 * <p>Measured here, 100 clients x 10 MiB: 0.44 s wall with the grown buffers, 0.29-0.31 s at
 * 256 KiB (pyftpdlib: 0.27); 10 x 50 MiB 3,180 -> 3,820 MiB/s; 4 x 50 MiB 2,610 -> 2,030 (hence
 * the threshold); one 1 GiB stream at 256 KiB fell from 2,714 to 1,389 MiB/s.
 */
final class SendBuffers implements AutoCloseable {

    static final int CROWD = 8;
    static final int CROWDED_BYTES = 256 * 1024;

    private static final AtomicInteger ACTIVE = new AtomicInteger();

    private SendBuffers() {}

    /** Counts a download in until {@link #close}, fixing its socket's buffer if many run already. */
    static SendBuffers enter(SocketChannel socket) throws IOException {
        SendBuffers slot = new SendBuffers();
        if (ACTIVE.incrementAndGet() >= CROWD) {
            try {
                socket.setOption(StandardSocketOptions.SO_SNDBUF, CROWDED_BYTES);
            } catch (IOException | RuntimeException e) {
                slot.close();
                throw e;
            }
        }
        return slot;
    }

    /** Downloads running now. */
    static int active() {
        return ACTIVE.get();
    }

    @Override
    public void close() {
        ACTIVE.decrementAndGet();
    }
}
