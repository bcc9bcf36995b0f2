package dev.ferry.app.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClient.CloseableHandle;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpException;
import org.junit.jupiter.api.Test;

/**
 * What one SSH connection may hold: ten channels at once, and 1024 SFTP handles over all of them.
 * Every session shares the server's descriptors, so one login must not be able to take them all.
 */
class SftpResourceLimitsTest extends SftpServerTest {

    @Test
    void handlesAreCountedOverEveryChannelOfAConnectionAndFreedAsTheyClose() throws Exception {
        Files.writeString(home.resolve("many.txt"), "m");
        try (ClientSession s = ssh.password(USER, PASSWORD);
             SftpClient first = SftpClientFactory.instance().createSftpClient(s);
             SftpClient second = SftpClientFactory.instance().createSftpClient(s)) {
            List<CloseableHandle> held = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                held.add(first.open("many.txt", OpenMode.Read));
            }
            for (int i = 0; i < 424; i++) {
                held.add(second.open("many.txt", OpenMode.Read));
            }
            assertThatThrownBy(() -> second.open("many.txt", OpenMode.Read)).isInstanceOf(SftpException.class)
                    .hasMessageContaining("Too many open handles");
            assertThatThrownBy(() -> first.openDir("/")).isInstanceOf(SftpException.class)
                    .hasMessageContaining("Too many open handles");
            held.remove(0).close();
            try (CloseableHandle again = second.open("many.txt", OpenMode.Read)) {
                assertThat(again.isOpen()).isTrue();
            }
            for (CloseableHandle h : held) {
                h.close();
            }
        }
        // A closed connection gives its handles back: a new one has the whole budget.
        try (ClientSession s = ssh.password(USER, PASSWORD); SftpClient c = SftpClientFactory.instance().createSftpClient(s)) {
            List<CloseableHandle> held = new ArrayList<>();
            for (int i = 0; i < 1024; i++) {
                held.add(c.open("many.txt", OpenMode.Read));
            }
            for (CloseableHandle h : held) {
                h.close();
            }
        }
    }

    @Test
    void aConnectionHoldsAtMostTenChannels() throws Exception {
        try (ClientSession s = ssh.password(USER, PASSWORD)) {
            List<SftpClient> open = new ArrayList<>();
            try {
                for (int i = 0; i < 10; i++) {
                    open.add(SftpClientFactory.instance().createSftpClient(s));
                }
                assertThatThrownBy(() -> SftpClientFactory.instance().createSftpClient(s)).isInstanceOf(java.io.IOException.class);
                // Refused, not cut off: once a channel has closed (the server learns it a moment
                // later), the same connection opens another.
                open.remove(0).close();
                SftpClient again = null;
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
                while (again == null) {
                    try {
                        again = SftpClientFactory.instance().createSftpClient(s);
                    } catch (java.io.IOException e) {
                        assertThat(System.nanoTime()).as("a channel again within 10 s").isLessThan(deadline);
                        Thread.sleep(50);
                    }
                }
                open.add(again);
                assertThat(again.canonicalPath(".")).isEqualTo("/");
                assertThat(s.isOpen()).isTrue();
            } finally {
                for (SftpClient c : open) {
                    c.close();
                }
            }
        }
    }
}
