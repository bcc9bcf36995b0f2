package dev.ferry.app.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.user.User;
import dev.ferry.core.user.UserLimits;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.apache.sshd.sftp.client.SftpClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The account's bandwidth limits pace SFTP too (the core's throttles). Timing with a wide margin:
 * at 100 KiB/s, with a burst of 64 KiB, 200 KiB cannot take less than about 1.3 s; the test asks
 * for 1 s, so only a throttle that does nothing fails it.
 */
class SftpBandwidthTest extends SftpServerTest {

    static final long RATE = 100 * 1024;

    @BeforeAll
    static void account() throws Exception {
        server.addUser("slow", "slow-password-1", u -> new User(u.name(), u.passwordHash(), u.home(), u.permissions(),
                new UserLimits(0, 0, RATE, RATE, 0, List.of(), List.of()), false, u.expires()));
    }

    @Test
    void downloadsAndUploadsArePaced() throws Exception {
        byte[] data = new byte[200 * 1024];
        Files.write(SftpServerTest.data.resolve("home/slow/down.bin"), data);
        try (SftpClient c = ssh.sftp("slow", "slow-password-1")) {
            long t0 = System.nanoTime();
            try (InputStream in = c.read("down.bin")) {
                assertThat(in.readAllBytes()).hasSize(data.length);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThan(Duration.ofMillis(1000));
            t0 = System.nanoTime();
            try (OutputStream out = c.write("up.bin")) {
                out.write(data);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThan(Duration.ofMillis(1000));
        }
    }

    @Test
    void aServerSideHashReadsAtTheDownloadRateToo() throws Exception {
        Files.write(SftpServerTest.data.resolve("home/slow/hash.bin"), new byte[200 * 1024]);
        try (SftpClient c = ssh.sftp("slow", "slow-password-1");
             var s = ssh.password("slow", "slow-password-1")) {
            org.apache.sshd.sftp.client.RawSftpClient raw = (org.apache.sshd.sftp.client.RawSftpClient) c;
            org.apache.sshd.common.util.buffer.Buffer b = new org.apache.sshd.common.util.buffer.ByteArrayBuffer();
            b.putString("check-file-name");
            b.putString("hash.bin");
            b.putString("sha256");
            b.putLong(0);
            b.putLong(0);
            b.putUInt(0);
            long t0 = System.nanoTime();
            var r = org.apache.sshd.sftp.client.impl.SftpResponse.parse(org.apache.sshd.sftp.common.SftpConstants.SSH_FXP_EXTENDED,
                    raw.receive(raw.send(org.apache.sshd.sftp.common.SftpConstants.SSH_FXP_EXTENDED, b)));
            assertThat(r.getType()).isEqualTo(org.apache.sshd.sftp.common.SftpConstants.SSH_FXP_EXTENDED_REPLY);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("check-file").isGreaterThan(Duration.ofMillis(1000));
            t0 = System.nanoTime();
            assertThat(dev.ferry.app.testing.SshClients.exec(s, "sha256sum hash.bin").exit()).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("sha256sum").isGreaterThan(Duration.ofMillis(1000));
        }
    }
}
