package dev.ferry.app.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.app.testing.RawFtp;
import java.nio.file.Files;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;

/** PWD, CWD, CDUP, MKD, RMD and the RFC 775 X-variants. */
class DirectoryCommandsTest extends FtpServerTest {

    @Test
    void moveAroundAndBackUp() throws Exception {
        FTPClient c = login();
        assertThat(c.makeDirectory("nav")).isTrue();
        assertThat(c.makeDirectory("nav/deeper")).isTrue();
        assertThat(c.changeWorkingDirectory("nav/deeper")).isTrue();
        assertThat(c.printWorkingDirectory()).isEqualTo("/nav/deeper");
        assertThat(c.changeToParentDirectory()).isTrue();
        assertThat(c.printWorkingDirectory()).isEqualTo("/nav");
        assertThat(c.changeWorkingDirectory("/")).isTrue();
        assertThat(c.changeToParentDirectory()).isTrue();
        assertThat(c.printWorkingDirectory()).isEqualTo("/");
        c.disconnect();
    }

    @Test
    void cwdToAMissingDirectoryOrAFileIs550() throws Exception {
        Files.writeString(home.resolve("plain.txt"), "x");
        FTPClient c = login();
        assertThat(c.changeWorkingDirectory("/does-not-exist")).isFalse();
        assertThat(c.getReplyCode()).isEqualTo(550);
        assertThat(c.changeWorkingDirectory("plain.txt")).isFalse();
        assertThat(c.getReplyCode()).isEqualTo(550);
        assertThat(c.printWorkingDirectory()).isEqualTo("/");
        c.disconnect();
    }

    @Test
    void mkdReplyQuotesThePathAndDoublesEmbeddedQuotes() throws Exception {
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            assertThat(raw.send("MKD say \"hi\"").last()).isEqualTo("257 \"/say \"\"hi\"\"\" created.");
            assertThat(raw.send("CWD say \"hi\"").code()).isEqualTo(250);
            assertThat(raw.send("PWD").last()).startsWith("257 \"/say \"\"hi\"\"\"");
        }
    }

    @Test
    void controlCharactersInANameAreNotEchoedRaw() throws Exception {
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            // ESC [ 2 J would clear the terminal of a client that prints replies.
            assertThat(raw.send("MKD esc\u001b[2Jdir").last()).isEqualTo("257 \"/esc?[2Jdir\" created.");
            assertThat(Files.isDirectory(home.resolve("esc\u001b[2Jdir"))).isTrue();
            assertThat(raw.send("CWD esc\u001b[2Jdir").last()).isEqualTo("250 Directory changed to /esc?[2Jdir.");
            assertThat(raw.send("PWD").last()).startsWith("257 \"/esc?[2Jdir\"");
        }
    }

    @Test
    void mkdOfAnExistingNameAndRmdOfANonEmptyDirectoryAre550() throws Exception {
        FTPClient c = login();
        assertThat(c.makeDirectory("full")).isTrue();
        assertThat(c.makeDirectory("full")).isFalse();
        assertThat(c.getReplyCode()).isEqualTo(550);
        Files.writeString(home.resolve("full/inside.txt"), "x");
        assertThat(c.removeDirectory("full")).isFalse();
        assertThat(c.getReplyCode()).isEqualTo(550);
        assertThat(Files.exists(home.resolve("full/inside.txt"))).isTrue();
        assertThat(c.deleteFile("full/inside.txt")).isTrue();
        assertThat(c.removeDirectory("full")).isTrue();
        assertThat(Files.exists(home.resolve("full"))).isFalse();
        c.disconnect();
    }

    @Test
    void rmdOfAFileAndOfTheHomeAreRefused() throws Exception {
        Files.writeString(home.resolve("not-a-dir.txt"), "x");
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            assertThat(raw.send("RMD not-a-dir.txt").code()).isEqualTo(550);
            assertThat(raw.send("RMD /").code()).isEqualTo(550);
            assertThat(raw.send("RMD ..").code()).isEqualTo(550);
            assertThat(Files.isDirectory(home)).isTrue();
        }
    }

    @Test
    void xVariantsBehaveLikeTheOriginals() throws Exception {
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            assertThat(raw.send("XMKD xdir").code()).isEqualTo(257);
            assertThat(raw.send("XCWD xdir").code()).isEqualTo(250);
            assertThat(raw.send("XPWD").last()).startsWith("257 \"/xdir\"");
            assertThat(raw.send("XCUP").code()).isEqualTo(250);
            assertThat(raw.send("XRMD xdir").code()).isEqualTo(250);
            assertThat(Files.exists(home.resolve("xdir"))).isFalse();
        }
    }
}
