package dev.ferry.app.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.app.testing.LogCapture;
import dev.ferry.app.testing.SshClients;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClient.Attributes;
import org.apache.sshd.sftp.client.SftpClient.CloseableHandle;
import org.apache.sshd.sftp.client.SftpClient.DirEntry;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHFsyncExtension;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHLimitsExtension;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHLimitsExtensionInfo;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHPosixRenameExtension;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHStatExtensionInfo;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHStatPathExtension;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.junit.jupiter.api.Test;

/** The SFTP requests through the real server with MINA's client: every byte and every reply. */
class SftpFileOperationsTest extends SftpServerTest {

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void uploadAndDownloadRoundTrip() throws Exception {
        byte[] data = random(1_500_000, 1);
        try (SftpClient c = sftp()) {
            try (OutputStream out = c.write("round.bin")) {
                out.write(data);
            }
            assertThat(Files.readAllBytes(home.resolve("round.bin"))).isEqualTo(data);
            try (InputStream in = c.read("round.bin")) {
                assertThat(in.readAllBytes()).isEqualTo(data);
            }
            assertThat(c.stat("round.bin").getSize()).isEqualTo(data.length);
        }
    }

    @Test
    void aBackslashIsPartOfANameNotASeparator() throws Exception {
        Files.createDirectories(home.resolve("reports"));
        try (SftpClient c = sftp()) {
            try (OutputStream out = c.write("reports/q1.txt")) {
                out.write("real".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            try (OutputStream out = c.write("reports\\q1.txt")) { // a Windows-made name, as OpenSSH keeps it
                out.write("other".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            c.remove("reports\\q1.txt");
            try (InputStream in = c.read("reports/q1.txt")) {
                assertThat(in.readAllBytes()).asString(java.nio.charset.StandardCharsets.UTF_8).isEqualTo("real");
            }
        }
        assertThat(home.resolve("reports/q1.txt")).hasContent("real");
        assertThat(home.resolve("reports\\q1.txt")).doesNotExist();
    }

    @Test
    void aTruncatingOpenOverAFileEmptiesItAtOnceKeepingItsModeAndAHardLinkSeesTheRewrite() throws Exception {
        java.nio.file.Path plain = Files.write(home.resolve("over.bin"), random(200_000, 5));
        Files.setPosixFilePermissions(plain, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        java.nio.file.Path linked = Files.write(home.resolve("linked.bin"), random(200_000, 6));
        java.nio.file.Path other = Files.createLink(home.resolve("linked-too.bin"), linked);
        try (SftpClient c = sftp()) {
            try (CloseableHandle h = c.open("over.bin", EnumSet.of(OpenMode.Write, OpenMode.Create, OpenMode.Truncate))) {
                assertThat(Files.size(plain)).isZero(); // emptied at the open, before any write
            }
            assertThat(Files.size(plain)).isZero();
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(plain))).isEqualTo("rw-------");
            try (OutputStream out = c.write("linked.bin")) { // Write | Create | Truncate
                out.write("both names".getBytes());
            }
        }
        assertThat(Files.readString(linked)).isEqualTo("both names");
        assertThat(Files.readString(other)).isEqualTo("both names");
    }

    @Test
    void oneReadReturnsUpTo255KiBAsTheLimitsExtensionSays() throws Exception {
        Files.write(home.resolve("big-read.bin"), random(1_000_000, 2));
        try (SftpClient c = sftp()) {
            OpenSSHLimitsExtensionInfo limits = c.getExtension(OpenSSHLimitsExtension.class).limits();
            assertThat(limits.maxReadLength).isEqualTo(255 * 1024);
            assertThat(limits.maxWriteLength).isEqualTo(255 * 1024);
            assertThat(limits.maxPacketLength).isEqualTo(256 * 1024);
            try (CloseableHandle h = c.open("big-read.bin", OpenMode.Read)) {
                byte[] buf = new byte[300 * 1024];
                int n = c.read(h, 0, buf, 0, buf.length);
                assertThat(n).isEqualTo(255 * 1024);
            }
        }
    }

    @Test
    void resumeByOffsetAndAppend() throws Exception {
        byte[] data = random(600_000, 3);
        Files.write(home.resolve("resume.bin"), java.util.Arrays.copyOf(data, 250_000));
        try (SftpClient c = sftp()) {
            try (CloseableHandle h = c.open("resume.bin", OpenMode.Write)) {
                c.write(h, 250_000, data, 250_000, data.length - 250_000);
            }
            assertThat(Files.readAllBytes(home.resolve("resume.bin"))).isEqualTo(data);
            try (CloseableHandle h = c.open("resume.bin", OpenMode.Read)) {
                byte[] tail = new byte[1000];
                assertThat(c.read(h, 599_000, tail, 0, 1000)).isEqualTo(1000);
                assertThat(tail).isEqualTo(java.util.Arrays.copyOfRange(data, 599_000, 600_000));
                assertThat(c.read(h, 600_000, tail, 0, 1000)).isEqualTo(-1);
                // Far past the end, up to the largest offset there is: end of file too, and the
                // handle still reads.
                assertThat(c.read(h, Long.MAX_VALUE - 10, tail, 0, 1000)).isEqualTo(-1);
                assertThat(c.read(h, 1L << 62, tail, 0, 1000)).isEqualTo(-1);
                assertThat(c.read(h, 599_000, tail, 0, 1000)).isEqualTo(1000);
            }
            try (CloseableHandle h = c.open("resume.bin", OpenMode.Write, OpenMode.Append)) {
                c.write(h, 0, "end".getBytes());
            }
            assertThat(Files.size(home.resolve("resume.bin"))).isEqualTo(600_003);
        }
    }

    @Test
    void directoriesListingAndRemoval() throws Exception {
        try (SftpClient c = sftp()) {
            c.mkdir("dir");
            c.mkdir("dir/sub");
            try (OutputStream out = c.write("dir/a.txt")) {
                out.write("hello".getBytes());
            }
            List<String> names = new ArrayList<>();
            Attributes aAttrs = null;
            for (DirEntry e : c.readDir("dir")) {
                names.add(e.getFilename());
                if (e.getFilename().equals("a.txt")) {
                    aAttrs = e.getAttributes();
                    assertThat(e.getLongFilename()).startsWith("-rw").contains(" 5 ").endsWith(" a.txt");
                }
            }
            assertThat(names).containsExactlyInAnyOrder("a.txt", "sub");
            assertThat(aAttrs.getSize()).isEqualTo(5);
            assertThat(c.stat("dir/sub").isDirectory()).isTrue();
            assertThatThrownBy(() -> c.rmdir("dir")).isInstanceOf(SftpException.class)
                    .satisfies(e -> assertThat(((SftpException) e).getStatus()).isEqualTo(SftpConstants.SSH_FX_FAILURE));
            c.remove("dir/a.txt");
            c.rmdir("dir/sub");
            c.rmdir("dir");
            assertThat(Files.exists(home.resolve("dir"))).isFalse();
            assertThatThrownBy(() -> c.stat("dir")).isInstanceOf(SftpException.class)
                    .satisfies(e -> assertThat(((SftpException) e).getStatus()).isEqualTo(SftpConstants.SSH_FX_NO_SUCH_FILE));
        }
    }

    @Test
    void renameKeepsAnExistingTargetUnlessPosixRename() throws Exception {
        Files.writeString(home.resolve("r1.txt"), "one");
        Files.writeString(home.resolve("r2.txt"), "two");
        try (SftpClient c = sftp()) {
            assertThatThrownBy(() -> c.rename("r1.txt", "r2.txt")).isInstanceOf(SftpException.class);
            assertThat(Files.readString(home.resolve("r2.txt"))).isEqualTo("two");
            c.getExtension(OpenSSHPosixRenameExtension.class).posixRename("r1.txt", "r2.txt");
            assertThat(Files.readString(home.resolve("r2.txt"))).isEqualTo("one");
            c.rename("r2.txt", "r3.txt");
            assertThat(Files.readString(home.resolve("r3.txt"))).isEqualTo("one");
        }
    }

    @Test
    void setstatSetsTheModificationTimeAndTruncates() throws Exception {
        Files.writeString(home.resolve("times.txt"), "0123456789");
        Instant when = Instant.parse("2020-05-06T07:08:09Z");
        try (SftpClient c = sftp()) {
            Attributes a = new Attributes();
            a.setModifyTime(FileTime.from(when));
            a.setAccessTime(FileTime.from(when));
            c.setStat("times.txt", a);
            assertThat(Files.getLastModifiedTime(home.resolve("times.txt")).toInstant()).isEqualTo(when);
            assertThat(c.stat("times.txt").getModifyTime().toInstant()).isEqualTo(when);
            Attributes size = new Attributes();
            size.setSize(4);
            c.setStat("times.txt", size);
            assertThat(Files.readString(home.resolve("times.txt"))).isEqualTo("0123");
            // A size above 2^63-1 (a negative long on the wire) is refused as malformed, by path
            // and through an open handle, and changes nothing.
            Attributes huge = new Attributes();
            huge.setSize(-1);
            assertThatThrownBy(() -> c.setStat("times.txt", huge)).isInstanceOf(SftpException.class)
                    .satisfies(x -> assertThat(((SftpException) x).getStatus()).isEqualTo(SftpConstants.SSH_FX_BAD_MESSAGE));
            try (CloseableHandle h = c.open("times.txt", OpenMode.Write)) {
                assertThatThrownBy(() -> c.setStat(h, huge)).isInstanceOf(SftpException.class)
                        .satisfies(x -> assertThat(((SftpException) x).getStatus()).isEqualTo(SftpConstants.SSH_FX_BAD_MESSAGE));
            }
            assertThat(Files.readString(home.resolve("times.txt"))).isEqualTo("0123");
            assertThat(c.stat("times.txt").getSize()).isEqualTo(4);
        }
    }

    @Test
    void scpKeepsTheTimesItIsGivenAndRefusesATimeBefore1970() throws Exception {
        try (var s = ssh.password(USER, PASSWORD)) {
            byte[] kept = "T1000000000 0 1000000000 0\nC0644 1 kept.txt\nx\0".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            SshClients.Exec ok = SshClients.exec(s, "scp -pt .", kept);
            assertThat(ok.exit()).isZero();
            assertThat(Files.getLastModifiedTime(home.resolve("kept.txt")).toInstant()).isEqualTo(Instant.ofEpochSecond(1_000_000_000));
            byte[] early = "T-1 0 -1 0\nC0644 1 early.txt\nx\0".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            SshClients.Exec refused = SshClients.exec(s, "scp -pt .", early);
            assertThat(refused.exit()).isNotZero();
            assertThat(refused.out()).contains("bad T line");
        }
        assertThat(home.resolve("early.txt")).doesNotExist();
    }

    @Test
    void scpSendsATreeOnceEvenWithALinkBackIntoIt() throws Exception {
        java.nio.file.Path tree = Files.createDirectories(home.resolve("looped/inner"));
        Files.writeString(tree.resolve("a.txt"), "a");
        Files.createSymbolicLink(tree.resolve("back-up"), java.nio.file.Path.of(".."));
        Files.createSymbolicLink(tree.resolve("self"), java.nio.file.Path.of("."));
        try (var s = ssh.password(USER, PASSWORD)) {
            byte[] acks = new byte[400]; // every answer "ok", far more than one pass through the tree needs
            SshClients.Exec r = SshClients.exec(s, "scp -rf looped", acks);
            String out = r.out();
            assertThat(out.split("\n")).filteredOn(l -> l.startsWith("D")).as(out)
                    .containsExactly("D0755 0 looped", "D0755 0 inner");
            assertThat(out).contains("C0644 1 a.txt")
                    .contains("scp: /looped/inner/back-up: a link to a directory it is inside; not followed")
                    .contains("scp: /looped/inner/self: a link to a directory it is inside; not followed");
            assertThat(r.exit()).as("the skipped links make it a partial copy").isEqualTo(1);
        }
    }

    @Test
    void namesThatAreNotUtf8AreRefusedNotMerged() throws Exception {
        try (var s = ssh.password(USER, PASSWORD)) {
            byte[] latin1 = {'C', '0', '6', '4', '4', ' ', '1', ' ', 'c', 'a', 'f', (byte) 0xe9, '\n', 'x', 0};
            SshClients.Exec r = SshClients.exec(s, "scp -t .", latin1);
            assertThat(r.exit()).isNotZero();
            assertThat(r.out()).contains("not valid UTF-8");
        }
        try (var names = Files.list(home)) {
            assertThat(names.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("caf"));
        }
    }

    @Test
    void scpFromSkipsANameWithALineBreakAndSendsTheRest() throws Exception {
        java.nio.file.Path tree = Files.createDirectories(home.resolve("lf-tree"));
        Files.writeString(tree.resolve("new\nline.txt"), "n");
        Files.writeString(tree.resolve("plain.txt"), "p");
        try (var s = ssh.password(USER, PASSWORD)) {
            SshClients.Exec r = SshClients.exec(s, "scp -rf lf-tree", new byte[100]);
            assertThat(r.out()).contains("C0644 1 plain.txt").contains("a name holding a line break; not sent")
                    .doesNotContain("C0644 1 new");
        }
    }

    @Test
    void modesAreSetByChmodAndScpPButTheOwnerKeepsReadAndWrite() throws Exception {
        Files.writeString(home.resolve("script.sh"), "#!/bin/sh\n");
        try (SftpClient c = sftp()) {
            Attributes exec = new Attributes();
            exec.setPermissions(0750);
            c.setStat("script.sh", exec);
            assertThat(modeOf(home.resolve("script.sh"))).isEqualTo("rwxr-x---");
            assertThat(c.stat("script.sh").getPermissions() & 0777).isEqualTo(0750);
            Attributes none = new Attributes();
            none.setPermissions(04000); // set-uid and no access at all
            c.setStat("script.sh", none);
            assertThat(modeOf(home.resolve("script.sh"))).as("the owner keeps rw; no set-id bit").isEqualTo("rw-------");
        }
        try (var s = ssh.password(USER, PASSWORD)) {
            byte[] upload = "C0700 1 private.txt\nx\0".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(SshClients.exec(s, "scp -pt .", upload).exit()).isZero();
        }
        assertThat(modeOf(home.resolve("private.txt"))).isEqualTo("rwx------");
    }

    /** SSH_FXP_OPEN as OpenSSH's put sends it: WRITE|CREAT|TRUNC with the local file's mode. */
    static void openWithMode(SftpClient c, String path, int mode) throws Exception {
        org.apache.sshd.sftp.client.RawSftpClient raw = (org.apache.sshd.sftp.client.RawSftpClient) c;
        org.apache.sshd.common.util.buffer.Buffer b = new org.apache.sshd.common.util.buffer.ByteArrayBuffer();
        b.putString(path);
        b.putUInt(SftpConstants.SSH_FXF_WRITE | SftpConstants.SSH_FXF_CREAT | SftpConstants.SSH_FXF_TRUNC);
        b.putUInt(SftpConstants.SSH_FILEXFER_ATTR_PERMISSIONS);
        b.putUInt(mode);
        int id = raw.send(SftpConstants.SSH_FXP_OPEN, b);
        var r = org.apache.sshd.sftp.client.impl.SftpResponse.parse(SftpConstants.SSH_FXP_OPEN, raw.receive(id));
        assertThat(r.getType()).isEqualTo(SftpConstants.SSH_FXP_HANDLE);
        byte[] handle = r.getBuffer().getBytes();
        org.apache.sshd.common.util.buffer.Buffer close = new org.apache.sshd.common.util.buffer.ByteArrayBuffer();
        close.putBytes(handle);
        raw.receive(raw.send(SftpConstants.SSH_FXP_CLOSE, close));
    }

    @Test
    void theModeAnOpenAsksForIsAppliedToTheFileItCreatesLessTheUmaskAndOnlyThen() throws Exception {
        // What the server's umask leaves of 0666 on a file it creates, read off one it made.
        try (SftpClient c = sftp()) {
            try (OutputStream out = c.write("plain.txt")) {
                out.write('p');
            }
        }
        int made = Files.getPosixFilePermissions(home.resolve("plain.txt")).stream()
                .mapToInt(x -> 1 << (8 - x.ordinal())).sum();
        int umask = (~made & 0666) | ((~made & 0444) >> 2);
        try (SftpClient c = sftp()) {
            openWithMode(c, "script.sh", 0755);
            openWithMode(c, "id_key", 0600);
            Files.writeString(home.resolve("existing.txt"), "old");
            Files.setPosixFilePermissions(home.resolve("existing.txt"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
            openWithMode(c, "existing.txt", 0777);
        }
        assertThat(modeBits(home.resolve("script.sh"))).as("an uploaded script keeps its x bits").isEqualTo(0755 & ~umask);
        assertThat(modeBits(home.resolve("id_key"))).as("a private file stays private").isEqualTo(0600);
        assertThat(modeOf(home.resolve("existing.txt"))).as("as open(2): an existing file keeps its mode").isEqualTo("rw-r-----");
    }

    static int modeBits(java.nio.file.Path p) throws java.io.IOException {
        return Files.getPosixFilePermissions(p).stream().mapToInt(x -> 1 << (8 - x.ordinal())).sum();
    }

    private static String modeOf(java.nio.file.Path p) throws java.io.IOException {
        return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void scpSizesAreAsciiDigitsOnly() throws Exception {
        try (var s = ssh.password(USER, PASSWORD)) {
            for (String size : new String[] {"+1", "\u0661"}) { // a sign; an Arabic-Indic 1
                byte[] odd = ("C0644 " + size + " odd.txt\nx\0").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                SshClients.Exec refused = SshClients.exec(s, "scp -t .", odd);
                assertThat(refused.exit()).isNotZero();
                assertThat(refused.out()).contains("bad C line");
            }
            byte[] plain = "C0644 1 plain.txt\nx\0".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(SshClients.exec(s, "scp -t .", plain).exit()).isZero();
        }
        assertThat(home.resolve("odd.txt")).doesNotExist();
        assertThat(home.resolve("plain.txt")).hasContent("x");
    }

    @Test
    void exclusiveCreateRefusesAnExistingFile() throws Exception {
        Files.writeString(home.resolve("exists.txt"), "keep");
        try (SftpClient c = sftp()) {
            assertThatThrownBy(() -> c.open("exists.txt", OpenMode.Write, OpenMode.Create, OpenMode.Exclusive))
                    .isInstanceOf(SftpException.class).hasMessageContaining("exists");
            assertThat(Files.readString(home.resolve("exists.txt"))).isEqualTo("keep");
        }
    }

    @Test
    void createWithoutWriteMakesAnEmptyFileAndExclusiveRefusesAnExistingOne() throws Exception {
        Files.writeString(home.resolve("there.txt"), "keep");
        try (SftpClient c = sftp()) {
            // As OpenSSH's sftp-server (O_RDONLY|O_CREAT[|O_EXCL]).
            assertThatThrownBy(() -> c.open("there.txt", OpenMode.Create, OpenMode.Exclusive))
                    .isInstanceOf(SftpException.class).hasMessageContaining("exists");
            c.open("made.txt", OpenMode.Create, OpenMode.Exclusive).close();
            assertThat(home.resolve("made.txt")).isEmptyFile();
            try (CloseableHandle h = c.open("there.txt", OpenMode.Read, OpenMode.Create)) {
                byte[] b = new byte[16];
                assertThat(c.read(h, 0, b, 0, b.length)).isEqualTo(4);
            }
            c.open("made-too.txt", OpenMode.Read, OpenMode.Create).close();
            assertThat(home.resolve("made-too.txt")).isEmptyFile();
        }
        assertThat(Files.readString(home.resolve("there.txt"))).isEqualTo("keep");
    }

    @Test
    void aWriteAtAnOffsetNoFileSystemHoldsIsRefusedWithoutAStorageWarning() throws Exception {
        try (LogCapture log = LogCapture.of("dev.ferry.sftp.sftp.FileRequests"); SftpClient c = sftp()) {
            try (CloseableHandle h = c.open("far.bin", OpenMode.Write, OpenMode.Create)) {
                byte[] five = "hello".getBytes();
                assertThatThrownBy(() -> c.write(h, Long.MAX_VALUE - 2, five, 0, 5)).isInstanceOf(SftpException.class)
                        .hasMessageContaining("Invalid offset");
                assertThatThrownBy(() -> c.write(h, Long.MAX_VALUE - 100, five, 0, 5)).isInstanceOf(SftpException.class)
                        .hasMessageContaining("Offset too large");
                c.write(h, 0, five, 0, 5);
            }
            assertThat(log.lines()).noneMatch(l -> l.contains("storage error"));
        }
        assertThat(Files.readString(home.resolve("far.bin"))).isEqualTo("hello");
    }

    @Test
    void statvfsWithoutQuotaDescribesTheRealFileSystem() throws Exception {
        try (SftpClient c = sftp()) {
            OpenSSHStatExtensionInfo st = c.getExtension(OpenSSHStatPathExtension.class).stat("/");
            long total = Files.getFileStore(home).getTotalSpace();
            assertThat(st.f_frsize * st.f_blocks).isBetween(total - 8192, total);
            assertThat(st.f_namemax).isEqualTo(255);
            assertThatThrownBy(() -> c.getExtension(OpenSSHStatPathExtension.class).stat("/no/such/dir"))
                    .as("as statvfs(2), a missing path is an error").isInstanceOf(SftpException.class)
                    .satisfies(x -> assertThat(((SftpException) x).getStatus()).isEqualTo(SftpConstants.SSH_FX_NO_SUCH_FILE));
        }
    }

    @Test
    void fsyncOnRequest() throws Exception {
        try (SftpClient c = sftp()) {
            try (CloseableHandle h = c.open("synced.bin", EnumSet.of(OpenMode.Write, OpenMode.Create, OpenMode.Truncate))) {
                c.write(h, 0, "durable".getBytes());
                c.getExtension(OpenSSHFsyncExtension.class).fsync(h);
            }
            assertThat(Files.readString(home.resolve("synced.bin"))).isEqualTo("durable");
            try (CloseableHandle r = c.open("synced.bin", EnumSet.of(OpenMode.Read))) {
                c.getExtension(OpenSSHFsyncExtension.class).fsync(r); // OK, as fsync(2) of a reading descriptor
                Attributes cut = new Attributes();
                cut.setSize(2);
                assertThatThrownBy(() -> c.setStat(r, cut)).as("no cutting through a handle opened to read")
                        .isInstanceOf(SftpException.class)
                        .satisfies(x -> assertThat(((SftpException) x).getStatus()).isEqualTo(SftpConstants.SSH_FX_PERMISSION_DENIED));
            }
            assertThat(Files.readString(home.resolve("synced.bin"))).isEqualTo("durable");
        }
    }

    @Test
    void everyUploadAndDownloadWritesATransferLogLine() throws Exception {
        try (LogCapture log = LogCapture.of("ferry.transfer"); SftpClient c = sftp()) {
            try (OutputStream out = c.write("logged.bin")) {
                out.write(random(12345, 4));
            }
            try (InputStream in = c.read("logged.bin")) {
                in.readAllBytes();
            }
            log.await(l -> l.contains("proto=sftp user=alice client=127.0.0.1 dir=up path=\"/logged.bin\" bytes=12345")
                    && l.endsWith("result=ok"), Duration.ofSeconds(5));
            log.await(l -> l.contains("proto=sftp user=alice client=127.0.0.1 dir=down path=\"/logged.bin\" bytes=12345"),
                    Duration.ofSeconds(5));
        }
    }

    @Test
    void sessionIsRegisteredAsSftpWhileConnected() throws Exception {
        try (SftpClient c = sftp()) {
            assertThat(c.isOpen()).isTrue();
            assertThat(server.server().sessions().snapshot())
                    .anySatisfy(s -> {
                        assertThat(s.protocol()).isEqualTo("sftp");
                        assertThat(s.user()).contains(USER);
                    });
        }
    }

    @Test
    void badRequestsGetStatusRepliesNotADisconnect() throws Exception {
        try (SftpClient c = sftp()) {
            assertThatThrownBy(() -> c.stat("with\0nul")).isInstanceOf(SftpException.class);
            assertThatThrownBy(() -> c.readLink("missing")).isInstanceOf(SftpException.class)
                    .satisfies(e -> assertThat(((SftpException) e).getStatus()).isEqualTo(SftpConstants.SSH_FX_NO_SUCH_FILE));
            assertThat(c.canonicalPath("/")).isEqualTo("/");
        }
    }
}
