package dev.ferry.app.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.app.testing.TestServer;
import dev.ferry.core.user.Permission;
import dev.ferry.core.user.Permissions;
import dev.ferry.core.vfs.VirtualPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Permissions through the real server: every refused command gets 550 and changes nothing on disk. */
class PermissionRulesTest {

    @TempDir
    static Path data;
    static TestServer server;
    static Path readerHome;
    static Path dropHome;
    static Path mixedHome;
    static final byte[] CONTENT = Ftp.randomBytes(100_000, 1);

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(data);
        readerHome = server.addUser("reader", "reader-pass-1", u -> new dev.ferry.core.user.User(u.name(), u.passwordHash(), u.home(),
                Permissions.READ_ONLY, u.limits(), false, u.expires()));
        dropHome = server.addUser("drop", "drop-pass-1", u -> new dev.ferry.core.user.User(u.name(), u.passwordHash(), u.home(),
                Permissions.WRITE_ONLY, u.limits(), false, u.expires()));
        mixedHome = server.addUser("mixed", "mixed-pass-1", u -> new dev.ferry.core.user.User(u.name(), u.passwordHash(), u.home(),
                new Permissions(EnumSet.allOf(Permission.class), overrides()), u.limits(), false, u.expires()));
        for (Path home : List.of(readerHome, dropHome, mixedHome)) {
            Files.write(home.resolve("file.bin"), CONTENT);
            Files.createDirectories(home.resolve("dir"));
            Files.createDirectories(home.resolve("pub"));
            Files.createDirectories(home.resolve("incoming"));
            Files.write(home.resolve("pub/readme.txt"), "hello".getBytes());
        }
    }

    private static Map<VirtualPath, java.util.Set<Permission>> overrides() {
        try {
            return Map.of(VirtualPath.of("/incoming"), Permissions.WRITE_ONLY.base(), VirtualPath.of("/pub"), Permissions.READ_ONLY.base());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Every path and size and modification time under a home, to prove a refusal changed nothing. */
    private static List<String> snapshot(Path home) throws Exception {
        try (Stream<Path> all = Files.walk(home)) {
            return all.map(p -> {
                try {
                    return home.relativize(p) + " " + (Files.isRegularFile(p) ? Files.size(p) : -1) + " " + Files.getLastModifiedTime(p);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).sorted().toList();
        }
    }

    @Test
    void aReadOnlyUserCanListAndDownloadButChangesNothing() throws Exception {
        List<String> before = snapshot(readerHome);
        FTPClient c = server.login("reader", "reader-pass-1");
        try {
            assertThat(c.listNames()).contains("file.bin", "dir");
            assertThat(Ftp.download(c, "file.bin")).isEqualTo(CONTENT);

            assertThat(Ftp.upload(c, "new.bin", CONTENT)).as("STOR").isEqualTo(550);
            assertThat(Ftp.upload(c, "file.bin", CONTENT)).as("STOR over a file").isEqualTo(550);
            assertThat(Ftp.append(c, "file.bin", CONTENT)).as("APPE").isEqualTo(550);
            assertThat(c.deleteFile("file.bin")).isFalse();
            assertThat(c.getReplyCode()).as("DELE").isEqualTo(550);
            assertThat(c.rename("file.bin", "moved.bin")).isFalse();
            assertThat(c.getReplyCode()).as("RNFR").isEqualTo(550);
            assertThat(c.sendCommand("RNTO moved.bin")).as("RNTO without an accepted RNFR").isEqualTo(503);
            assertThat(c.makeDirectory("newdir")).isFalse();
            assertThat(c.getReplyCode()).as("MKD").isEqualTo(550);
            assertThat(c.removeDirectory("dir")).isFalse();
            assertThat(c.getReplyCode()).as("RMD").isEqualTo(550);
            assertThat(c.sendCommand("MFMT 20000101000000 file.bin")).as("MFMT").isEqualTo(550);
            assertThat(c.sendCommand("STOU")).as("STOU without a data connection is refused too").isIn(425, 550);
        } finally {
            c.disconnect();
        }
        assertThat(snapshot(readerHome)).isEqualTo(before);
    }

    @Test
    void aDropBoxUserCanUploadAndResumeButNotListDownloadOrReplace() throws Exception {
        FTPClient c = server.login("drop", "drop-pass-1");
        try {
            byte[] part = java.util.Arrays.copyOf(CONTENT, 40_000);
            assertThat(Ftp.upload(c, "up.bin", part)).as("STOR").isEqualTo(226);
            assertThat(Ftp.append(c, "up.bin", java.util.Arrays.copyOfRange(CONTENT, 40_000, CONTENT.length)))
                    .as("APPE resumes an interrupted upload").isEqualTo(226);
            assertThat(Files.readAllBytes(dropHome.resolve("up.bin"))).isEqualTo(CONTENT);

            List<String> before = snapshot(dropHome);
            assertThat(c.listNames()).isNull();
            assertThat(c.getReplyCode()).as("NLST").isEqualTo(550);
            assertThat(c.listFiles()).isEmpty();
            assertThat(c.getReplyCode()).as("LIST").isEqualTo(550);
            assertThat(c.sendCommand("MLST file.bin")).as("MLST").isEqualTo(550);
            assertThat(c.sendCommand("SIZE file.bin")).as("SIZE").isEqualTo(550);
            assertThat(c.getReplyString()).as("the same refusal for a file that is there...").contains("Permission denied");
            assertThat(c.sendCommand("SIZE no-such.bin")).isEqualTo(550);
            assertThat(c.getReplyString()).as("...and for one that is not: no probing of names").contains("Permission denied");
            assertThat(c.sendCommand("MLST dir")).as("that a directory is one may be known (scp asks)").isEqualTo(250);
            assertThat(Ftp.download(c, "file.bin")).isNull();
            assertThat(c.getReplyCode()).as("RETR").isEqualTo(550);
            assertThat(Ftp.upload(c, "up.bin", part)).as("STOR over an existing file").isEqualTo(550);
            assertThat(c.deleteFile("up.bin")).isFalse();
            assertThat(c.getReplyCode()).as("DELE").isEqualTo(550);
            assertThat(snapshot(dropHome)).isEqualTo(before);
        } finally {
            c.disconnect();
        }
    }

    @Test
    void directoryOverridesApplyToTheDirectoryAndBelow() throws Exception {
        FTPClient c = server.login("mixed", "mixed-pass-1");
        try {
            assertThat(Ftp.upload(c, "top.bin", CONTENT)).as("base: everything").isEqualTo(226);
            assertThat(Ftp.upload(c, "pub/new.txt", CONTENT)).as("/pub is read-only").isEqualTo(550);
            assertThat(c.deleteFile("pub/readme.txt")).isFalse();
            assertThat(Ftp.download(c, "pub/readme.txt")).isEqualTo("hello".getBytes());
            assertThat(Ftp.upload(c, "incoming/drop.bin", CONTENT)).as("/incoming is upload-only").isEqualTo(226);
            assertThat(c.listNames("incoming")).isNull();
            assertThat(c.getReplyCode()).isEqualTo(550);
            assertThat(Ftp.download(c, "incoming/drop.bin")).isNull();
            assertThat(c.rename("top.bin", "pub/top.bin")).as("renaming into read-only /pub").isFalse();
            assertThat(Files.exists(mixedHome.resolve("top.bin"))).isTrue();
            assertThat(Files.exists(mixedHome.resolve("pub/new.txt"))).isFalse();
            assertThat(Files.readAllBytes(mixedHome.resolve("incoming/drop.bin"))).isEqualTo(CONTENT);
        } finally {
            c.disconnect();
        }
    }
}
