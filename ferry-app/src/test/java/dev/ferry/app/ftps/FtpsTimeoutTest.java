package dev.ferry.app.ftps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.app.testing.FtpsClients;
import dev.ferry.client.ftp.ReusingFtpsClient;
import dev.ferry.app.testing.TestServer;
import dev.ferry.core.config.Settings;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.net.ftp.FTPSClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Idle timeout, long transfers and the stall watchdog on TLS connections. Timings are generous on purpose. */
class FtpsTimeoutTest {

    @TempDir
    Path data;

    TestServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    private FTPSClient login(Map<dev.ferry.core.config.Setting<?>, String> settings) throws Exception {
        server = TestServer.start(data, settings);
        server.addUser("alice", "alice-password-1");
        Files.write(data.resolve("home/alice/big.bin"), new byte[96 * 1024 * 1024]);
        var trust = FtpsClients.trusting(server);
        return FtpsClients.loginPrivate(FtpsClients.explicit(server.ftpPort(), new ReusingFtpsClient(false, trust)),
                "alice", "alice-password-1");
    }

    @Test
    void idleTlsControlConnectionIsClosedWith421() throws Exception {
        FTPSClient c = login(Map.of(Settings.IDLE_TIMEOUT, "1s"));
        Thread.sleep(2500);
        // Commons Net reports a 421 as the server closing the connection
        org.assertj.core.api.Assertions.assertThatThrownBy(c::getReply)
                .isInstanceOf(org.apache.commons.net.ftp.FTPConnectionClosedException.class).hasMessageContaining("421");
        assertThat(c.getReplyString()).contains("Idle timeout");
        c.disconnect();
    }

    @Test
    void aTransferLongerThanTheIdleTimeoutKeepsTheTlsControlConnection() throws Exception {
        FTPSClient c = login(Map.of(Settings.IDLE_TIMEOUT, "1s", Settings.DATA_TIMEOUT, "20s"));
        InputStream in = c.retrieveFileStream("big.bin");
        assertThat(in).as(c.getReplyString()).isNotNull();
        byte[] buf = new byte[256 * 1024];
        long total = 0;
        for (int i = 0; i < 12; i++) { // about 2.4 s of slow reading: the control connection sees two idle timeouts
            total += in.readNBytes(buf, 0, buf.length);
            Thread.sleep(200);
        }
        total += in.transferTo(java.io.OutputStream.nullOutputStream());
        in.close();
        assertThat(total).isEqualTo(96L * 1024 * 1024);
        assertThat(c.completePendingCommand()).as(c.getReplyString()).isTrue();
        assertThat(c.sendNoOp()).isTrue();
        c.disconnect();
    }

    @Test
    void aStalledPrivateTransferIsAbortedByTheWatchdog() throws Exception {
        FTPSClient c = login(Map.of(Settings.DATA_TIMEOUT, "2s"));
        InputStream in = c.retrieveFileStream("big.bin");
        assertThat(in).isNotNull();
        assertThat(in.readNBytes(1000)).hasSize(1000);
        Thread.sleep(4500); // the server's writes block once the socket buffers are full; nothing moves
        try {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (java.io.IOException cutOff) {
            // the server closed the data connection under us
        }
        in.close();
        assertThat(c.completePendingCommand()).isFalse();
        assertThat(c.getReplyCode()).isEqualTo(426);
        assertThat(c.getReplyString()).contains("stalled");
        assertThat(c.sendNoOp()).as("the session survives").isTrue();
        c.disconnect();
    }
}
