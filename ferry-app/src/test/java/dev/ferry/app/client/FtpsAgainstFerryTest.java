package dev.ferry.app.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.app.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ftps:// against Ferry's own server, which by default requires data connections to resume the
 * control connection's TLS session: listing, download, upload, resume and verification all over
 * TLS. (The client's FTPS against a peer, pyftpdlib, is in tests/interop/62-client-peers.sh.)
 */
class FtpsAgainstFerryTest {

    @Test
    void listAndTransferOverExplicitTls(@TempDir Path data, @TempDir Path local) throws Exception {
        try (TestServer server = TestServer.start(data)) {
            Path home = server.addUser("tls", "tls-password-1");
            Files.writeString(home.resolve("t.txt"), "over tls");
            String base = "ftps://tls:tls-password-1@127.0.0.1:" + server.ftpPort();
            ClientRun ls = ClientRun.of("ls", "-k", base + "/");
            assertThat(ls.exit()).as(ls.toString()).isZero();
            assertThat(ls.out()).contains("t.txt");
            ClientRun get = ClientRun.of("get", "-k", "--verify", base + "/t.txt", local.resolve("t.txt").toString());
            assertThat(get.exit()).as(get.toString()).isZero();
            assertThat(get.err()).contains("verified sha256");
            assertThat(Files.readString(local.resolve("t.txt"))).isEqualTo("over tls");
            // Several uploads in one session: each data connection resumes the session afresh.
            byte[] big = new byte[3 * 1024 * 1024];
            new java.util.Random(3).nextBytes(big);
            Files.write(local.resolve("big.bin"), big);
            Files.createDirectories(local.resolve("tree/sub"));
            for (int i = 0; i < 4; i++) {
                Files.writeString(local.resolve("tree/sub/f" + i + ".txt"), "file " + i);
            }
            ClientRun put = ClientRun.of("put", "-k", "--verify", local.resolve("big.bin").toString(), base + "/big.bin");
            assertThat(put.exit()).as(put.toString()).isZero();
            assertThat(Files.readAllBytes(home.resolve("big.bin"))).isEqualTo(big);
            ClientRun mirror = ClientRun.of("mirror", "-k", local.resolve("tree").toString(), base + "/tree");
            assertThat(mirror.exit()).as(mirror.toString()).isZero();
            assertThat(home.resolve("tree/sub/f3.txt")).hasContent("file 3");
            // A partial download resumed over TLS, then verified.
            Files.write(local.resolve("part.bin"), java.util.Arrays.copyOf(big, 1_000_000));
            ClientRun resume = ClientRun.of("get", "-k", "-c", base + "/big.bin", local.resolve("part.bin").toString());
            assertThat(resume.exit()).as(resume.toString()).isZero();
            assertThat(Files.readAllBytes(local.resolve("part.bin"))).isEqualTo(big);
        }
    }

    @Test
    void implicitTlsOnTheFtpsPort(@TempDir Path data, @TempDir Path local) throws Exception {
        try (TestServer server = TestServer.start(data, java.util.Map.<dev.ferry.core.config.Setting<?>, String>of(
                dev.ferry.core.config.Settings.FTPS_PORT, "0"))) {
            Path home = server.addUser("imp", "imp-password-1");
            Files.writeString(home.resolve("i.txt"), "implicit");
            String base = "ftps://imp:imp-password-1@127.0.0.1:" + server.ftpsPort();
            ClientRun get = ClientRun.of("get", "-k", "--implicit-tls", "--verify", base + "/i.txt", local.resolve("i.txt").toString());
            assertThat(get.exit()).as(get.toString()).isZero();
            assertThat(local.resolve("i.txt")).hasContent("implicit");
            // Explicit TLS on that port waits for a greeting that never comes, and says what it may be.
            ClientRun explicit = ClientRun.of("ls", "-k", "--retries", "0", "--timeout", "2s", base + "/");
            assertThat(explicit.exit()).as(explicit.toString()).isEqualTo(6);
            assertThat(explicit.err()).contains("an implicit-FTPS port? --implicit-tls");
        }
    }
}
