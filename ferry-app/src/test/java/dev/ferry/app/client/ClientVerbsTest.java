package dev.ferry.app.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.app.ExitCodes;
import dev.ferry.app.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every client verb, in-process through the picocli tree, against the real server. */
class ClientVerbsTest {

    @TempDir
    static Path data;
    static TestServer server;
    static Path home;
    static String base;

    @TempDir
    Path local;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(data, java.util.Map.<dev.ferry.core.config.Setting<?>, String>of(
                dev.ferry.core.config.Settings.SFTP_PORT, "0"));
        home = server.addUser("carol", "carol-password-1");
        base = "ftp://carol:carol-password-1@127.0.0.1:" + server.ftpPort();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void cleanHome() throws Exception {
        try (var s = Files.walk(home)) {
            s.sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(home)).forEach(p -> p.toFile().delete());
        }
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static void assertNoEscapes(ClientRun r) {
        assertThat(r.err()).as("no control characters off a terminal").doesNotContain("\u001b").doesNotContain("\r");
        assertThat(r.out()).doesNotContain("\u001b");
    }

    @Test
    void lsShowsFilesAndDirectories() throws Exception {
        Files.write(home.resolve("a.txt"), "hello".getBytes(StandardCharsets.UTF_8));
        Files.createDirectories(home.resolve("sub"));
        ClientRun r = ClientRun.of("ls", base + "/");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).containsPattern("(?m)^-\\s+5 .* a\\.txt$").containsPattern("(?m)^d\\s+0 .* sub/$");
        ClientRun names = ClientRun.of("ls", "-1", base + "/");
        assertThat(names.out().lines().toList()).containsExactly("a.txt", "sub");
        assertNoEscapes(r);
    }

    @Test
    void getDownloadsAndSaysSoInPlainLines() throws Exception {
        byte[] content = random(1_500_000, 1);
        Files.write(home.resolve("big.bin"), content);
        Path target = local.resolve("copy.bin");
        ClientRun r = ClientRun.of("get", base + "/big.bin", target.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
        assertThat(r.err()).contains("get big.bin: 1.4 MiB").contains("get big.bin: done, 1.4 MiB in");
        assertNoEscapes(r);
        // into a directory: the remote name
        ClientRun intoDir = ClientRun.of("get", "-q", base + "/big.bin", local.toString());
        assertThat(intoDir.exit()).isZero();
        assertThat(intoDir.err()).isEmpty();
        assertThat(Files.readAllBytes(local.resolve("big.bin"))).isEqualTo(content);
    }

    @Test
    void getContinueResumesAndVerifies() throws Exception {
        byte[] content = random(2_000_000, 2);
        Files.write(home.resolve("r.bin"), content);
        Path part = local.resolve("r.bin");
        Files.write(part, Arrays.copyOf(content, 700_000));
        ClientRun r = ClientRun.of("get", "-c", base + "/r.bin", part.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(Files.readAllBytes(part)).isEqualTo(content);
        assertThat(r.err()).contains("resuming at 684 KiB of 1.9 MiB").contains("verified sha256");
    }

    /** The same verbs over FTP and SFTP: both hash on the server (HASH and RANG; check-file-name). */
    private String[][] bothProtocols() {
        String knownHosts = local.resolve("known_hosts").toString();
        return new String[][] {{base}, {"sftp://carol:carol-password-1@127.0.0.1:" + server.sftpPort(), "--known-hosts", knownHosts}};
    }

    private static String[] args(String verb, String[] protocol, String... rest) {
        java.util.List<String> out = new java.util.ArrayList<>(java.util.List.of(verb));
        out.addAll(Arrays.asList(protocol).subList(1, protocol.length));
        out.addAll(Arrays.asList(rest));
        return out.toArray(String[]::new);
    }

    @Test
    void aResumedDownloadWhosePartialCopyIsNotTheStartOfTheFileStartsOverAndEndsVerified() throws Exception {
        byte[] content = random(500_000, 3);
        Files.write(home.resolve("x.bin"), content);
        for (String[] protocol : bothProtocols()) {
            Path part = local.resolve("x.bin");
            Files.write(part, random(100_000, 99)); // not a prefix of the remote file
            ClientRun r = ClientRun.of(args("get", protocol, "-c", protocol[0] + "/x.bin", part.toString()));
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(Files.readAllBytes(part)).isEqualTo(content);
            assertThat(r.err()).contains(part + " is not the start of /x.bin (its checksum differs); starting over")
                    .doesNotContain("resuming at");
            // A true prefix is extended, and the result verified.
            Files.write(part, Arrays.copyOf(content, 200_000));
            ClientRun good = ClientRun.of(args("get", protocol, "-c", protocol[0] + "/x.bin", part.toString()));
            assertThat(good.exit()).as(good.toString()).isZero();
            assertThat(Files.readAllBytes(part)).isEqualTo(content);
            assertThat(good.err()).contains("resuming at 195 KiB").contains("verified sha256").doesNotContain("starting over");
        }
    }

    @Test
    void aResumedUploadOverAServerPartialThatIsNotTheStartOfTheFileStartsOver() throws Exception {
        byte[] content = random(400_000, 8);
        Path file = local.resolve("u.bin");
        Files.write(file, content);
        for (String[] protocol : bothProtocols()) {
            Files.write(home.resolve("u.bin"), random(150_000, 98));
            ClientRun r = ClientRun.of(args("put", protocol, "-c", file.toString(), protocol[0] + "/u.bin"));
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(Files.readAllBytes(home.resolve("u.bin"))).isEqualTo(content);
            assertThat(r.err()).contains("/u.bin on the server is not the start of " + file + " (its checksum differs); starting over")
                    .doesNotContain("resuming at");
        }
    }

    @Test
    void sftpDownloadsAndUploadsAreVerifiedWithTheServersHash() throws Exception {
        String[] sftp = bothProtocols()[1];
        Files.write(home.resolve("v.bin"), random(300_000, 10));
        ClientRun get = ClientRun.of(args("get", sftp, "--verify", sftp[0] + "/v.bin", local.resolve("v.bin").toString()));
        assertThat(get.exit()).as(get.toString()).isZero();
        assertThat(get.err()).contains("verified sha256");
        ClientRun put = ClientRun.of(args("put", sftp, "--verify", local.resolve("v.bin").toString(), sftp[0] + "/w.bin"));
        assertThat(put.exit()).as(put.toString()).isZero();
        assertThat(put.err()).contains("verified sha256");
        assertThat(home.resolve("w.bin")).hasSameBinaryContentAs(home.resolve("v.bin"));
    }

    @Test
    void getContinueRefusesALocalFileLargerThanTheRemote() throws Exception {
        Files.write(home.resolve("s.bin"), random(1000, 4));
        Files.write(local.resolve("s.bin"), random(5000, 5));
        ClientRun r = ClientRun.of("get", "-c", base + "/s.bin", local.resolve("s.bin").toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.TRANSFER);
        assertThat(r.err()).contains("is larger than");
    }

    @Test
    void getVerifyWithoutResume() throws Exception {
        Files.write(home.resolve("v.bin"), random(64_000, 6));
        ClientRun r = ClientRun.of("get", "--verify", base + "/v.bin", local.resolve("v.bin").toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).contains("verified sha256");
    }

    @Test
    void putUploadsIntoADirectoryAndResumes() throws Exception {
        byte[] content = random(1_200_000, 7);
        Path file = local.resolve("up.bin");
        Files.write(file, content);
        Files.createDirectories(home.resolve("in"));
        ClientRun r = ClientRun.of("put", file.toString(), base + "/in/");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(Files.readAllBytes(home.resolve("in/up.bin"))).isEqualTo(content);
        // a partial upload on the server, then put -c
        Files.write(home.resolve("in/up.bin"), Arrays.copyOf(content, 300_000));
        ClientRun c = ClientRun.of("put", "-c", file.toString(), base + "/in/up.bin");
        assertThat(c.exit()).as(c.toString()).isZero();
        assertThat(Files.readAllBytes(home.resolve("in/up.bin"))).isEqualTo(content);
        assertThat(c.err()).contains("resuming at").contains("verified sha256");
        assertNoEscapes(c);
    }

    @Test
    void progressLinesArePeriodicAndPlain() throws Exception {
        Files.write(local.resolve("slow.bin"), random(2_600_000, 8));
        ClientRun r = ClientRun.of("put", "--progress=lines", "--limit-rate", "1MiB/s", local.resolve("slow.bin").toString(), base + "/slow.bin");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).containsPattern("put slow\\.bin: \\d+% .* of 2\\.5 MiB, .*/s, ETA \\d+:\\d\\d");
        assertNoEscapes(r);
    }

    @Test
    void aRefusedDownloadLeavesTheLocalFileAlone() throws Exception {
        dev.ferry.core.vfs.VirtualPath locked = dev.ferry.core.vfs.VirtualPath.of("/locked");
        Path daveHome = server.addUser("dave-" + System.nanoTime() % 100000, "dave-password-1", u -> new dev.ferry.core.user.User(
                u.name(), u.passwordHash(), u.home(), u.permissions().withOverride(locked,
                        java.util.EnumSet.of(dev.ferry.core.user.Permission.LIST)), u.limits(), false, u.expires()));
        Files.createDirectories(daveHome.resolve("locked"));
        Files.writeString(daveHome.resolve("locked/two.txt"), "server copy");
        Path mine = Files.writeString(local.resolve("two.txt"), "my precious local copy");
        String dave = "ftp://" + daveHome.getFileName() + ":dave-password-1@127.0.0.1:" + server.ftpPort();
        ClientRun r = ClientRun.of("get", dave + "/locked/two.txt", mine.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.REFUSED);
        assertThat(mine).hasContent("my precious local copy");
        ClientRun fresh = ClientRun.of("get", dave + "/locked/two.txt", local.resolve("never.txt").toString());
        assertThat(fresh.exit()).isEqualTo(ExitCodes.REFUSED);
        assertThat(local.resolve("never.txt")).as("no empty file left behind").doesNotExist();
    }

    @Test
    void getIntoATrailingSlashWantsADirectoryAndADeviceIsATarget() throws Exception {
        Files.writeString(home.resolve("small.txt"), "small");
        ClientRun slash = ClientRun.of("get", base + "/small.txt", local.resolve("nodir") + "/");
        assertThat(slash.exit()).as(slash.toString()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(slash.err()).contains("no such local directory: " + local.resolve("nodir") + "/");
        assertThat(local.resolve("nodir")).doesNotExist();
        Files.createDirectories(local.resolve("dir"));
        assertThat(ClientRun.of("get", base + "/small.txt", local.resolve("dir") + "/").exit()).isZero();
        assertThat(local.resolve("dir/small.txt")).hasContent("small");
        ClientRun devNull = ClientRun.of("get", base + "/small.txt", "/dev/null");
        assertThat(devNull.exit()).as("a download can be tested into /dev/null: " + devNull).isZero();
    }

    @Test
    void anSftpHostKeyIsRememberedEvenWithoutASshDirectory() throws Exception {
        Path knownHosts = local.resolve("fresh-home/.ssh/known_hosts");
        String sftp = "sftp://carol:carol-password-1@127.0.0.1:" + server.sftpPort() + "/";
        java.io.ByteArrayOutputStream stderr = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.err;
        ClientRun first;
        System.setErr(new java.io.PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            first = ClientRun.of("ls", "--known-hosts", knownHosts.toString(), sftp);
        } finally {
            System.setErr(saved);
        }
        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("permanently added the").contains("127.0.0.1:" + server.sftpPort())
                .contains(knownHosts.toString());
        assertThat(knownHosts).exists();
        assertThat(Files.getPosixFilePermissions(knownHosts.getParent()))
                .containsExactlyInAnyOrderElementsOf(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.readString(knownHosts)).contains("[127.0.0.1]:" + server.sftpPort());
        // Now a different key for the same host is refused.
        Files.writeString(knownHosts, Files.readString(knownHosts).replaceAll("AAAA\\S+", "AAAAC3NzaC1lZDI1NTE5AAAAINLJf4DobDiw5jL0BybhQbkG1fUN84/qmMpDA+nJriNW"));
        ClientRun changed = ClientRun.of("ls", "--retries", "0", "--known-hosts", knownHosts.toString(), sftp);
        assertThat(changed.exit()).as(changed.toString()).isEqualTo(ExitCodes.CONNECTION);
    }

    @Test
    void aServerThatNeverSpeaksSshIsAConnectionFailureNotAWrongPassword() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 5, java.net.InetAddress.getByName("127.0.0.1"))) {
            Thread.ofVirtual().start(() -> {
                try (java.net.Socket s = silent.accept()) {
                    Thread.sleep(10_000); // accepts, and says nothing
                } catch (Exception ignored) {
                    // the test is over
                }
            });
            ClientRun r = ClientRun.of("ls", "--retries", "0", "--timeout", "2s", "--known-hosts", local.resolve("kh").toString(),
                    "sftp://carol:carol-password-1@127.0.0.1:" + silent.getLocalPort() + "/");
            assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.CONNECTION);
            assertThat(r.err()).doesNotContain("refused").contains("SSH");
        }
    }

    @Test
    void rmRefusesTheTopOfTheAccount() throws Exception {
        Files.createDirectories(home.resolve("keep/deeper"));
        Files.writeString(home.resolve("keep/deeper/file.txt"), "keep me");
        for (String top : new String[] {base + "/", base, base + "//", base + "/./", base + "/keep/..", base + "/./."}) {
            ClientRun r = ClientRun.of("rm", "-r", top);
            assertThat(r.exit()).as(top + ": " + r).isEqualTo(ExitCodes.REFUSED);
            assertThat(r.err()).contains("refusing to remove");
        }
        assertThat(home.resolve("keep/deeper/file.txt")).hasContent("keep me");
        assertThat(ClientRun.of("rm", "-r", base + "/keep").exit()).isZero();
        assertThat(home.resolve("keep")).doesNotExist();
    }

    @Test
    void missingThingsAndBadLoginsHaveTheirExitCodes() throws Exception {
        assertThat(ClientRun.of("get", base + "/nope", local.resolve("n").toString()).exit()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(ClientRun.of("ls", base + "/nope/").exit()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(ClientRun.of("shell", base + "/nope/").exit()).as("as ls says it").isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(ClientRun.of("put", local.resolve("absent").toString(), base + "/").exit()).isEqualTo(ExitCodes.NOT_FOUND);
        ClientRun auth = ClientRun.of("ls", "ftp://carol:wrong@127.0.0.1:" + server.ftpPort() + "/");
        assertThat(auth.exit()).isEqualTo(ExitCodes.AUTH);
        assertThat(auth.err().lines().count()).as("one clear line").isEqualTo(1);
        assertThat(auth.err()).startsWith("ferry: login as carol refused: 530");
        ClientRun usage = ClientRun.of("ls", "http://example/");
        assertThat(usage.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(usage.err()).contains("unsupported scheme 'http'");
        assertThat(ClientRun.of("get", "--retries", "0", "ftp://u:p@127.0.0.1:1/x").exit()).isEqualTo(ExitCodes.CONNECTION);
        // In a user's words, over either protocol: no library class names.
        for (String url : new String[] {"ftp://u:p@127.0.0.1:1/", "sftp://u:p@127.0.0.1:1/"}) {
            ClientRun refused = ClientRun.of("ls", "--retries", "0", url);
            assertThat(refused.exit()).as(refused.toString()).isEqualTo(ExitCodes.CONNECTION);
            assertThat(refused.err()).as(url).contains("connection refused").doesNotContain("Exception").doesNotContain("Future");
        }
        ClientRun unknown = ClientRun.of("ls", "--retries", "0", "sftp://u:p@no-such-host.invalid:22/");
        assertThat(unknown.err()).contains("unknown host").doesNotContain("Exception");
    }

    @Test
    void netrcSuppliesThePassword() throws Exception {
        Path netrc = local.resolve("netrc");
        Files.writeString(netrc, "machine 127.0.0.1 login carol password carol-password-1\n");
        Files.write(home.resolve("n.txt"), "x".getBytes(StandardCharsets.UTF_8));
        ClientRun r = ClientRun.of("ls", "-1", "--netrc-file", netrc.toString(), "ftp://127.0.0.1:" + server.ftpPort() + "/");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("n.txt");
    }

    @Test
    void mkdirRmAndMv() throws Exception {
        assertThat(ClientRun.of("mkdir", base + "/d1").exit()).isZero();
        assertThat(Files.isDirectory(home.resolve("d1"))).isTrue();
        assertThat(ClientRun.of("mkdir", base + "/d1").exit()).isEqualTo(ExitCodes.REFUSED);
        assertThat(ClientRun.of("mkdir", "-p", base + "/d1/d2/d3").exit()).isZero();
        assertThat(Files.isDirectory(home.resolve("d1/d2/d3"))).isTrue();

        Files.write(home.resolve("f.txt"), "f".getBytes(StandardCharsets.UTF_8));
        assertThat(ClientRun.of("mv", base + "/f.txt", "g.txt").exit()).isZero();
        assertThat(home.resolve("g.txt")).exists();
        assertThat(ClientRun.of("mv", base + "/g.txt", base + "/d1").exit()).isZero();
        assertThat(home.resolve("d1/g.txt")).exists();
        // Onto an existing file: refused over FTP and SFTP alike (an RNTO would have replaced it).
        Files.writeString(home.resolve("keep.txt"), "keep");
        Files.writeString(home.resolve("other.txt"), "other");
        String sftp = "sftp://carol:carol-password-1@127.0.0.1:" + server.sftpPort();
        String knownHosts = local.resolve("known_hosts").toString();
        for (String[] args : new String[][] {{"mv", base + "/other.txt", "keep.txt"},
                {"mv", "--known-hosts", knownHosts, sftp + "/other.txt", "keep.txt"}}) {
            ClientRun onto = ClientRun.of(args);
            assertThat(onto.exit()).as(onto.toString()).isEqualTo(ExitCodes.REFUSED);
            assertThat(onto.err()).contains("/keep.txt exists; remove it first to replace it");
        }
        assertThat(home.resolve("keep.txt")).hasContent("keep");
        assertThat(home.resolve("other.txt")).hasContent("other");

        ClientRun dir = ClientRun.of("rm", base + "/d1");
        assertThat(dir.exit()).isEqualTo(ExitCodes.REFUSED);
        assertThat(dir.err()).contains("use rm -r");
        assertThat(ClientRun.of("rm", base + "/d1/g.txt").exit()).isZero();
        assertThat(home.resolve("d1/g.txt")).doesNotExist();
        Files.write(home.resolve("d1/d2/h.txt"), "h".getBytes(StandardCharsets.UTF_8));
        assertThat(ClientRun.of("rm", "-r", base + "/d1").exit()).isZero();
        assertThat(home.resolve("d1")).doesNotExist();
        assertThat(ClientRun.of("rm", base + "/d1").exit()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    void aMirrorClashBetweenAFileAndADirectoryIsOneFailureAndTheRestIsCopied() throws Exception {
        Path tree = local.resolve("clash");
        Files.createDirectories(tree.resolve("conflict/deeper"));
        Files.writeString(tree.resolve("conflict/deeper/in.txt"), "in");
        Files.writeString(tree.resolve("one.txt"), "one");
        Files.createDirectories(home.resolve("site2"));
        Files.writeString(home.resolve("site2/conflict"), "a file where the tree has a directory");
        ClientRun up = ClientRun.of("mirror", tree.toString(), base + "/site2");
        assertThat(up.exit()).as(up.toString()).isEqualTo(ExitCodes.TRANSFER);
        assertThat(up.err()).contains("failed conflict: ").contains("nothing under it was copied");
        assertThat(home.resolve("site2/one.txt")).as("the rest is copied").hasContent("one");
        assertThat(home.resolve("site2/conflict")).hasContent("a file where the tree has a directory");
        // And the other way: a local file where the server has a directory.
        Path back = local.resolve("back2");
        Files.createDirectories(back);
        Files.writeString(back.resolve("conflict"), "local file");
        Files.createDirectories(home.resolve("site3/conflict"));
        Files.writeString(home.resolve("site3/conflict/x.txt"), "x");
        Files.writeString(home.resolve("site3/top.txt"), "top");
        ClientRun down = ClientRun.of("mirror", base + "/site3", back.toString());
        assertThat(down.exit()).as(down.toString()).isEqualTo(ExitCodes.TRANSFER);
        assertThat(back.resolve("top.txt")).hasContent("top");
        assertThat(back.resolve("conflict")).hasContent("local file");
    }

    @Test
    void mirrorDeleteRemovesWhatTheSourceLacksBothWaysAndOnlyAfterACleanRun() throws Exception {
        Path tree = local.resolve("src");
        Files.createDirectories(tree.resolve("keep"));
        Files.writeString(tree.resolve("keep/a.txt"), "a");
        Files.createDirectories(home.resolve("site/keep"));
        Files.createDirectories(home.resolve("site/gone/deeper"));
        Files.writeString(home.resolve("site/keep/old.txt"), "old");
        Files.writeString(home.resolve("site/gone/deeper/x.txt"), "x");
        Files.writeString(home.resolve("site/stale.txt"), "stale");
        ClientRun plain = ClientRun.of("mirror", tree.toString(), base + "/site");
        assertThat(plain.exit()).as(plain.toString()).isZero();
        assertThat(home.resolve("site/stale.txt")).as("nothing deleted without --delete").exists();
        ClientRun up = ClientRun.of("mirror", "--delete", tree.toString(), base + "/site");
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(up.err()).contains("deleted stale.txt").contains("deleted gone/deeper/x.txt").contains("deleted gone/")
                .contains("deleted keep/old.txt").contains("mirror: 0 copied, 1 unchanged, 0 directories created, 5 deleted");
        try (var left = Files.walk(home.resolve("site"))) {
            assertThat(left.map(p -> home.resolve("site").relativize(p).toString()).sorted().toList())
                    .containsExactly("", "keep", "keep/a.txt");
        }

        // Downloading: an extra link goes (the link, never its target), and a directory holding
        // what mirror does not copy (a FIFO) is a failure, named.
        Path back = local.resolve("back");
        Files.createDirectories(back.resolve("extra"));
        Files.writeString(back.resolve("extra/e.txt"), "e");
        Files.createSymbolicLink(back.resolve("to-a"), tree.resolve("keep/a.txt"));
        Files.createDirectories(back.resolve("odd"));
        assertThat(new ProcessBuilder("mkfifo", back.resolve("odd/pipe").toString()).start().waitFor()).isZero();
        ClientRun down = ClientRun.of("mirror", "--delete", base + "/site", back.toString());
        assertThat(down.exit()).as(down.toString()).isEqualTo(ExitCodes.TRANSFER);
        assertThat(back.resolve("keep/a.txt")).hasContent("a");
        assertThat(back.resolve("extra")).doesNotExist();
        assertThat(back.resolve("to-a")).doesNotExist();
        assertThat(tree.resolve("keep/a.txt")).as("a link's target is never touched").hasContent("a");
        assertThat(back.resolve("odd/pipe")).exists();
        assertThat(down.err()).contains("failed odd/: cannot delete: not empty");

        // A run with a failure deletes nothing.
        Files.writeString(home.resolve("site/clash"), "a file where the tree has a directory");
        Files.createDirectories(tree.resolve("clash"));
        Files.writeString(tree.resolve("clash/in.txt"), "in");
        Files.createDirectories(home.resolve("site/also-gone"));
        ClientRun failed = ClientRun.of("mirror", "--delete", tree.toString(), base + "/site");
        assertThat(failed.exit()).as(failed.toString()).isEqualTo(ExitCodes.TRANSFER);
        assertThat(failed.err()).contains("not deleting anything: 1 failed");
        assertThat(home.resolve("site/also-gone")).exists();
    }

    @Test
    void mirrorBothWaysCopiesOnlyWhatChanged() throws Exception {
        Path tree = local.resolve("tree");
        Files.createDirectories(tree.resolve("a/b"));
        Files.write(tree.resolve("one.txt"), "one".getBytes(StandardCharsets.UTF_8));
        Files.write(tree.resolve("a/two.bin"), random(200_000, 9));
        Files.write(tree.resolve("a/b/three.txt"), "three".getBytes(StandardCharsets.UTF_8));
        Files.createDirectories(tree.resolve("empty"));

        ClientRun up = ClientRun.of("mirror", "-P", "3", tree.toString(), base + "/site");
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(up.err()).contains("mirror: 3 copied, 0 unchanged");
        assertThat(Files.readAllBytes(home.resolve("site/a/two.bin"))).isEqualTo(Files.readAllBytes(tree.resolve("a/two.bin")));
        assertThat(home.resolve("site/empty")).isDirectory();

        ClientRun again = ClientRun.of("mirror", tree.toString(), base + "/site");
        assertThat(again.err()).as(again.toString()).contains("mirror: 0 copied, 3 unchanged");

        Files.write(tree.resolve("one.txt"), "one, changed".getBytes(StandardCharsets.UTF_8));
        ClientRun changed = ClientRun.of("mirror", tree.toString(), base + "/site");
        assertThat(changed.err()).contains("mirror: 1 copied, 2 unchanged");
        assertThat(Files.readString(home.resolve("site/one.txt"))).isEqualTo("one, changed");

        Path back = local.resolve("back");
        ClientRun down = ClientRun.of("mirror", "-P", "2", base + "/site", back.toString());
        assertThat(down.exit()).as(down.toString()).isZero();
        assertThat(down.err()).contains("mirror: 3 copied");
        assertThat(Files.readString(back.resolve("a/b/three.txt"))).isEqualTo("three");
        assertThat(back.resolve("empty")).isDirectory();
        ClientRun downAgain = ClientRun.of("mirror", base + "/site", back.toString());
        assertThat(downAgain.err()).contains("mirror: 0 copied, 3 unchanged");

        // a remote change the size does not reveal is found by the time
        Files.write(home.resolve("site/a/b/three.txt"), "THREE".getBytes(StandardCharsets.UTF_8));
        Files.setLastModifiedTime(home.resolve("site/a/b/three.txt"), FileTime.from(Instant.now().plusSeconds(3600)));
        ClientRun byTime = ClientRun.of("mirror", base + "/site", back.toString());
        assertThat(byTime.err()).contains("mirror: 1 copied");
        assertThat(Files.readString(back.resolve("a/b/three.txt"))).isEqualTo("THREE");

        assertThat(ClientRun.of("mirror", tree.toString(), local.toString()).exit()).isEqualTo(ExitCodes.USAGE);
    }
}
