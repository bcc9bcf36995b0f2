package dev.ferry.app.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.app.testing.RawFtp;
import dev.ferry.app.testing.RawFtp.Reply;
import dev.ferry.app.testing.TestServer;
import dev.ferry.core.config.Settings;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Idle timeout, session limits in total and per address, the data-connection timeout. */
class SessionLimitsTest {

    @TempDir
    Path data;

    @Test
    void anIdleSessionGets421AndIsClosed() throws Exception {
        try (TestServer server = TestServer.start(data, Map.of(Settings.IDLE_TIMEOUT, "1s"))) {
            try (RawFtp raw = RawFtp.connect(server.ftpPort())) {
                long t0 = System.nanoTime();
                Reply r = raw.read();
                assertThat(r.code()).isEqualTo(421);
                assertThat(r.last()).contains("Idle timeout");
                assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(900);
                assertThat(raw.isClosedByServer()).isTrue();
            }
        }
    }

    @Test
    void aLongTransferIsNotAnIdleSession() throws Exception {
        try (TestServer server = TestServer.start(data, Map.of(Settings.IDLE_TIMEOUT, "1s"))) {
            Path home = server.addUser("slow", "slow-password");
            Files.write(home.resolve("big.bin"), new byte[8 * 1024 * 1024]);
            try (RawFtp raw = RawFtp.connect(server.ftpPort()).login("slow", "slow-password")) {
                raw.send("TYPE I");
                Socket d = raw.pasv();
                assertThat(raw.send("RETR big.bin").code()).isEqualTo(150);
                var in = d.getInputStream();
                long got = 0;
                byte[] buf = new byte[256 * 1024];
                int n;
                // Read slowly for longer than the idle timeout.
                while ((n = in.read(buf)) > 0) {
                    got += n;
                    Thread.sleep(60);
                }
                d.close();
                assertThat(got).isEqualTo(8 * 1024 * 1024);
                assertThat(raw.read().code()).isEqualTo(226);
            }
        }
    }

    @Test
    void theSessionLimitIsEnforcedWith421() throws Exception {
        try (TestServer server = TestServer.start(data, Map.of(Settings.MAX_SESSIONS, "3"))) {
            List<RawFtp> open = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    open.add(RawFtp.connect(server.ftpPort()));
                }
                Reply refused = RawFtp.greetingOf(server.ftpPort());
                assertThat(refused.code()).isEqualTo(421);
                assertThat(refused.last()).contains("Too many");
                open.remove(0).close();
                // The slot comes back once the server notices the close.
                assertThat(eventuallyGreets(server.ftpPort())).isTrue();
            } finally {
                for (RawFtp r : open) {
                    r.close();
                }
            }
        }
    }

    @Test
    void thePerAddressLimitIsEnforcedWith421() throws Exception {
        try (TestServer server = TestServer.start(data, Map.of(Settings.MAX_SESSIONS_PER_IP, "2"))) {
            try (RawFtp a = RawFtp.connect(server.ftpPort()); RawFtp b = RawFtp.connect(server.ftpPort())) {
                Reply refused = RawFtp.greetingOf(server.ftpPort());
                assertThat(refused.code()).isEqualTo(421);
                assertThat(refused.last()).contains("your address");
                // Another address is its own count.
                try (RawFtp other = RawFtp.connectFrom("127.0.0.3", server.ftpPort())) {
                    assertThat(other.send("NOOP").code()).isEqualTo(200);
                }
            }
        }
    }

    @Test
    void aDataConnectionThatNeverComesGets425() throws Exception {
        try (TestServer server = TestServer.start(data, Map.of(Settings.DATA_TIMEOUT, "1s"))) {
            Path home = server.addUser("late", "late-password");
            Files.writeString(home.resolve("f.txt"), "f");
            try (RawFtp raw = RawFtp.connect(server.ftpPort()).login("late", "late-password")) {
                raw.epsvPort(); // and never connect
                assertThat(raw.send("RETR f.txt").code()).isEqualTo(150);
                Reply r = raw.read();
                assertThat(r.code()).isEqualTo(425);
                assertThat(raw.send("NOOP").code()).isEqualTo(200);
            }
        }
    }

    @Test
    void aStalledDataConnectionIsAbortedWith426() throws Exception {
        stallAfter(1000);
    }

    @Test
    void aLargeUploadThatStallsIsAbortedWith426Too() throws Exception {
        stallAfter(2_500_000); // past the first MiB, where the upload may be spliced (SocketSplice)
    }

    private void stallAfter(int bytes) throws Exception {
        try (TestServer server = TestServer.start(data, Map.of(Settings.DATA_TIMEOUT, "2s"))) {
            server.addUser("stall", "stall-password");
            try (RawFtp raw = RawFtp.connect(server.ftpPort()).login("stall", "stall-password")) {
                raw.send("TYPE I");
                Socket d = raw.pasv();
                assertThat(raw.send("STOR stalled.bin").code()).isEqualTo(150);
                d.getOutputStream().write(new byte[bytes]);
                // ... and then nothing, without closing.
                Reply r = raw.read();
                assertThat(r.code()).isEqualTo(426);
                assertThat(r.last()).contains("stalled");
                d.close();
                assertThat(raw.send("SIZE stalled.bin").last()).isEqualTo("213 " + bytes);
            }
        }
    }

    private static boolean eventuallyGreets(int port) throws Exception {
        for (int i = 0; i < 50; i++) {
            if (RawFtp.greetingOf(port).code() == 220) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
