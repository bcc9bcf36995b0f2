package dev.ferry.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

/** The generator's reply timeout over real loopback sockets, on virtual threads as the scenarios read. */
class ReplyDeadlineTest {

    /** Reads one byte the way FtpWire does: the wait marked, a failure translated. */
    private static int readOne(Socket s, ReplyDeadline.Wait wait) throws IOException {
        InputStream in = s.getInputStream();
        wait.begin();
        try {
            return in.read();
        } catch (IOException e) {
            throw wait.failure(e);
        } finally {
            wait.end();
        }
    }

    @Test
    void aServerThatNeverRepliesTimesOutAfterTheLimit() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(InetAddress.getLoopbackAddress(), silent.getLocalPort());
             Socket accepted = silent.accept();
             ReplyDeadline.Wait wait = ReplyDeadline.watch(client, 300)) {
            long start = System.nanoTime();
            Throwable[] failure = new Throwable[1];
            Thread t = Thread.ofVirtual().start(() -> failure[0] = catchThrowable(() -> readOne(client, wait)));
            t.join(10_000);
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(t.isAlive()).as("the read is still blocked after 10 s").isFalse();
            assertThat(failure[0]).isInstanceOf(SocketTimeoutException.class).hasMessageContaining("300 ms");
            assertThat(ms).isBetween(300L, 5_000L);
            assertThat(client.isClosed()).isTrue();
            assertThat(accepted.getInputStream().read()).as("the server side sees the close").isEqualTo(-1);
        }
    }

    @Test
    void aReplyWithinTheLimitIsReadAndTheConnectionStaysOpen() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket accepted = server.accept();
             ReplyDeadline.Wait wait = ReplyDeadline.watch(client, 3_000)) {
            for (int i = 0; i < 3; i++) {
                // Each wait is short, though together they last longer than one sweep period.
                Thread.sleep(600);
                accepted.getOutputStream().write('2');
                int[] got = new int[1];
                Thread t = Thread.ofVirtual().start(() -> {
                    try {
                        got[0] = readOne(client, wait);
                    } catch (IOException e) {
                        got[0] = -2;
                    }
                });
                t.join(10_000);
                assertThat(got[0]).isEqualTo('2');
            }
            assertThat(client.isClosed()).isFalse();
        }
    }
}
