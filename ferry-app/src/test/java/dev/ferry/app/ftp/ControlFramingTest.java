package dev.ferry.app.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.app.testing.RawFtp;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** How the control connection cuts bytes into commands (RFC 959, RFC 854 Telnet). */
class ControlFramingTest extends FtpServerTest {

    @Test
    void severalCommandsInOneSegmentEachGetAReplyInOrder() throws Exception {
        try (RawFtp raw = RawFtp.connect(port())) {
            raw.write("USER " + USER + "\r\nPASS " + PASSWORD + "\r\nPWD\r\nNOOP\r\nSYST\r\n");
            assertThat(raw.read().code()).isEqualTo(331);
            assertThat(raw.read().code()).isEqualTo(230);
            assertThat(raw.read().code()).isEqualTo(257);
            assertThat(raw.read().code()).isEqualTo(200);
            assertThat(raw.read().code()).isEqualTo(215);
        }
    }

    @Test
    void aCommandSplitAcrossWritesIsOneCommand() throws Exception {
        try (RawFtp raw = RawFtp.connect(port())) {
            raw.socket().setTcpNoDelay(true);
            for (String piece : new String[] {"NO", "O", "P\r", "\n"}) {
                raw.write(piece);
                Thread.sleep(30);
            }
            assertThat(raw.read().code()).isEqualTo(200);
        }
    }

    @Test
    void bareLineFeedIsAcceptedAsLineEnd() throws Exception {
        try (RawFtp raw = RawFtp.connect(port())) {
            raw.write("NOOP\n");
            assertThat(raw.read().code()).isEqualTo(200);
        }
    }

    @Test
    void telnetSequencesAreRemoved() throws Exception {
        try (RawFtp raw = RawFtp.connect(port())) {
            // IAC IP, IAC DM before the command, as clients send before ABOR; IAC WILL x negotiation.
            raw.writeBytes(new byte[] {(byte) 255, (byte) 244, (byte) 255, (byte) 242, (byte) 255, (byte) 251, 1});
            raw.write("NOOP\r\n");
            assertThat(raw.read().code()).isEqualTo(200);
        }
    }

    @Test
    void abortWithTelnetInterruptDuringADownload() throws Exception {
        byte[] big = new byte[64 * 1024 * 1024];
        Files.write(home.resolve("abort-me.bin"), big);
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            raw.send("TYPE I");
            Socket data = raw.pasv();
            assertThat(raw.send("RETR abort-me.bin").code()).isEqualTo(150);
            // Read a little, then stop reading so the server blocks on a full socket.
            InputStream d = data.getInputStream();
            d.readNBytes(1024);
            raw.writeBytes(new byte[] {(byte) 255, (byte) 244, (byte) 255, (byte) 242});
            raw.write("ABOR\r\n");
            assertThat(raw.read().code()).isEqualTo(426);
            assertThat(raw.read().code()).isEqualTo(226);
            data.close();
            assertThat(raw.send("NOOP").code()).isEqualTo(200);
        }
    }

    @Test
    void anOverlongLineGets500AndTheSessionGoesOn() throws Exception {
        try (RawFtp raw = RawFtp.connect(port())) {
            String huge = "NOOP " + "x".repeat(1_000_000);
            raw.write(huge + "\r\n");
            assertThat(raw.read().code()).isEqualTo(500);
            assertThat(raw.send("NOOP").code()).isEqualTo(200);
        }
    }

    @Test
    void utf8CommandArgumentsArriveIntact() throws Exception {
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            String name = "Żółw 日本 ✓";
            assertThat(raw.send("MKD " + name).last()).isEqualTo("257 \"/" + name + "\" created.");
            assertThat(Files.isDirectory(home.resolve(name))).isTrue();
            Socket data = raw.pasv();
            assertThat(raw.send("NLST").code()).isEqualTo(150);
            String names = new String(RawFtp.drain(data), StandardCharsets.UTF_8);
            assertThat(raw.read().code()).isEqualTo(226);
            assertThat(names.split("\r\n")).contains(name);
        }
    }

    @Test
    void aLineThatIsNotUtf8IsRefusedNotRenamed() throws Exception {
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            // caf\xe9 and caf\xe8 (Latin-1) would both have become caf\uFFFD: one name for two files.
            raw.writeBytes(new byte[] {'M', 'K', 'D', ' ', 'c', 'a', 'f', (byte) 0xe9, '\r', '\n'});
            RawFtp.Reply r = raw.read();
            assertThat(r.code()).isEqualTo(501);
            assertThat(r.text()).contains("not valid UTF-8");
            raw.writeBytes(new byte[] {'R', 'N', 'F', 'R', ' ', (byte) 0xc3, 'x', '\r', '\n'});
            assertThat(raw.read().code()).isEqualTo(501);
            assertThat(raw.send("RNTO y").code()).as("no rename pending").isEqualTo(503);
            assertThat(raw.send("NOOP").code()).isEqualTo(200);
        }
        try (var names = Files.list(home)) {
            assertThat(names.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("caf"));
        }
    }

    @Test
    void repliesNeverCarryClientLineBreaks() throws Exception {
        try (RawFtp raw = RawFtp.connect(port())) {
            // A bare CR inside a user name must not start a fake reply line.
            raw.write("USER bob\r226 fake\r\n");
            var reply = raw.read();
            assertThat(reply.code()).isEqualTo(331);
            assertThat(reply.lines()).hasSize(1);
            assertThat(raw.send("NOOP").code()).isEqualTo(200);
        }
    }
}
