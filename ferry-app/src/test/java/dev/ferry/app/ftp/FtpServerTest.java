package dev.ferry.app.ftp;

import dev.ferry.app.testing.TestServer;
import java.nio.file.Path;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real server per test class, with user {@code alice} (full rights) whose home is
 * {@link #home}. Test classes run one after another, so the static fields are not shared.
 */
abstract class FtpServerTest {

    static final String USER = "alice";
    static final String PASSWORD = "alice-password-1";

    @TempDir
    static Path data;

    static TestServer server;
    static Path home;

    @BeforeAll
    static void startServer() throws Exception {
        server = TestServer.start(data);
        home = server.addUser(USER, PASSWORD);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** A logged-in Commons Net client in passive binary mode. */
    static FTPClient login() throws Exception {
        return server.login(USER, PASSWORD);
    }

    static int port() {
        return server.ftpPort();
    }
}
