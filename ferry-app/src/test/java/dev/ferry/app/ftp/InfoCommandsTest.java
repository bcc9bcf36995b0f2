package dev.ferry.app.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.app.testing.RawFtp;
import dev.ferry.app.testing.RawFtp.Reply;
import java.util.List;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;

/** SYST, FEAT, OPTS, HELP, NOOP, STAT, and the commands that are known but not offered. */
class InfoCommandsTest extends FtpServerTest {

    @Test
    void systSaysUnix() throws Exception {
        try (RawFtp raw = RawFtp.connect(port())) {
            assertThat(raw.send("SYST").last()).isEqualTo("215 UNIX Type: L8");
        }
    }

    @Test
    void featListsTheExtensionsOnIndentedLines() throws Exception {
        try (RawFtp raw = RawFtp.connect(port())) {
            Reply feat = raw.send("FEAT");
            assertThat(feat.code()).isEqualTo(211);
            List<String> body = feat.lines().subList(1, feat.lines().size() - 1);
            assertThat(body).allSatisfy(l -> assertThat(l).startsWith(" "));
            assertThat(body).extracting(String::trim)
                    .contains("UTF8", "EPSV", "EPRT", "SIZE", "MDTM", "MFMT", "REST STREAM", "TVFS")
                    .anySatisfy(l -> assertThat(l).startsWith("MLST ").contains("type*;").contains("size*;")
                            .contains("modify*;").contains("perm*;").contains("unique*;").contains("UNIX.mode*;"));
        }
    }

    @Test
    void optsUtf8AndMlst() throws Exception {
        try (RawFtp raw = RawFtp.connect(port())) {
            assertThat(raw.send("OPTS UTF8 ON").code()).isEqualTo(200);
            assertThat(raw.send("OPTS UTF8 OFF").code()).isEqualTo(504);
            assertThat(raw.send("OPTS NOPE").code()).isEqualTo(501);
            raw.login(USER, PASSWORD);
            Reply opts = raw.send("OPTS MLST type;size;");
            assertThat(opts.last()).isEqualTo("200 MLST OPTS type;size;");
            Reply mlst = raw.send("MLST /");
            assertThat(mlst.code()).isEqualTo(250);
            assertThat(mlst.lines().get(1)).isEqualTo(" type=dir; /");
            Reply feat = raw.send("FEAT");
            assertThat(feat.lines()).anySatisfy(l -> assertThat(l).contains("type*;size*;modify;"));
        }
    }

    @Test
    void helpListsCommandsAndDescribesOne() throws Exception {
        try (RawFtp raw = RawFtp.connect(port())) {
            Reply all = raw.send("HELP");
            assertThat(all.code()).isEqualTo(214);
            assertThat(all.text()).contains("RETR", "STOR", "MLSD", "EPSV", "XPWD");
            assertThat(raw.send("HELP retr").last()).startsWith("214 Syntax: RETR");
            assertThat(raw.send("HELP SMNT").last()).contains("not implemented");
            assertThat(raw.send("HELP SITE").last()).contains("CHMOD");
            assertThat(raw.send("HELP BOGUS").code()).isEqualTo(501);
        }
    }

    @Test
    void statWithoutTransferDescribesTheSession() throws Exception {
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            Reply stat = raw.send("STAT");
            assertThat(stat.code()).isEqualTo(211);
            assertThat(stat.text()).contains("Logged in as " + USER).contains("No data transfer in progress");
        }
    }

    @Test
    void statWithPathListsOnTheControlConnection() throws Exception {
        java.nio.file.Files.writeString(home.resolve("stat-me.txt"), "12345");
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            Reply stat = raw.send("STAT /");
            assertThat(stat.code()).isEqualTo(213);
            assertThat(stat.text()).containsPattern("-rw.* 5 .* stat-me\\.txt");
            assertThat(raw.send("STAT /no-such").code()).isEqualTo(550);
            assertThat(stat.last()).isEqualTo("213 End of status.");
        }
    }

    @Test
    void statOfAHugeDirectorySaysWhereItStopped() throws Exception {
        java.nio.file.Path big = java.nio.file.Files.createDirectories(home.resolve("big"));
        for (int i = 0; i < 10_005; i++) {
            java.nio.file.Files.createFile(big.resolve("f" + i));
        }
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            Reply stat = raw.send("STAT big");
            assertThat(stat.code()).isEqualTo(213);
            assertThat(stat.lines()).hasSize(10_002); // first line, 10,000 entries, closing line
            assertThat(stat.last()).isEqualTo("213 End of status (only the first 10000 entries; LIST or MLSD sends all).");
        }
    }

    @Test
    void notImplementedAndUnknownCommands() throws Exception {
        try (RawFtp raw = RawFtp.connect(port())) {
            assertThat(raw.send("ACCT billing").code()).isEqualTo(502);
            assertThat(raw.send("SITE CHMOD 777 x").code()).as("before login").isEqualTo(530);
            assertThat(raw.send("LPRT 4,4,127,0,0,1,2,4,1").code()).isEqualTo(502);
            assertThat(raw.send("FROB").code()).isEqualTo(500);
            assertThat(raw.send("").code()).isEqualTo(500);
            // The session goes on after all of that.
            assertThat(raw.send("NOOP").code()).isEqualTo(200);
        }
    }

    @Test
    void argumentChecksComeFromTheCommandTable() throws Exception {
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            assertThat(raw.send("RETR").code()).isEqualTo(501);
            assertThat(raw.send("CWD").code()).isEqualTo(501);
            assertThat(raw.send("PWD extra").code()).isEqualTo(501);
            assertThat(raw.send("noop").code()).isEqualTo(200);
        }
    }

    @Test
    void commonsNetSeesTheFeatures() throws Exception {
        FTPClient c = login();
        assertThat(c.hasFeature("MLST")).isTrue();
        assertThat(c.hasFeature("UTF8")).isTrue();
        assertThat(c.hasFeature("REST", "STREAM")).isTrue();
        assertThat(c.getSystemType()).isEqualTo("UNIX Type: L8");
        c.disconnect();
    }
}
