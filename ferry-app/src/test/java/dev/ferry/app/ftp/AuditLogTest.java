package dev.ferry.app.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.app.testing.LogCapture;
import dev.ferry.app.testing.RawFtp;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;

/** One line per login, per failed login, per transfer, and per refused escape, as vsftpd's logs. */
class AuditLogTest extends FtpServerTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void loginsAndFailuresAreLoggedWithoutPasswords() throws Exception {
        try (LogCapture log = LogCapture.of("ferry.login")) {
            FTPClient ok = login();
            ok.disconnect();
            FTPClient bad = server.connect();
            assertThat(bad.login(USER, "not-the-password")).isFalse();
            bad.disconnect();
            FTPClient ghost = server.connect();
            assertThat(ghost.login("ghost", "whatever")).isFalse();
            ghost.disconnect();
            log.await(l -> l.contains("reason=unknown-user"), WAIT);
            assertThat(log.lines()).anySatisfy(l -> assertThat(l).isEqualTo("login ok user=alice client=127.0.0.1 proto=ftp"));
            assertThat(log.lines()).anySatisfy(l -> assertThat(l)
                    .isEqualTo("login failed user=alice client=127.0.0.1 proto=ftp reason=bad-password"));
            assertThat(log.lines()).anySatisfy(l -> assertThat(l)
                    .isEqualTo("login failed user=ghost client=127.0.0.1 proto=ftp reason=unknown-user"));
            assertThat(log.lines()).noneMatch(l -> l.contains(PASSWORD) || l.contains("not-the-password"));
        }
    }

    @Test
    void everyTransferGetsOneLine() throws Exception {
        try (LogCapture log = LogCapture.of("ferry.transfer")) {
            FTPClient c = login();
            assertThat(c.storeFile("audited.bin", new ByteArrayInputStream(new byte[12345]))).isTrue();
            assertThat(c.retrieveFile("audited.bin", new ByteArrayOutputStream())).isTrue();
            assertThat(c.retrieveFile("no-such.bin", new ByteArrayOutputStream())).isFalse();
            c.disconnect();
            String up = log.await(l -> l.contains("dir=up") && l.contains("audited.bin"), WAIT);
            assertThat(up).matches("transfer proto=ftp user=alice client=127\\.0\\.0\\.1 dir=up path=\"/audited\\.bin\" "
                    + "bytes=12345 ms=\\d+ rate=\\S+/s result=ok");
            String down = log.await(l -> l.contains("dir=down") && l.contains("audited.bin"), WAIT);
            assertThat(down).contains("bytes=12345").endsWith("result=ok");
            // A refused RETR never opened a transfer, so it has no transfer line.
            assertThat(log.lines()).noneMatch(l -> l.contains("no-such.bin"));
        }
    }

    @Test
    void anAbortedTransferSaysSo() throws Exception {
        java.nio.file.Files.write(home.resolve("aborted-log.bin"), new byte[64 * 1024 * 1024]);
        try (LogCapture log = LogCapture.of("ferry.transfer"); RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            raw.send("TYPE I");
            var data = raw.pasv();
            assertThat(raw.send("RETR aborted-log.bin").code()).isEqualTo(150);
            data.getInputStream().readNBytes(1000);
            raw.write("ABOR\r\n");
            assertThat(raw.read().code()).isEqualTo(426);
            assertThat(raw.read().code()).isEqualTo(226);
            data.close();
            String line = log.await(l -> l.contains("aborted-log.bin"), WAIT);
            assertThat(line).endsWith("result=aborted");
        }
    }

    @Test
    void escapesAreLoggedOnTheSecurityLogger() throws Exception {
        java.nio.file.Files.createSymbolicLink(home.resolve("audit-link-out"), java.nio.file.Path.of("/etc"));
        try (LogCapture log = LogCapture.of("ferry.security"); RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            assertThat(raw.send("CWD audit-link-out").code()).isEqualTo(550);
            assertThat(raw.send("PORT 10,0,0,1,100,100").code()).isEqualTo(501);
            assertThat(raw.send("MKD " + "x".repeat(300)).code()).isEqualTo(550);
            log.await(l -> l.contains("refused path outside the home") && l.contains("/audit-link-out"), WAIT);
            log.await(l -> l.contains("FTP bounce") && l.contains("10.0.0.1"), WAIT);
            log.await(l -> l.contains("File name too long"), WAIT);
        }
    }
}
