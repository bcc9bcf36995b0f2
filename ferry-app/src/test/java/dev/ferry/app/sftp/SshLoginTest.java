package dev.ferry.app.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.app.testing.LogCapture;
import dev.ferry.app.testing.SshClients;
import dev.ferry.core.user.User;
import dev.ferry.core.user.UserLimits;
import java.io.OutputStream;
import java.nio.file.Files;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshException;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.Test;

/**
 * Password and public-key logins over SSH go through the core authenticator: the account's rules,
 * its keys from the user store, the failure delay, one log line per attempt.
 */
class SshLoginTest extends SftpServerTest {

    @Test
    void passwordLogin() throws Exception {
        try (LogCapture log = LogCapture.of("ferry.login"); ClientSession s = ssh.password(USER, PASSWORD)) {
            assertThat(s.isAuthenticated()).isTrue();
            log.await(l -> l.equals("login ok user=alice client=127.0.0.1 proto=sftp"), Duration.ofSeconds(5));
        }
    }

    @Test
    void wrongPasswordAndUnknownUserAreRefusedAfterTheDelay() throws Exception {
        for (String[] attempt : List.of(new String[] {USER, "wrong-password"}, new String[] {"nobody", "whatever-pass"})) {
            try (LogCapture log = LogCapture.of("ferry.login")) {
                long t0 = System.nanoTime();
                assertThatThrownBy(() -> ssh.password(attempt[0], attempt[1]).close()).isInstanceOf(SshException.class);
                // The test server's failure delay is 50 ms; the refusal cannot come sooner.
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
                log.await(l -> l.startsWith("login failed user=" + attempt[0] + " client=127.0.0.1 proto=sftp reason="),
                        Duration.ofSeconds(5));
            }
        }
    }

    @Test
    void aFailedLoginDelaysOnlyThatConnection() throws Exception {
        // While one client waits out its failure delay, another logs in and works at once.
        Thread failing = Thread.ofVirtual().start(() -> {
            try {
                ssh.password(USER, "wrong-password").close();
            } catch (Exception expected) {
                // refused
            }
        });
        try (SftpClient c = sftp()) {
            assertThat(c.canonicalPath(".")).isEqualTo("/");
        }
        failing.join(10_000);
    }

    @Test
    void publicKeyLoginWithAKeyFromTheStore() throws Exception {
        KeyPair key = SshClients.ed25519();
        server.users().addKey(USER, SshClients.authorized(key));
        try (LogCapture log = LogCapture.of("ferry.login"); ClientSession s = ssh.key(USER, key)) {
            SftpClient c = SftpClientFactory.instance().createSftpClient(s);
            try (OutputStream out = c.write("by-key.txt")) {
                out.write("key".getBytes());
            }
            c.close();
            log.await(l -> l.startsWith("login ok user=alice client=127.0.0.1 proto=sftp method=publickey key=SHA256:"),
                    Duration.ofSeconds(5));
        }
        assertThat(Files.readString(home.resolve("by-key.txt"))).isEqualTo("key");
    }

    @Test
    void aKeyNotInTheStoreOrOfAnotherUserIsRefused() throws Exception {
        KeyPair stranger = SshClients.ed25519();
        assertThatThrownBy(() -> ssh.key(USER, stranger).close()).isInstanceOf(SshException.class);
        KeyPair bobs = SshClients.ed25519();
        server.addUser("bob", "bob-password-1");
        server.users().addKey("bob", SshClients.authorized(bobs));
        assertThatThrownBy(() -> ssh.key(USER, bobs).close()).isInstanceOf(SshException.class);
    }

    @Test
    void aDeletedKeyNoLongerWorks() throws Exception {
        KeyPair key = SshClients.ed25519();
        var authorized = SshClients.authorized(key);
        server.addUser("carol", "carol-password-1");
        server.users().addKey("carol", authorized);
        ssh.key("carol", key).close();
        assertThat(server.users().deleteKey("carol", authorized.fingerprint())).isTrue();
        assertThatThrownBy(() -> ssh.key("carol", key).close()).isInstanceOf(SshException.class);
    }

    @Test
    void disabledAccountsCannotLogInEitherWay() throws Exception {
        KeyPair key = SshClients.ed25519();
        server.addUser("dave", "dave-password-1", u -> new User(u.name(), u.passwordHash(), u.home(), u.permissions(),
                u.limits(), true, u.expires()));
        server.users().addKey("dave", SshClients.authorized(key));
        assertThatThrownBy(() -> ssh.password("dave", "dave-password-1").close()).isInstanceOf(SshException.class);
        assertThatThrownBy(() -> ssh.key("dave", key).close()).isInstanceOf(SshException.class);
    }

    @Test
    void perUserSessionLimitApplies() throws Exception {
        server.addUser("erin", "erin-password-1", u -> new User(u.name(), u.passwordHash(), u.home(), u.permissions(),
                new UserLimits(0, 0, 0, 0, 1, List.of(), List.of()), false, u.expires()));
        try (ClientSession first = ssh.password("erin", "erin-password-1")) {
            assertThat(first.isAuthenticated()).isTrue();
            assertThatThrownBy(() -> ssh.password("erin", "erin-password-1").close()).isInstanceOf(SshException.class)
                    .satisfies(e -> assertThat(causes(e)).as("not a wrong password").contains("too many sessions for this account (at most 1)"));
        }
    }

    private static String causes(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            b.append(t.getMessage()).append(" | ");
        }
        return b.toString();
    }
}
