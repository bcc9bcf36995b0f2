package dev.ferry.app.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.user.User;
import dev.ferry.core.user.UserLimits;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHStatExtensionInfo;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHStatPathExtension;
import org.apache.sshd.sftp.common.SftpException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The user's quota over SFTP: statvfs@openssh.com reports it, and uploads stop at it. */
class SftpQuotaTest extends SftpServerTest {

    static final long QUOTA = 1_000_000;
    static Path quotaHome;

    @BeforeAll
    static void account() throws Exception {
        quotaHome = server.addUser("quota", "quota-password-1", u -> new User(u.name(), u.passwordHash(), u.home(),
                u.permissions(), new UserLimits(QUOTA, 0, 0, 0, 0, List.of(), List.of()), false, u.expires()));
    }

    @Test
    void statvfsAnswersWithTheQuota() throws Exception {
        try (SftpClient c = ssh.sftp("quota", "quota-password-1")) {
            OpenSSHStatExtensionInfo st = c.getExtension(OpenSSHStatPathExtension.class).stat("/");
            assertThat(st.f_frsize * st.f_blocks).isEqualTo(QUOTA / 4096 * 4096);
            assertThat(st.f_bavail).isLessThanOrEqualTo(st.f_blocks);
        }
    }

    @Test
    void anUploadBeyondTheQuotaFailsAndKeepsWhatFits() throws Exception {
        // The core's file system enforces it (its write channels stop at the limit).
        byte[] data = new byte[(int) QUOTA + 500_000];
        try (SftpClient c = ssh.sftp("quota", "quota-password-1")) {
            assertThatThrownBy(() -> {
                try (OutputStream out = c.write("too-big.bin")) {
                    out.write(data);
                }
            }).isInstanceOf(SftpException.class).hasMessageContaining("Quota exceeded");
        }
        assertThat(Files.size(quotaHome.resolve("too-big.bin"))).isLessThanOrEqualTo(QUOTA);
    }
}
