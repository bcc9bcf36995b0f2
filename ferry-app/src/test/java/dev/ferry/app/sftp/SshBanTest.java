package dev.ferry.app.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.app.testing.SshClients;
import dev.ferry.app.testing.TestServer;
import dev.ferry.core.config.Setting;
import dev.ferry.core.config.Settings;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bans are one mechanism for every protocol: SSH password failures count, and a banned address
 * can open neither FTP nor SSH (not even with the right key). The tests come from loopback, so
 * they empty the safelist.
 */
class SshBanTest {

    @TempDir
    Path data;

    private TestServer start() throws Exception {
        Map<Setting<?>, String> m = new LinkedHashMap<>();
        m.put(Settings.SFTP_PORT, "0");
        m.put(Settings.BAN_SAFELIST, "none");
        m.put(Settings.BAN_AFTER, "3");
        m.put(Settings.BAN_WINDOW, "1m");
        m.put(Settings.BAN_FOR, "10m");
        return TestServer.start(data, m);
    }

    @Test
    void sshPasswordFailuresBanTheAddressForEveryProtocol() throws Exception {
        try (TestServer server = start(); SshClients ssh = SshClients.forServer(server)) {
            server.addUser("alice", "alice-password-1");
            KeyPair key = SshClients.ed25519();
            server.users().addKey("alice", SshClients.authorized(key));
            for (int i = 0; i < 3; i++) {
                int n = i;
                assertThatThrownBy(() -> ssh.password("alice", "wrong-" + n).close()).isInstanceOf(Exception.class);
            }
            // Banned now: the right password, and even the right key, get nowhere.
            assertThatThrownBy(() -> ssh.password("alice", "alice-password-1").close()).isInstanceOf(Exception.class);
            assertThatThrownBy(() -> ssh.key("alice", key).close()).isInstanceOf(Exception.class);
            FTPClient ftp = new FTPClient();
            assertThatThrownBy(() -> ftp.connect("127.0.0.1", server.ftpPort())).hasMessageContaining("421");
            assertThat(((dev.ferry.core.user.BanStore) server.users()).listBans()).isNotEmpty();
        }
    }

    @Test
    void refusedKeysDoNotCountTowardsABan() throws Exception {
        try (TestServer server = start(); SshClients ssh = SshClients.forServer(server)) {
            server.addUser("bob", "bob-password-1");
            for (int i = 0; i < 5; i++) {
                KeyPair stranger = SshClients.ed25519();
                assertThatThrownBy(() -> ssh.key("bob", stranger).close()).isInstanceOf(Exception.class);
            }
            try (ClientSession s = ssh.password("bob", "bob-password-1")) {
                assertThat(s.isAuthenticated()).isTrue();
            }
        }
    }
}
