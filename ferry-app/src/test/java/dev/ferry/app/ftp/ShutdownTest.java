package dev.ferry.app.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.app.testing.TestServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A shutdown ends every session, also one whose client has stopped reading its replies. */
class ShutdownTest {

    @TempDir
    java.nio.file.Path data;

    @Test
    void aClientThatStoppedReadingCannotHoldUpTheShutdown() throws Exception {
        try (TestServer server = TestServer.start(data); Socket client = new Socket()) {
            client.setReceiveBufferSize(4096);
            client.connect(new InetSocketAddress("127.0.0.1", server.ftpPort()));
            // Pipelined HELPs, never read: the replies fill both socket buffers and the session's
            // own thread blocks writing one, holding the reply lock the 421 of the shutdown needs.
            Thread writer = Thread.ofPlatform().daemon(true).start(() -> {
                try {
                    OutputStream out = client.getOutputStream();
                    byte[] help = "HELP\r\n".getBytes(StandardCharsets.US_ASCII);
                    for (int i = 0; i < 200_000; i++) {
                        out.write(help);
                    }
                } catch (Exception ignored) {
                    // the server closed the connection
                }
            });
            Thread.sleep(1500);
            CompletableFuture<Void> stop = CompletableFuture.runAsync(() -> server.server().shutdown(Duration.ZERO));
            stop.get(30, TimeUnit.SECONDS); // hung for ever before
            InputStream in = client.getInputStream();
            byte[] sink = new byte[1 << 16];
            try {
                while (in.read(sink) >= 0) {
                    // what the server had sent; then the end, since the shutdown closed the connection
                }
            } catch (java.net.SocketException reset) {
                // closed with our unread commands still queued: a reset, which is a close too
            }
            writer.join(10_000);
            assertThat(writer.isAlive()).as("the client's writes end with the connection").isFalse();
        }
    }
}
