package dev.ferry.core.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A download's send buffer is left to the kernel while few run, and fixed small in a crowd. */
class SendBuffersTest {

    @Test
    void fromTheEighthConcurrentDownloadOnTheBufferIsFixedSmall() throws Exception {
        List<SocketChannel> sockets = new ArrayList<>();
        List<SendBuffers> slots = new ArrayList<>();
        int before = SendBuffers.active();
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            for (int i = 0; i < SendBuffers.CROWD; i++) {
                SocketChannel client = SocketChannel.open(listener.getLocalAddress());
                sockets.add(client);
                SocketChannel served = listener.accept();
                sockets.add(served);
                int grown = served.getOption(StandardSocketOptions.SO_SNDBUF);
                slots.add(SendBuffers.enter(served));
                int now = served.getOption(StandardSocketOptions.SO_SNDBUF);
                if (before + i + 1 < SendBuffers.CROWD) {
                    assertThat(now).as("download %d of a few", i + 1).isEqualTo(grown);
                } else {
                    assertThat(now).as("download %d, a crowd", i + 1).isEqualTo(SendBuffers.CROWDED_BYTES);
                }
            }
            assertThat(SendBuffers.active()).isEqualTo(before + SendBuffers.CROWD);
        } finally {
            slots.forEach(SendBuffers::close);
            for (SocketChannel s : sockets) {
                s.close();
            }
        }
        assertThat(SendBuffers.active()).isEqualTo(before);
    }
}
