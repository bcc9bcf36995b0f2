package dev.ferry.app.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.app.testing.EscapeWorld;
import dev.ferry.app.testing.LogCapture;
import dev.ferry.app.testing.SshClients;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No SFTP or SCP path reaches outside the home: the same spellings and planted symlinks as the
 * FTP confinement test, refused exactly like a missing file.
 */
class SftpConfinementTest extends SftpServerTest {

    static Path outside;

    @BeforeAll
    static void plantTheWorld() throws Exception {
        outside = EscapeWorld.plant(data, home);
    }

    static Stream<String> escapes() {
        return EscapeWorld.escapes();
    }

    @ParameterizedTest
    @MethodSource("escapes")
    void readingAnEscapeIsRefusedLikeAMissingFile(String spelling) throws Exception {
        try (SftpClient c = sftp()) {
            assertThatThrownBy(() -> {
                try (InputStream in = c.read(spelling)) {
                    in.readAllBytes();
                }
            }).isInstanceOf(SftpException.class)
                    .satisfies(e -> assertThat(((SftpException) e).getStatus()).isEqualTo(SftpConstants.SSH_FX_NO_SUCH_FILE));
            assertThatThrownBy(() -> c.stat(spelling)).isInstanceOf(SftpException.class)
                    .satisfies(e -> assertThat(((SftpException) e).getStatus()).isEqualTo(SftpConstants.SSH_FX_NO_SUCH_FILE));
        }
    }

    @ParameterizedTest
    @MethodSource("escapes")
    void writingThroughAnEscapeLandsInTheHomeOrNowhere(String spelling) throws Exception {
        try (SftpClient c = sftp()) {
            try (OutputStream out = c.write(spelling)) {
                out.write("PLANTED".getBytes());
            } catch (SftpException e) {
                // refused: fine
            }
        }
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("OUTSIDE SECRET");
        assertThat(Files.readString(data.resolve("home/secret.txt"))).isEqualTo("OUTSIDE SECRET");
        assertThat(Files.exists(Path.of("/etc/passwd")) && Files.readString(Path.of("/etc/passwd")).contains("PLANTED")).isFalse();
    }

    @Test
    void realpathNeverLeavesTheRoot() throws Exception {
        try (SftpClient c = sftp()) {
            assertThat(c.canonicalPath("..")).isEqualTo("/");
            assertThat(c.canonicalPath("/../../..")).isEqualTo("/");
            assertThat(c.canonicalPath("sub/../..")).isEqualTo("/");
            assertThat(c.canonicalPath("sub//deeper/.")).isEqualTo("/sub/deeper");
        }
    }

    @Test
    void listingsLeaveOutLinksThatLeadOutAndShowLinksThatStayIn() throws Exception {
        try (SftpClient c = sftp()) {
            java.util.List<String> names = new java.util.ArrayList<>();
            c.readDir("/").forEach(e -> names.add(e.getFilename()));
            assertThat(names).contains("mine.txt", "sub", "link-in").doesNotContain("abs-link-out", "rel-link-out", "file-link-out", "etc-link");
            try (InputStream in = c.read("link-in")) {
                assertThat(new String(in.readAllBytes())).isEqualTo("inner");
            }
        }
    }

    @Test
    void clientsCannotCreateLinks() throws Exception {
        try (SftpClient c = sftp()) {
            assertThatThrownBy(() -> c.symLink("made-link", "/etc/passwd")).isInstanceOf(SftpException.class)
                    .satisfies(e -> assertThat(((SftpException) e).getStatus()).isEqualTo(SftpConstants.SSH_FX_PERMISSION_DENIED));
        }
        assertThat(home.resolve("made-link")).doesNotExist();
    }

    @Test
    void escapesAreLoggedOnTheSecurityLogger() throws Exception {
        try (LogCapture log = LogCapture.of("ferry.security"); SftpClient c = sftp()) {
            assertThatThrownBy(() -> c.stat("abs-link-out/secret.txt")).isInstanceOf(SftpException.class);
            log.await(l -> l.contains("alice@127.0.0.1") && l.contains("abs-link-out"), Duration.ofSeconds(5));
        }
    }

    @Test
    void checksumAndScpAreConfinedToo() throws Exception {
        try (var s = ssh.password(USER, PASSWORD)) {
            SshClients.Exec r = SshClients.exec(s, "sha256sum ../../outside/secret.txt file-link-out");
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).contains("No such file or directory").doesNotContain("OUTSIDE");
            SshClients.Exec scp = SshClients.exec(s, "scp -f ../../outside/secret.txt", new byte[] {0, 0, 0});
            assertThat(scp.out()).doesNotContain("OUTSIDE SECRET");
        }
    }

    @Test
    void openForWriteOnALinkOutDoesNotTouchTheTarget() throws Exception {
        try (SftpClient c = sftp()) {
            assertThatThrownBy(() -> c.open("file-link-out", OpenMode.Write, OpenMode.Truncate)).isInstanceOf(SftpException.class);
        }
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("OUTSIDE SECRET");
    }
}
