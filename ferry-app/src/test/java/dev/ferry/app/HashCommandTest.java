package dev.ferry.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.app.testing.TestServer;
import dev.ferry.core.user.Permission;
import dev.ferry.core.user.Permissions;
import dev.ferry.core.user.User;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.zip.CRC32;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HASH, OPTS HASH and RANG (draft-bryan-ftpext-hash) against the real server, with Commons Net. */
class HashCommandTest {

    @TempDir
    static Path data;
    static TestServer server;
    static byte[] content;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(data);
        Path home = server.addUser("hasher", "hash-password-1");
        content = new byte[300_000];
        new java.util.Random(7).nextBytes(content);
        Files.write(home.resolve("f.bin"), content);
        Files.write(home.resolve("empty"), new byte[0]);
        Files.createDirectories(home.resolve("dir"));
        Path other = server.addUser("nodl", "nodl-password-1", u -> new User(u.name(), u.passwordHash(), u.home(),
                new Permissions(EnumSet.of(Permission.LIST, Permission.UPLOAD), java.util.Map.of()), u.limits(), false, u.expires()));
        Files.write(other.resolve("secret.bin"), content);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String hex(String algo, byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algo).digest(b));
    }

    @Test
    void featAdvertisesAlgorithmsWithTheSelectedOneStarred() throws Exception {
        FTPClient c = server.login("hasher", "hash-password-1");
        c.features();
        assertThat(c.getReplyString()).contains(" HASH SHA-256*;SHA-512;SHA-1;MD5;CRC32").contains(" RANG STREAM");
        assertThat(c.sendCommand("OPTS", "HASH MD5")).isEqualTo(200);
        c.features();
        assertThat(c.getReplyString()).contains(" HASH SHA-256;SHA-512;SHA-1;MD5*;CRC32");
        assertThat(c.sendCommand("OPTS", "HASH")).isEqualTo(200);
        assertThat(c.getReplyString()).contains("MD5");
        c.disconnect();
    }

    @Test
    void hashOfWholeFileInEveryAlgorithm() throws Exception {
        FTPClient c = server.login("hasher", "hash-password-1");
        assertThat(c.sendCommand("HASH", "f.bin")).isEqualTo(213);
        assertThat(c.getReplyString().trim()).isEqualTo("213 SHA-256 0-299999 " + hex("SHA-256", content) + " f.bin");
        for (String[] a : new String[][] {{"SHA-1", "SHA-1"}, {"MD5", "MD5"}, {"SHA-512", "SHA-512"}}) {
            assertThat(c.sendCommand("OPTS", "HASH " + a[0])).isEqualTo(200);
            assertThat(c.sendCommand("HASH", "/f.bin")).isEqualTo(213);
            assertThat(c.getReplyString()).contains(a[0] + " 0-299999 " + hex(a[1], content));
        }
        CRC32 crc = new CRC32();
        crc.update(content);
        assertThat(c.sendCommand("OPTS", "HASH CRC32")).isEqualTo(200);
        assertThat(c.sendCommand("HASH", "f.bin")).isEqualTo(213);
        assertThat(c.getReplyString()).contains(String.format("CRC32 0-299999 %08x", crc.getValue()));
        c.disconnect();
    }

    @Test
    void rangHashesOnlyTheRangeAndOnlyOnce() throws Exception {
        FTPClient c = server.login("hasher", "hash-password-1");
        assertThat(c.sendCommand("RANG", "1000 1999")).isEqualTo(350);
        assertThat(c.sendCommand("HASH", "f.bin")).isEqualTo(213);
        assertThat(c.getReplyString()).contains("SHA-256 1000-1999 " + hex("SHA-256", Arrays.copyOfRange(content, 1000, 2000)));
        assertThat(c.sendCommand("HASH", "f.bin")).isEqualTo(213);
        assertThat(c.getReplyString()).contains("SHA-256 0-299999 ");
        // an end past the file is cut to the file
        assertThat(c.sendCommand("RANG", "299990 999999")).isEqualTo(350);
        assertThat(c.sendCommand("HASH", "f.bin")).isEqualTo(213);
        assertThat(c.getReplyString()).contains("299990-299999 " + hex("SHA-256", Arrays.copyOfRange(content, 299990, 300000)));
        c.disconnect();
    }

    @Test
    void badInputGetsCorrectCodes() throws Exception {
        FTPClient c = server.login("hasher", "hash-password-1");
        assertThat(c.sendCommand("HASH", "missing")).isEqualTo(550);
        assertThat(c.sendCommand("HASH", "dir")).isEqualTo(553);
        assertThat(c.sendCommand("HASH")).isEqualTo(501);
        assertThat(c.sendCommand("RANG", "9 1")).isEqualTo(501);
        assertThat(c.sendCommand("RANG", "a b")).isEqualTo(501);
        assertThat(c.sendCommand("OPTS", "HASH WHIRLPOOL")).as("draft-bryan-ftpext-hash 3.2: 501").isEqualTo(501);
        // REIN forgets the selection (draft-bryan-ftpext-hash 3.2).
        assertThat(c.sendCommand("OPTS", "HASH MD5")).isEqualTo(200);
        assertThat(c.sendCommand("REIN")).isEqualTo(220);
        assertThat(c.login("hasher", "hash-password-1")).isTrue();
        assertThat(c.sendCommand("OPTS", "HASH")).isEqualTo(200);
        assertThat(c.getReplyString()).startsWith("200 SHA-256");
        assertThat(c.sendCommand("RANG", "400000 400010")).isEqualTo(350);
        assertThat(c.sendCommand("HASH", "f.bin")).isEqualTo(556);
        assertThat(c.sendCommand("HASH", "empty")).isEqualTo(213);
        assertThat(c.getReplyString()).contains("SHA-256 0-0 " + hex("SHA-256", new byte[0]));
        assertThat(c.sendCommand("NOOP")).isEqualTo(200); // the session goes on
        c.disconnect();
    }

    @Test
    void hashNeedsLoginAndTheDownloadPermission() throws Exception {
        FTPClient anon = server.connect();
        assertThat(anon.sendCommand("HASH", "f.bin")).isEqualTo(530);
        anon.disconnect();
        FTPClient c = server.login("nodl", "nodl-password-1");
        assertThat(c.sendCommand("HASH", "secret.bin")).isEqualTo(550);
        assertThat(c.getReplyString()).doesNotContain(hex("SHA-256", content));
        c.disconnect();
    }
}
