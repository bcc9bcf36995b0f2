package dev.ferry.app.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.app.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ftps:// against Ferry's own server, once it offers AUTH TLS. Until then this is skipped with the
 * reason; the client's FTPS is exercised against pyftpdlib's TLS server in tests/interop/62-client-peers.sh.
 */
class FtpsAgainstFerryTest {

    @Test
    void listAndTransferOverExplicitTls(@TempDir Path data, @TempDir Path local) throws Exception {
        try (TestServer server = TestServer.start(data)) {
            Path home = server.addUser("tls", "tls-password-1");
            FTPClient probe = server.connect();
            probe.features();
            boolean tls = probe.getReplyString().contains("AUTH TLS");
            probe.disconnect();
            Assumptions.assumeTrue(tls, "the Ferry server does not offer AUTH TLS yet (FTPS server support lands separately), so "
                    + "ftps:// is tested against pyftpdlib in tests/interop/62-client-peers.sh");
            Files.writeString(home.resolve("t.txt"), "over tls");
            String base = "ftps://tls:tls-password-1@127.0.0.1:" + server.ftpPort();
            ClientRun ls = ClientRun.of("ls", "-k", base + "/");
            assertThat(ls.exit()).as(ls.toString()).isZero();
            assertThat(ls.out()).contains("t.txt");
            ClientRun get = ClientRun.of("get", "-k", "--verify", base + "/t.txt", local.resolve("t.txt").toString());
            assertThat(get.exit()).as(get.toString()).isZero();
            assertThat(Files.readString(local.resolve("t.txt"))).isEqualTo("over tls");
        }
    }
}
