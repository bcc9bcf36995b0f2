package dev.ferry.app.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.app.testing.RawFtp;
import dev.ferry.app.testing.RawFtp.Reply;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** LIST, NLST, MLSD, MLST as clients parse them. */
class ListingTest extends FtpServerTest {

    static Path dir;

    @BeforeAll
    static void files() throws Exception {
        dir = Files.createDirectories(home.resolve("listing"));
        Files.write(dir.resolve("data.bin"), new byte[4096]);
        Files.writeString(dir.resolve("with space.txt"), "x");
        Files.writeString(dir.resolve("ünïcödé.txt"), "u");
        Files.createDirectories(dir.resolve("subdir"));
        Files.setLastModifiedTime(dir.resolve("data.bin"), FileTime.from(Instant.parse("2020-02-03T04:05:06Z")));
    }

    @Test
    void commonsNetParsesList() throws Exception {
        FTPClient c = login();
        FTPFile[] files = c.listFiles("/listing");
        Map<String, FTPFile> byName = Arrays.stream(files).collect(Collectors.toMap(FTPFile::getName, f -> f));
        assertThat(byName).containsOnlyKeys("data.bin", "with space.txt", "ünïcödé.txt", "subdir");
        assertThat(byName.get("data.bin").getSize()).isEqualTo(4096);
        assertThat(byName.get("data.bin").isFile()).isTrue();
        assertThat(byName.get("subdir").isDirectory()).isTrue();
        c.disconnect();
    }

