package dev.ferry.app.sftp;

import dev.ferry.app.testing.SshClients;
import dev.ferry.app.testing.TestServer;
import dev.ferry.core.config.Setting;
import dev.ferry.core.config.Settings;
import java.nio.file.Path;
import java.util.Map;
import org.apache.sshd.sftp.client.SftpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real server per test class with the SSH listener on, user {@code alice} (full rights) and
 * MINA's SSH client trusting the host keys the server printed.
 */
abstract class SftpServerTest {

    static final String USER = "alice";
    static final String PASSWORD = "alice-password-1";

    @TempDir
    static Path data;

    static TestServer server;
    static SshClients ssh;
    static Path home;

    @BeforeAll
    static void startServer() throws Exception {
        server = TestServer.start(data, Map.<Setting<?>, String>of(Settings.SFTP_PORT, "0"));
        ssh = SshClients.forServer(server);
        home = server.addUser(USER, PASSWORD);
    }

    @AfterAll
    static void stopServer() {
        if (ssh != null) {
            ssh.close();
            ssh = null;
        }
        if (server != null) {
            server.close();
            server = null;
        }
    }

    static SftpClient sftp() throws Exception {
        return ssh.sftp(USER, PASSWORD);
    }
}
