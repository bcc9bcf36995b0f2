package dev.ferry.app.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.app.testing.RawFtp;
import dev.ferry.app.testing.RawFtp.Reply;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;

/** USER, PASS, REIN, QUIT, and what may be done before logging in. */
class LoginTest extends FtpServerTest {

    @Test
    void goodCredentialsLogIn() throws Exception {
        FTPClient c = server.connect();
        assertThat(c.login(USER, PASSWORD)).isTrue();
        assertThat(c.getReplyCode()).isEqualTo(230);
        assertThat(c.printWorkingDirectory()).isEqualTo("/");
        c.logout();
        assertThat(c.getReplyCode()).isEqualTo(221);
        c.disconnect();
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameReply() throws Exception {
        try (RawFtp a = RawFtp.connect(port()); RawFtp b = RawFtp.connect(port())) {
            Reply userA = a.send("USER " + USER);
            Reply userB = b.send("USER nobody-here");
            assertThat(userA.code()).isEqualTo(331);
            assertThat(userB.code()).isEqualTo(331);
            long t0 = System.nanoTime();
            Reply passA = a.send("PASS wrong-password");
            long wrongNanos = System.nanoTime() - t0;
            t0 = System.nanoTime();
            Reply passB = b.send("PASS wrong-password");
            long unknownNanos = System.nanoTime() - t0;
            assertThat(passA.code()).isEqualTo(530);
            assertThat(passB.code()).isEqualTo(530);
            assertThat(passA.last()).isEqualTo(passB.last());
            // Both pay the configured failure delay (50 ms in tests), not just the unknown one.
            assertThat(wrongNanos).isGreaterThanOrEqualTo(45_000_000L);
            assertThat(unknownNanos).isGreaterThanOrEqualTo(45_000_000L);
        }
    }

    @Test
    void threeFailuresCloseTheConnection() throws Exception {
        try (RawFtp raw = RawFtp.connect(port())) {
            for (int i = 0; i < 3; i++) {
                assertThat(raw.send("USER " + USER).code()).isEqualTo(331);
                assertThat(raw.send("PASS nope-" + i).code()).isEqualTo(530);
            }
            assertThat(raw.isClosedByServer()).isTrue();
        }
    }

    @Test
    void passWithoutUserIsOutOfSequence() throws Exception {
        try (RawFtp raw = RawFtp.connect(port())) {
            assertThat(raw.send("PASS " + PASSWORD).code()).isEqualTo(503);
        }
    }

    @Test
    void commandsBeforeLoginAreRefused() throws Exception {
        try (RawFtp raw = RawFtp.connect(port())) {
            for (String cmd : new String[] {"PWD", "CWD /", "LIST", "RETR x", "STOR x", "PASV", "MKD d", "DELE x", "SIZE x"}) {
                assertThat(raw.send(cmd).code()).as(cmd).isEqualTo(530);
            }
            // These need no login.
            assertThat(raw.send("SYST").code()).isEqualTo(215);
            assertThat(raw.send("FEAT").code()).isEqualTo(211);
            assertThat(raw.send("NOOP").code()).isEqualTo(200);
            assertThat(raw.send("HELP").code()).isEqualTo(214);
        }
    }

    @Test
    void userAfterLoginIsRefusedAndReinLogsOut() throws Exception {
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            assertThat(raw.send("USER " + USER).code()).isEqualTo(530);
            assertThat(raw.send("MKD rein-dir").code()).isEqualTo(257);
            assertThat(raw.send("CWD rein-dir").code()).isEqualTo(250);
            assertThat(raw.send("REIN").code()).isEqualTo(220);
            assertThat(raw.send("PWD").code()).isEqualTo(530);
            raw.login(USER, PASSWORD);
            Reply pwd = raw.send("PWD");
            assertThat(pwd.last()).startsWith("257 \"/\"");
        }
    }

    @Test
    void quitSaysGoodbyeAndCloses() throws Exception {
        try (RawFtp raw = RawFtp.connect(port())) {
            assertThat(raw.send("QUIT").code()).isEqualTo(221);
            assertThat(raw.isClosedByServer()).isTrue();
        }
    }

    @Test
    void passwordsWithSpacesAndNonAsciiWork() throws Exception {
        String password = "  spaced pässwörd ✓ ";
        server.addUser("spacey", password);
        FTPClient c = server.connect();
        assertThat(c.login("spacey", password)).isTrue();
        c.disconnect();
        FTPClient d = server.connect();
        assertThat(d.login("spacey", password.trim())).isFalse();
        d.disconnect();
    }

    @Test
    void aChangedPasswordAppliesAtTheNextLogin() throws Exception {
        server.addUser("changer", "first-password");
        FTPClient before = server.login("changer", "first-password");
        var user = server.users().find("changer").orElseThrow();
        server.users().update(user.withPasswordHash(server.hash("second-password")));
        // The session already logged in goes on; new logins need the new password.
        assertThat(before.printWorkingDirectory()).isEqualTo("/");
        FTPClient old = server.connect();
        assertThat(old.login("changer", "first-password")).isFalse();
        old.disconnect();
        FTPClient fresh = server.connect();
        assertThat(fresh.login("changer", "second-password")).isTrue();
        fresh.disconnect();
        before.disconnect();
    }
}