    @Test
    void listAcceptsLsOptionsAndAFile() throws Exception {
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            Socket data = raw.pasv();
            assertThat(raw.send("LIST -la /listing").code()).isEqualTo(150);
            String listing = new String(RawFtp.drain(data), StandardCharsets.UTF_8);
            assertThat(raw.read().code()).isEqualTo(226);
            assertThat(listing).contains("data.bin").contains("with space.txt").endsWith("\r\n");
            assertThat(listing.lines()).allSatisfy(l -> assertThat(l).matches("[-d][-rwxsStT]{9} .*"));

            Socket data2 = raw.pasv();
            assertThat(raw.send("LIST /listing/data.bin").code()).isEqualTo(150);
            String one = new String(RawFtp.drain(data2), StandardCharsets.UTF_8);
            assertThat(raw.read().code()).isEqualTo(226);
            assertThat(one.lines().toList()).hasSize(1);
            assertThat(one).contains(" 4096 Feb  3  2020 data.bin");
        }
    }

    @Test
    void nlstGivesBareNames() throws Exception {
        FTPClient c = login();
        assertThat(c.listNames("/listing")).containsExactlyInAnyOrder("data.bin", "with space.txt", "ünïcödé.txt", "subdir");
        c.disconnect();
    }

    @Test
    void listAndNlstExpandAPatternInTheLastName() throws Exception {
        Path g = Files.createDirectories(home.resolve("globbed"));
        for (String n : List.of("a.log", "b.log", "c.txt", ".hidden.log", "[x].txt", "ab1.bin", "ab2.bin", "abc.bin")) {
            Files.writeString(g.resolve(n), n);
        }
        FTPClient c = login();
        assertThat(c.listNames("/globbed/*.log")).as("the directory as spelled, for mget's RETRs")
                .containsExactlyInAnyOrder("/globbed/a.log", "/globbed/b.log");
        assertThat(c.changeWorkingDirectory("/globbed")).isTrue();
        assertThat(c.listNames("*.log")).containsExactlyInAnyOrder("a.log", "b.log");
        assertThat(c.listNames(".*.log")).containsExactly(".hidden.log");
        assertThat(c.listNames("ab?.bin")).containsExactlyInAnyOrder("ab1.bin", "ab2.bin", "abc.bin");
        assertThat(c.listNames("ab[0-9].bin")).containsExactlyInAnyOrder("ab1.bin", "ab2.bin");
        assertThat(c.listNames("ab[!0-9].bin")).containsExactly("abc.bin");
        assertThat(c.listNames("[x].txt")).as("a name that exists is itself, not a pattern").containsExactly("[x].txt");
        FTPFile[] txt = c.listFiles("?.txt");
        assertThat(txt).extracting(FTPFile::getName).containsExactly("c.txt");
        assertThat(c.listNames("*.none")).isNull();
        assertThat(c.getReplyCode()).isEqualTo(550);
        assertThat(c.getReplyString()).contains("*.none: no file matches.");
        c.disconnect();
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            raw.pasv();
            assertThat(raw.send("MLSD /globbed/*").code()).as("MLSD takes a directory, never a pattern").isEqualTo(550);
        }
    }

    @Test
    void mlsdFactsAreExact() throws Exception {
        FTPClient c = login();
        Map<String, FTPFile> byName = Arrays.stream(c.mlistDir("/listing"))
                .collect(Collectors.toMap(FTPFile::getName, f -> f));
        assertThat(byName).containsKeys("data.bin", "subdir", "with space.txt", "ünïcödé.txt");
        FTPFile f = byName.get("data.bin");
        assertThat(f.getSize()).isEqualTo(4096);
        assertThat(f.getTimestamp().toInstant()).isEqualTo(Instant.parse("2020-02-03T04:05:06Z"));
        assertThat(f.getRawListing()).contains("type=file;").contains("unique=").contains("UNIX.mode=0").contains("perm=");
        assertThat(byName.get("subdir").getRawListing()).startsWith("type=dir;");
        c.disconnect();
    }

    @Test
    void mlstOnTheControlConnection() throws Exception {
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            Reply r = raw.send("MLST /listing/data.bin");
            assertThat(r.code()).isEqualTo(250);
            assertThat(r.lines()).hasSize(3);
            assertThat(r.lines().get(1)).startsWith(" type=file;size=4096;modify=20200203040506;")
                    .endsWith(" /listing/data.bin");
            assertThat(raw.send("MLST /nope").code()).isEqualTo(550);
            raw.pasv().close();
            assertThat(raw.send("MLSD /listing/data.bin").code()).isEqualTo(501);
        }
    }

    @Test
    void listOfAMissingPathIs550() throws Exception {
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            raw.pasv().close();
            assertThat(raw.send("LIST /no/such/dir").code()).isEqualTo(550);
            raw.pasv().close();
            assertThat(raw.send("NLST /no/such/dir").code()).isEqualTo(550);
        }
    }

    @Test
    void aLargeDirectoryStreams() throws Exception {
        Path big = Files.createDirectories(home.resolve("big-dir"));
        for (int i = 0; i < 5000; i++) {
            Files.writeString(big.resolve(String.format("file-%05d.txt", i)), "");
        }
        java.util.Set<String> expected;
        try (var names = Files.list(big)) {
            expected = names.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
        FTPClient c = login();
        String[] listed = c.listNames("/big-dir");
        assertThat(listed).hasSize(5000).doesNotHaveDuplicates();
        assertThat(java.util.Set.of(listed)).isEqualTo(expected);
        FTPFile[] facts = c.mlistDir("/big-dir");
        assertThat(Arrays.stream(facts).map(FTPFile::getName).collect(Collectors.toSet())).hasSize(5000).isEqualTo(expected);
        c.disconnect();
    }

    @Test
    void aLargeListingTheClientCutsOffLeavesTheSessionWorking() throws Exception {
        Path cut = Files.createDirectories(home.resolve("cut-dir"));
        for (int i = 0; i < 3000; i++) {
            Files.writeString(cut.resolve("entry-with-a-longish-name-" + i), "");
        }
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            Socket data = raw.pasv();
            assertThat(raw.send("MLSD /cut-dir").code()).isEqualTo(150);
            assertThat(data.getInputStream().read(new byte[100])).isPositive();
            data.close();
            // 426 when the server was still sending; 226 when all of it was in the socket buffers already.
            assertThat(raw.read().code()).isIn(226, 426);
            assertThat(raw.send("NOOP").code()).isEqualTo(200);
            Socket again = raw.pasv();
            assertThat(raw.send("NLST /cut-dir").code()).isEqualTo(150);
            String names = new String(again.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            again.close();
            assertThat(raw.read().code()).isEqualTo(226);
            assertThat(names.split("\r\n")).hasSize(3000);
        }
    }
}
