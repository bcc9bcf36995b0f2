package dev.ferry.app.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.app.testing.EscapeWorld;
import dev.ferry.app.testing.RawFtp;
import dev.ferry.app.testing.RawFtp.Reply;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Nothing a client says reaches outside its home: every spelling of "up and out", and symlinks in
 * the home that point out. A refusal looks exactly like a missing file (no existence oracle).
 */
class ConfinementTest extends FtpServerTest {

    static Path outside;

    @BeforeAll
    static void plantTheWorld() throws Exception {
        outside = EscapeWorld.plant(data, home);
    }

    static Stream<String> escapes() {
        return EscapeWorld.escapes();
    }

    @ParameterizedTest
    @MethodSource("escapes")
    void retrOfAnEscapeIsRefusedLikeAMissingFile(String spelling) throws Exception {
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            raw.send("TYPE I");
            raw.pasv().close();
            Reply r = raw.send("RETR " + spelling);
            if (r.code() == 150) {
                // Folded to a path inside the home (e.g. "/etc/passwd" is the home's etc/passwd):
                // then it must be a file of the home, never the outside secret.
                throw new AssertionError("RETR " + spelling + " opened a transfer: " + r.text());
            }
            assertThat(r.code()).as(spelling).isEqualTo(550);
            assertThat(r.last()).as(spelling).endsWith("No such file or directory.").doesNotContain(data.toString());
            assertThat(raw.send("SIZE " + spelling).code()).as(spelling).isEqualTo(550);
            assertThat(raw.send("MDTM " + spelling).code()).as(spelling).isEqualTo(550);
            assertThat(raw.send("CWD " + spelling).code()).as(spelling).isEqualTo(550);
            assertThat(raw.send("DELE " + spelling).code()).as(spelling).isEqualTo(550);
            assertThat(raw.send("RNFR " + spelling).code()).as(spelling).isEqualTo(550);
            assertThat(raw.send("MLST " + spelling).code()).as(spelling).isEqualTo(550);
            assertThat(raw.send("MFMT 20000101000000 " + spelling).code()).as(spelling).isEqualTo(550);
        }
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("OUTSIDE SECRET");
        assertThat(Files.readString(data.resolve("home/secret.txt"))).isEqualTo("OUTSIDE SECRET");
    }

    @Test
    void dotDotAtTheRootStaysAtTheRoot() throws Exception {
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            assertThat(raw.send("CWD ../../..").code()).isEqualTo(250);
            assertThat(raw.send("PWD").last()).startsWith("257 \"/\"");
            assertThat(raw.send("SIZE ../../mine.txt").last()).isEqualTo("213 4");
            // A backslash is part of a name (as in vsftpd): no way up, and no such directory.
            assertThat(raw.send("CWD \\..\\sub").code()).isEqualTo(550);
            assertThat(raw.send("PWD").last()).startsWith("257 \"/\"");
        }
    }

    @Test
    void listingsNeverShowLinksThatLeadOut() throws Exception {
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            Socket data = raw.pasv();
            assertThat(raw.send("NLST /").code()).isEqualTo(150);
            List<String> names = new String(RawFtp.drain(data), StandardCharsets.UTF_8).lines().toList();
            assertThat(raw.read().code()).isEqualTo(226);
            assertThat(names).contains("mine.txt", "sub", "link-in")
                    .doesNotContain("abs-link-out", "rel-link-out", "file-link-out", "dangling-out", "etc-link");
            raw.pasv().close();
            assertThat(raw.send("LIST abs-link-out").code()).isEqualTo(550);
            raw.pasv().close();
            assertThat(raw.send("MLSD etc-link").code()).isEqualTo(550);
        }
    }

    @Test
    void linksThatStayInsideWork() throws Exception {
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            assertThat(raw.send("SIZE link-in").last()).isEqualTo("213 5");
            assertThat(raw.send("SIZE sub/deeper/link-up-in").last()).isEqualTo("213 4");
        }
    }

    /** Downloads {@code path}; the content, or null when the server refused with {@code refusal}. */
    private static String download(RawFtp raw, String path) throws Exception {
        Socket data = raw.pasv();
        Reply r = raw.send("RETR " + path);
        if (r.code() != 150) {
            data.close();
            return r.code() + " " + r.last();
        }
        String content = new String(RawFtp.drain(data), StandardCharsets.UTF_8);
        assertThat(raw.read().code()).as("RETR " + path).isEqualTo(226);
        return content;
    }

    /**
     * RETR and STOR take a fast way when no symlink is on the path (a handle walk and one stat
     * relative to the directory) and the resolving way otherwise; both must give the same answers.
     */
    @Test
    void transfersThroughLinksThatStayInsideAndAtOddNames() throws Exception {
        Path dir = Files.createDirectories(home.resolve("ways"));
        Files.writeString(dir.resolve("plain.txt"), "plain");
        Files.createDirectories(dir.resolve("real/deep"));
        Files.writeString(dir.resolve("real/deep/file.txt"), "deep");
        Files.createSymbolicLink(dir.resolve("dir-link"), Path.of("real"));
        Files.createSymbolicLink(dir.resolve("file-link"), Path.of("plain.txt"));
        boolean fifo = new ProcessBuilder("mkfifo", dir.resolve("fifo").toString()).start().waitFor() == 0;
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            raw.send("TYPE I");
            assertThat(download(raw, "ways/plain.txt")).isEqualTo("plain");
            assertThat(download(raw, "ways/real/deep/file.txt")).isEqualTo("deep");
            assertThat(download(raw, "ways/dir-link/deep/file.txt")).isEqualTo("deep");
            assertThat(download(raw, "ways/file-link")).isEqualTo("plain");
            assertThat(download(raw, "ways/missing.txt")).startsWith("550").endsWith("No such file or directory.");
            assertThat(download(raw, "ways/missing/file.txt")).startsWith("550").endsWith("No such file or directory.");
            assertThat(download(raw, "ways/plain.txt/below")).startsWith("550").endsWith("No such file or directory.");
            assertThat(download(raw, "ways/real")).startsWith("550").endsWith("Is a directory.");
            assertThat(download(raw, "ways/dir-link")).startsWith("550").endsWith("Is a directory.");
            assertThat(download(raw, "/")).startsWith("550").endsWith("Is a directory.");

            assertThat(upload(raw, "STOR", "ways/dir-link/deep/new.txt")).isEqualTo(226);
            assertThat(dir.resolve("real/deep/new.txt")).hasContent("pwned");
            assertThat(upload(raw, "STOR", "ways/real/fresh.txt")).isEqualTo(226);
            assertThat(dir.resolve("real/fresh.txt")).hasContent("pwned");
            assertThat(upload(raw, "STOR", "ways/file-link")).isEqualTo(550); // a link is not a regular file
            assertThat(dir.resolve("plain.txt")).hasContent("plain");
            assertThat(upload(raw, "STOR", "ways/real")).isEqualTo(550);
            assertThat(upload(raw, "STOR", "ways/missing/new.txt")).isEqualTo(550);
            assertThat(upload(raw, "APPE", "ways/plain.txt")).isEqualTo(226);
            assertThat(dir.resolve("plain.txt")).hasContent("plainpwned");
            if (fifo) {
                // Never opened (that would block): refused by its type, read relative to the directory.
                assertThat(download(raw, "ways/fifo")).startsWith("550").endsWith("No such file or directory.");
                assertThat(upload(raw, "STOR", "ways/fifo")).isEqualTo(550);
            }
            assertThat(raw.send("NOOP").code()).isEqualTo(200);
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(fifo, "mkfifo (coreutils) is missing: the FIFO cases did not run");
    }

    /** Tries an upload; returns the final reply code (550 when refused up front). */
    private static int upload(RawFtp raw, String verb, String target) throws Exception {
        Socket data = raw.pasv();
        Reply r = raw.send(verb + " " + target);
        if (r.code() != 150) {
            data.close();
            return r.code();
        }
        try (OutputStream out = data.getOutputStream()) {
            out.write("pwned".getBytes());
        }
        return raw.read().code();
    }

    @Test
    void uploadsThroughLinksThatLeadOutCreateNothingOutside() throws Exception {
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            raw.send("TYPE I");
            for (String target : List.of("dangling-out", "abs-link-out/new.txt", "rel-link-out/new.txt", "etc-link/evil.conf",
                    "file-link-out")) {
                for (String verb : List.of("STOR", "APPE", "STOU")) {
                    assertThat(upload(raw, verb, target)).as(verb + " " + target).isEqualTo(550);
                }
                assertThat(raw.send("MKD " + target + "/dir").code()).as(target).isEqualTo(550);
            }
            // Folded inside the home: allowed, and lands inside.
            assertThat(upload(raw, "STOR", "../outside/new.txt")).isEqualTo(550); // no /outside in the home
            assertThat(upload(raw, "STOR", "../escaped.txt")).isEqualTo(226);
            assertThat(home.resolve("escaped.txt")).hasContent("pwned");
        }
        assertThat(outside.resolve("not-yet.txt")).doesNotExist();
        assertThat(outside.resolve("new.txt")).doesNotExist();
        assertThat(data.resolve("home/escaped.txt")).doesNotExist();
        try (Stream<Path> all = Files.list(outside)) {
            assertThat(all.map(p -> p.getFileName().toString())).containsExactly("secret.txt");
        }
        assertThat(Path.of("/etc/evil.conf")).doesNotExist();
    }

    @Test
    void deletingALinkThatLeadsOutNeverTouchesItsTarget() throws Exception {
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            assertThat(raw.send("DELE file-link-out").code()).isEqualTo(550);
            assertThat(raw.send("RMD abs-link-out").code()).isEqualTo(550);
        }
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("OUTSIDE SECRET");
    }

    @Test
    void renamesCannotMoveThingsOutOrLinksIn() throws Exception {
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            assertThat(raw.send("RNFR mine.txt").code()).isEqualTo(350);
            // "../x" folds to "/x" inside the home: allowed, and stays inside.
            assertThat(raw.send("RNTO ../../moved.txt").code()).isEqualTo(250);
            assertThat(home.resolve("moved.txt")).exists();
            assertThat(raw.send("RNFR moved.txt").code()).isEqualTo(350);
            assertThat(raw.send("RNTO abs-link-out/stolen.txt").code()).isEqualTo(550);
            assertThat(raw.send("RNFR abs-link-out/secret.txt").code()).isEqualTo(550);
            assertThat(raw.send("RNFR moved.txt").code()).isEqualTo(350);
            assertThat(raw.send("RNTO mine.txt").code()).isEqualTo(250);
        }
        assertThat(outside.resolve("stolen.txt")).doesNotExist();
    }

    @Test
    void nulBytesAndOverlongNamesAreRefused() throws Exception {
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            raw.writeBytes("SIZE mine.txt\0../../outside/secret.txt\r\n".getBytes(StandardCharsets.UTF_8));
            assertThat(raw.read().code()).isEqualTo(550);
            String longName = "n".repeat(256);
            assertThat(raw.send("MKD " + longName).code()).isEqualTo(550);
            String longPath = ("d".repeat(200) + "/").repeat(25);
            assertThat(raw.send("CWD " + longPath).code()).isEqualTo(550);
            assertThat(raw.send("NOOP").code()).isEqualTo(200);
        }
    }

    @Test
    void percentEncodingIsJustCharacters() throws Exception {
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            assertThat(raw.send("SIZE %2e%2e/outside/secret.txt").code()).isEqualTo(550);
            assertThat(raw.send("MKD %2e%2e").code()).isEqualTo(257);
        }
        assertThat(home.resolve("%2e%2e")).isDirectory();
    }
}
