package dev.ferry.app.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.app.testing.RawFtp;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;

/** DELE, RNFR/RNTO, SIZE, MDTM, MFMT. */
class FileCommandsTest extends FtpServerTest {

    @Test
    void siteChmodSetsTheModeAsFileZillaAsksIt() throws Exception {
        java.nio.file.Path f = Files.writeString(home.resolve("run me.sh"), "#!/bin/sh\n");
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            assertThat(raw.send("SITE CHMOD 755 run me.sh").last()).isEqualTo("200 SITE CHMOD command ok.");
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rwxr-xr-x");
            assertThat(raw.send("site chmod 0 run me.sh").code()).isEqualTo(200);
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                    .as("the owner keeps read and write").isEqualTo("rw-------");
            assertThat(raw.send("SITE CHMOD 9 run me.sh").code()).isEqualTo(501);
            assertThat(raw.send("SITE CHMOD 644").code()).isEqualTo(501);
            assertThat(raw.send("SITE CHMOD 644 no-such-file").code()).isEqualTo(550);
            assertThat(raw.send("SITE FROB").code()).isEqualTo(500);
            assertThat(raw.send("SITE HELP").text()).contains("CHMOD");
        }
    }

    @Test
    void deleteAFile() throws Exception {
        Files.writeString(home.resolve("doomed.txt"), "bye");
        FTPClient c = login();
        assertThat(c.deleteFile("doomed.txt")).isTrue();
        assertThat(Files.exists(home.resolve("doomed.txt"))).isFalse();
        assertThat(c.deleteFile("doomed.txt")).isFalse();
        assertThat(c.getReplyCode()).isEqualTo(550);
        c.disconnect();
    }

    @Test
    void deleOfADirectoryIsRefusedAndKeepsIt() throws Exception {
        Files.createDirectories(home.resolve("keep-dir"));
        FTPClient c = login();
        assertThat(c.deleteFile("keep-dir")).isFalse();
        assertThat(c.getReplyCode()).isEqualTo(550);
        assertThat(Files.isDirectory(home.resolve("keep-dir"))).isTrue();
        c.disconnect();
    }

    @Test
    void renameFilesAndDirectories() throws Exception {
        Files.writeString(home.resolve("old-name.txt"), "content");
        Files.createDirectories(home.resolve("old-dir/sub"));
        FTPClient c = login();
        assertThat(c.rename("old-name.txt", "new-name.txt")).isTrue();
        assertThat(Files.readString(home.resolve("new-name.txt"))).isEqualTo("content");
        assertThat(c.rename("old-dir", "new-dir")).isTrue();
        assertThat(Files.isDirectory(home.resolve("new-dir/sub"))).isTrue();
        assertThat(c.rename("new-name.txt", "new-dir/sub/moved.txt")).isTrue();
        assertThat(Files.exists(home.resolve("new-dir/sub/moved.txt"))).isTrue();
        c.disconnect();
    }

    @Test
    void renameErrors() throws Exception {
        Files.createDirectories(home.resolve("loop"));
        Files.createDirectories(home.resolve("taken-dir"));
        Files.writeString(home.resolve("src.txt"), "s");
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            assertThat(raw.send("RNTO anything").code()).isEqualTo(503);
            assertThat(raw.send("RNFR no-such-file").code()).isEqualTo(550);
            assertThat(raw.send("RNFR loop").code()).isEqualTo(350);
            assertThat(raw.send("RNTO loop/inside").code()).isEqualTo(550);
            assertThat(raw.send("RNFR src.txt").code()).isEqualTo(350);
            assertThat(raw.send("RNTO taken-dir").code()).isEqualTo(550);
            assertThat(Files.exists(home.resolve("src.txt"))).isTrue();
            // RNTO must follow RNFR immediately.
            assertThat(raw.send("RNFR src.txt").code()).isEqualTo(350);
            assertThat(raw.send("NOOP").code()).isEqualTo(200);
            assertThat(raw.send("RNTO dst.txt").code()).isEqualTo(503);
            assertThat(Files.exists(home.resolve("src.txt"))).isTrue();
            // An RNTO refused for its syntax, or an unknown line, also ends the pending rename.
            assertThat(raw.send("RNFR src.txt").code()).isEqualTo(350);
            assertThat(raw.send("RNTO").code()).isEqualTo(501);
            assertThat(raw.send("RNTO dst.txt").code()).isEqualTo(503);
            assertThat(raw.send("RNFR src.txt").code()).isEqualTo(350);
            assertThat(raw.send("BOGUS").code()).isEqualTo(500);
            assertThat(raw.send("RNTO dst.txt").code()).isEqualTo(503);
            assertThat(Files.exists(home.resolve("src.txt"))).isTrue();
        }
    }

    @Test
    void renameOverAnExistingFileReplacesIt() throws Exception {
        Files.writeString(home.resolve("winner.txt"), "new");
        Files.writeString(home.resolve("loser.txt"), "old");
        FTPClient c = login();
        assertThat(c.rename("winner.txt", "loser.txt")).isTrue();
        assertThat(Files.readString(home.resolve("loser.txt"))).isEqualTo("new");
        c.disconnect();
    }

    @Test
    void sizeIsExactInBinaryAndRefusedInAscii() throws Exception {
        Files.write(home.resolve("sized.bin"), new byte[123_457]);
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            assertThat(raw.send("SIZE sized.bin").last()).isEqualTo("213 123457");
            assertThat(raw.send("SIZE /").code()).isEqualTo(550);
            assertThat(raw.send("SIZE missing").code()).isEqualTo(550);
            raw.send("TYPE A");
            assertThat(raw.send("SIZE sized.bin").code()).isEqualTo(550);
        }
    }

    @Test
    void mdtmIsExactUtc() throws Exception {
        Files.writeString(home.resolve("dated.txt"), "d");
        Files.setLastModifiedTime(home.resolve("dated.txt"), FileTime.from(Instant.parse("2021-03-04T05:06:07Z")));
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            assertThat(raw.send("MDTM dated.txt").last()).isEqualTo("213 20210304050607");
            assertThat(raw.send("MDTM nope").code()).isEqualTo(550);
        }
    }

    @Test
    void mfmtSetsTheModificationTime() throws Exception {
        Files.writeString(home.resolve("touch.txt"), "t");
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            assertThat(raw.send("MFMT 19991231235958 touch.txt").last()).isEqualTo("213 Modify=19991231235958; touch.txt");
            assertThat(Files.getLastModifiedTime(home.resolve("touch.txt")).toInstant())
                    .isEqualTo(Instant.parse("1999-12-31T23:59:58Z"));
            assertThat(raw.send("MFMT 20211301000000 touch.txt").code()).isEqualTo(501);
            assertThat(raw.send("MFMT yesterday touch.txt").code()).isEqualTo(501);
            // Days that do not exist are refused, not moved to the month's last day.
            assertThat(raw.send("MFMT 20260230120000 touch.txt").code()).isEqualTo(501);
            assertThat(raw.send("MFMT 20250229120000 touch.txt").code()).isEqualTo(501);
            assertThat(raw.send("MFMT 20240229120000 touch.txt").code()).isEqualTo(213);
            assertThat(raw.send("MFMT 19991231235958 touch.txt").code()).isEqualTo(213);
            // Times the file system would not keep as asked: before 1970 (the kernel refuses half
            // a second before it), after 2262 (clamped); refused, and the file keeps its time.
            assertThat(raw.send("MFMT 19691231235959.500 touch.txt").code()).isEqualTo(501);
            assertThat(raw.send("MFMT 00000101000000 touch.txt").code()).isEqualTo(501);
            assertThat(raw.send("MFMT 99991231235959 touch.txt").code()).isEqualTo(501);
            assertThat(Files.getLastModifiedTime(home.resolve("touch.txt")).toInstant())
                    .isEqualTo(Instant.parse("1999-12-31T23:59:58Z"));
            assertThat(raw.send("MFMT 19700101000000 touch.txt").code()).isEqualTo(213);
            assertThat(raw.send("MFMT 22620411234716 touch.txt").code()).isEqualTo(213);
            assertThat(raw.send("MFMT 20200101000000 missing.txt").code()).isEqualTo(550);
        }
    }

    @Test
    void namesWithSpacesAreTakenWhole() throws Exception {
        Files.writeString(home.resolve(" lead and trail "), "spaces");
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            assertThat(raw.send("SIZE  lead and trail ").last()).isEqualTo("213 6");
        }
    }
}
