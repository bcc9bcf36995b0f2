package dev.ferry.app.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.app.testing.RawFtp;
import dev.ferry.app.testing.RawFtp.Reply;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Random;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;

/** RETR, STOR, APPE, STOU, REST, TYPE, MODE, STRU, ALLO. */
class TransferCommandsTest extends FtpServerTest {

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void storeAndRetrieveAreByteExact() throws Exception {
        byte[] content = random(5_000_123, 1);
        FTPClient c = login();
        assertThat(c.storeFile("round.bin", new ByteArrayInputStream(content))).isTrue();
        assertThat(Files.readAllBytes(home.resolve("round.bin"))).isEqualTo(content);
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        assertThat(c.retrieveFile("round.bin", back)).isTrue();
        assertThat(back.toByteArray()).isEqualTo(content);
        c.disconnect();
    }

    @Test
    void storReplacesAWholeFile() throws Exception {
        Files.write(home.resolve("replace.bin"), random(100_000, 2));
        FTPClient c = login();
        assertThat(c.storeFile("replace.bin", new ByteArrayInputStream("short".getBytes()))).isTrue();
        assertThat(Files.readString(home.resolve("replace.bin"))).isEqualTo("short");
        c.disconnect();
    }

    @Test
    void aReplacedFileIsANewFileWithTheOldPermissionsAndAnOpenReaderKeepsTheOldBytes() throws Exception {
        byte[] old = random(300_000, 3);
        java.nio.file.Path file = home.resolve("kept-mode.bin");
        Files.write(file, old);
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        Object inodeBefore = Files.readAttributes(file, "unix:ino").get("ino");
        try (InputStream reader = Files.newInputStream(file)) {
            FTPClient c = login();
            assertThat(c.storeFile("kept-mode.bin", new ByteArrayInputStream("new".getBytes()))).isTrue();
            c.disconnect();
            assertThat(reader.readAllBytes()).isEqualTo(old); // a download under way finishes with what it started
        }
        assertThat(Files.readString(file)).isEqualTo("new");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
        assertThat(Files.readAttributes(file, "unix:ino").get("ino")).isNotEqualTo(inodeBefore);
    }

    @Test
    void aStorOverAHardLinkedFileRewritesItInPlaceForEveryLink() throws Exception {
        java.nio.file.Path file = home.resolve("linked.bin");
        Files.write(file, random(50_000, 4));
        java.nio.file.Path other = Files.createLink(home.resolve("other-name.bin"), file);
        FTPClient c = login();
        assertThat(c.storeFile("linked.bin", new ByteArrayInputStream("both".getBytes()))).isTrue();
        c.disconnect();
        assertThat(Files.readString(file)).isEqualTo("both");
        assertThat(Files.readString(other)).isEqualTo("both");
        assertThat(Files.isSameFile(file, other)).isTrue();
    }

    @Test
    void aStorWhoseDataConnectionNeverComesLeavesTheOldFileAlone() throws Exception {
        byte[] precious = random(200_000, 11);
        Files.write(home.resolve("precious.bin"), precious);
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            raw.send("TYPE I");
            // Active mode towards a port where nobody listens: the connection is refused.
            java.net.ServerSocket closed = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"));
            int deadPort = closed.getLocalPort();
            closed.close();
            assertThat(raw.send("EPRT |1|127.0.0.1|" + deadPort + "|").code()).isEqualTo(200);
            assertThat(raw.send("STOR precious.bin").code()).isEqualTo(150);
            assertThat(raw.read().code()).isEqualTo(425);
        }
        assertThat(Files.readAllBytes(home.resolve("precious.bin"))).isEqualTo(precious);
    }

    @Test
    void aStorAbortedBeforeItsFirstByteLeavesTheOldFileAndMakesNoNewOne() throws Exception {
        byte[] precious = random(200_000, 13);
        Files.write(home.resolve("kept.bin"), precious);
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            raw.send("TYPE I");
            for (String name : java.util.List.of("kept.bin", "never-made.bin")) {
                Socket data = raw.pasv();
                assertThat(raw.send("STOR " + name).code()).isEqualTo(150);
                // Connected, and not one byte sent: then the client gives up.
                RawFtp.Reply abort = raw.send("ABOR");
                assertThat(abort.code()).as(abort.text()).isEqualTo(426);
                assertThat(raw.read().code()).isEqualTo(226);
                data.close();
            }
        }
        assertThat(Files.readAllBytes(home.resolve("kept.bin"))).isEqualTo(precious);
        assertThat(home.resolve("never-made.bin")).doesNotExist();
    }

    @Test
    void anEmptyStorOverAFileEmptiesIt() throws Exception {
        Files.write(home.resolve("to-empty.bin"), random(5000, 12));
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            raw.send("TYPE I");
            Socket data = raw.pasv();
            assertThat(raw.send("STOR to-empty.bin").code()).isEqualTo(150);
            data.close();
            assertThat(raw.read().code()).isEqualTo(226);
        }
        assertThat(Files.size(home.resolve("to-empty.bin"))).isZero();
    }

    @Test
    void emptyFilesTransfer() throws Exception {
        FTPClient c = login();
        assertThat(c.storeFile("empty.bin", new ByteArrayInputStream(new byte[0]))).isTrue();
        assertThat(Files.size(home.resolve("empty.bin"))).isZero();
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        assertThat(c.retrieveFile("empty.bin", back)).isTrue();
        assertThat(back.size()).isZero();
        c.disconnect();
    }

    @Test
    void restThenRetrSendsFromTheOffset() throws Exception {
        byte[] content = random(1_000_000, 3);
        Files.write(home.resolve("rest.bin"), content);
        FTPClient c = login();
        c.setRestartOffset(654_321);
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        assertThat(c.retrieveFile("rest.bin", back)).isTrue();
        assertThat(back.toByteArray()).isEqualTo(java.util.Arrays.copyOfRange(content, 654_321, content.length));
        // The offset applied to one transfer only.
        back.reset();
        assertThat(c.retrieveFile("rest.bin", back)).isTrue();
        assertThat(back.size()).isEqualTo(content.length);
        c.disconnect();
    }

    @Test
    void restIsForgottenByAnyCommandButTheTransferAndItsSetUp() throws Exception {
        byte[] content = random(1000, 9);
        Files.write(home.resolve("rest2.bin"), content);
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            raw.send("TYPE I");
            for (String between : java.util.List.of("PWD", "SIZE rest2.bin", "CWD /", "LIST")) {
                assertThat(raw.send("REST 100").code()).isEqualTo(350);
                if (between.equals("LIST")) {
                    Socket listing = raw.pasv();
                    assertThat(raw.send("LIST").code()).isEqualTo(150);
                    RawFtp.drain(listing);
                    assertThat(raw.read().code()).isEqualTo(226);
                } else {
                    raw.send(between);
                }
                Socket data = raw.pasv();
                assertThat(raw.send("RETR rest2.bin").code()).isEqualTo(150);
                assertThat(RawFtp.drain(data)).as("REST then " + between + " then RETR: the whole file").isEqualTo(content);
                assertThat(raw.read().code()).isEqualTo(226);
            }
            // Setting up the data connection between REST and RETR keeps it (clients do either order).
            assertThat(raw.send("REST 100").code()).isEqualTo(350);
            raw.send("TYPE I");
            Socket data = raw.pasv();
            assertThat(raw.send("RETR rest2.bin").code()).isEqualTo(150);
            assertThat(RawFtp.drain(data)).isEqualTo(java.util.Arrays.copyOfRange(content, 100, content.length));
            assertThat(raw.read().code()).isEqualTo(226);
        }
    }

    @Test
    void afterTheClosingReplyNoTransferIsInProgress() throws Exception {
        Files.write(home.resolve("quick.bin"), random(100, 10));
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            raw.send("TYPE I");
            for (int i = 0; i < 30; i++) {
                Socket data = raw.pasv();
                assertThat(raw.send("NLST").code()).isEqualTo(150);
                RawFtp.drain(data);
                assertThat(raw.read().code()).isEqualTo(226);
                // Sent the moment the 226 arrives: the transfer that sent it must be over.
                RawFtp.Reply abor = raw.send("ABOR");
                assertThat(abor.code()).as("round " + i + ": " + abor.text()).isEqualTo(225);
                RawFtp.Reply stat = raw.send("STAT quick.bin");
                assertThat(stat.text()).as("round " + i).doesNotContain("current transfer");
            }
        }
    }

    @Test
    void restAtTheEndSendsNothingAndBeyondTheEndIsRefused() throws Exception {
        Files.write(home.resolve("short.bin"), random(1000, 4));
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            raw.send("TYPE I");
            assertThat(raw.send("REST 1000").code()).isEqualTo(350);
            Socket data = raw.pasv();
            assertThat(raw.send("RETR short.bin").code()).isEqualTo(150);
            assertThat(RawFtp.drain(data)).isEmpty();
            assertThat(raw.read().code()).isEqualTo(226);
            assertThat(raw.send("REST 1001").code()).isEqualTo(350);
            raw.pasv().close();
            assertThat(raw.send("RETR short.bin").code()).isEqualTo(554);
            assertThat(raw.send("REST -5").code()).isEqualTo(501);
            assertThat(raw.send("REST lots").code()).isEqualTo(501);
            assertThat(raw.send("REST +5").code()).isEqualTo(501);
            assertThat(raw.send("REST \u0665").code()).isEqualTo(501); // an Arabic-Indic 5: digits are ASCII only
            assertThat(raw.send("REST 9223372036854775808").code()).isEqualTo(501);
        }
    }

    @Test
    void restThenStorKeepsTheBytesBeforeTheOffset() throws Exception {
        byte[] content = random(2_000_000, 5);
        Files.write(home.resolve("resume-up.bin"), java.util.Arrays.copyOf(content, 700_000));
        FTPClient c = login();
        c.setRestartOffset(700_000);
        assertThat(c.storeFile("resume-up.bin",
                new ByteArrayInputStream(content, 700_000, content.length - 700_000))).isTrue();
        assertThat(Files.readAllBytes(home.resolve("resume-up.bin"))).isEqualTo(content);
        c.disconnect();
    }

    @Test
    void restThenStorInsideTheFileCutsWhatFollowed() throws Exception {
        Files.writeString(home.resolve("rewrite.txt"), "0123456789");
        FTPClient c = login();
        c.setRestartOffset(4);
        assertThat(c.storeFile("rewrite.txt", new ByteArrayInputStream("ab".getBytes()))).isTrue();
        assertThat(Files.readString(home.resolve("rewrite.txt"))).isEqualTo("0123ab");
        c.disconnect();
    }

    @Test
    void appeAppendsOrCreates() throws Exception {
        FTPClient c = login();
        assertThat(c.appendFile("log.txt", new ByteArrayInputStream("one\n".getBytes()))).isTrue();
        assertThat(c.appendFile("log.txt", new ByteArrayInputStream("two\n".getBytes()))).isTrue();
        assertThat(Files.readString(home.resolve("log.txt"))).isEqualTo("one\ntwo\n");
        c.disconnect();
    }

    @Test
    void stouNeverOverwrites() throws Exception {
        Files.writeString(home.resolve("unique.txt"), "first");
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            Socket data = raw.pasv();
            Reply opening = raw.send("STOU unique.txt");
            assertThat(opening.code()).isEqualTo(150);
            assertThat(opening.last()).startsWith("150 FILE: unique.txt.1");
            try (OutputStream out = data.getOutputStream()) {
                out.write("second".getBytes());
            }
            data.close();
            assertThat(raw.read().code()).isEqualTo(226);
            assertThat(Files.readString(home.resolve("unique.txt"))).isEqualTo("first");
            assertThat(Files.readString(home.resolve("unique.txt.1"))).isEqualTo("second");
        }
        FTPClient c = login();
        assertThat(c.storeUniqueFile(new ByteArrayInputStream("third".getBytes()))).isTrue();
        c.disconnect();
    }

    @Test
    void asciiModeConvertsLineEndingsBothWays() throws Exception {
        FTPClient c = login();
        c.setFileType(FTP.ASCII_FILE_TYPE);
        // Commons Net sends CRLF on the wire; the stored file gets the native LF.
        assertThat(c.storeFile("text.txt", new ByteArrayInputStream("a\nb\r\nc\rd\n".getBytes()))).isTrue();
        c.disconnect();
        byte[] stored = Files.readAllBytes(home.resolve("text.txt"));
        assertThat(new String(stored, StandardCharsets.US_ASCII)).isEqualTo("a\nb\nc\rd\n");

        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            raw.send("TYPE A");
            Socket data = raw.pasv();
            assertThat(raw.send("RETR text.txt").code()).isEqualTo(150);
            assertThat(new String(RawFtp.drain(data), StandardCharsets.US_ASCII)).isEqualTo("a\r\nb\r\nc\rd\r\n");
            assertThat(raw.read().code()).isEqualTo(226);
        }
        // A file already written with CRLF (stored in binary mode) gains no second CR per line.
        Files.write(home.resolve("dos.txt"), "one\r\ntwo\nthree\r\r\n".getBytes(StandardCharsets.US_ASCII));
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            raw.send("TYPE A");
            Socket data = raw.pasv();
            assertThat(raw.send("RETR dos.txt").code()).isEqualTo(150);
            assertThat(new String(RawFtp.drain(data), StandardCharsets.US_ASCII)).isEqualTo("one\r\ntwo\r\nthree\r\r\n");
            assertThat(raw.read().code()).isEqualTo(226);
        }
    }

    @Test
    void restartInAsciiModeIsRefused() throws Exception {
        Files.writeString(home.resolve("ascii-rest.txt"), "hello\n");
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            raw.send("TYPE A");
            raw.send("REST 2");
            raw.pasv().close();
            assertThat(raw.send("RETR ascii-rest.txt").code()).isEqualTo(501);
        }
    }

    @Test
    void typeModeStruAllo() throws Exception {
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            assertThat(raw.send("TYPE I").code()).isEqualTo(200);
            assertThat(raw.send("TYPE A").code()).isEqualTo(200);
            assertThat(raw.send("TYPE A N").code()).isEqualTo(200);
            assertThat(raw.send("TYPE L 8").code()).isEqualTo(200);
            assertThat(raw.send("TYPE E").code()).isEqualTo(504);
            assertThat(raw.send("TYPE Q").code()).isEqualTo(501);
            assertThat(raw.send("MODE S").code()).isEqualTo(200);
            assertThat(raw.send("MODE B").code()).isEqualTo(504);
            assertThat(raw.send("STRU F").code()).isEqualTo(200);
            assertThat(raw.send("STRU R").code()).isEqualTo(504);
            assertThat(raw.send("ALLO 1000").code()).isEqualTo(202);
        }
    }

    @Test
    void transferWithoutADataConnectionSetUpIs425() throws Exception {
        Files.writeString(home.resolve("nodata.txt"), "x");
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            assertThat(raw.send("RETR nodata.txt").code()).isEqualTo(425);
            assertThat(raw.send("STOR up.txt").code()).isEqualTo(425);
            assertThat(raw.send("LIST").code()).isEqualTo(425);
            assertThat(Files.exists(home.resolve("up.txt"))).isFalse();
        }
    }

    @Test
    void retrOfMissingFileOrDirectoryIs550AndFreesThePassivePort() throws Exception {
        Files.createDirectories(home.resolve("a-dir"));
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            int dataPort = raw.epsvPort();
            assertThat(raw.send("RETR missing.bin").code()).isEqualTo(550);
            raw.epsvPort();
            assertThat(raw.send("RETR a-dir").code()).isEqualTo(550);
            // The listener opened for that transfer is gone.
            Socket probe = new Socket();
            boolean connected;
            try {
                probe.connect(new java.net.InetSocketAddress("127.0.0.1", dataPort), 2000);
                connected = true;
            } catch (java.io.IOException refused) {
                connected = false;
            } finally {
                probe.close();
            }
            assertThat(connected).isFalse();
        }
    }

    @Test
    void anUploadCutOffMidwayKeepsWhatArrivedAndCanBeResumed() throws Exception {
        byte[] content = random(3_000_000, 6);
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            raw.send("TYPE I");
            Socket data = raw.pasv();
            assertThat(raw.send("STOR cut.bin").code()).isEqualTo(150);
            OutputStream out = data.getOutputStream();
            out.write(content, 0, 1_234_567);
            out.flush();
            data.setSoLinger(true, 0);
            data.close(); // a reset, as when a client dies
            int code = raw.read().code();
            assertThat(code).isIn(226, 426);
            Reply size = raw.send("SIZE cut.bin");
            assertThat(size.code()).isEqualTo(213);
            long kept = Long.parseLong(size.last().substring(4));
            assertThat(kept).isBetween(1L, 1_234_567L);
            assertThat(Files.readAllBytes(home.resolve("cut.bin")))
                    .isEqualTo(java.util.Arrays.copyOf(content, (int) kept));
            // Resume from what the server has.
            raw.send("REST " + kept);
            Socket data2 = raw.pasv();
            assertThat(raw.send("STOR cut.bin").code()).isEqualTo(150);
            try (OutputStream o2 = data2.getOutputStream()) {
                o2.write(content, (int) kept, content.length - (int) kept);
            }
            data2.close();
            assertThat(raw.read().code()).isEqualTo(226);
        }
        assertThat(Files.readAllBytes(home.resolve("cut.bin"))).isEqualTo(content);
    }

    @Test
    void statDuringATransferReportsProgress() throws Exception {
        Files.write(home.resolve("progress.bin"), new byte[32 * 1024 * 1024]);
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            raw.send("TYPE I");
            Socket data = raw.pasv();
            assertThat(raw.send("RETR progress.bin").code()).isEqualTo(150);
            InputStream in = data.getInputStream();
            in.readNBytes(1024 * 1024);
            Reply stat = raw.send("STAT");
            assertThat(stat.code()).isEqualTo(213);
            assertThat(stat.text()).containsPattern("Sending /progress\\.bin: \\d+ bytes of 33554432");
            // Finish the transfer.
            in.readAllBytes();
            data.close();
            assertThat(raw.read().code()).isEqualTo(226);
        }
    }

    @Test
    void aborWithoutATransferIs225() throws Exception {
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            assertThat(raw.send("ABOR").code()).isEqualTo(225);
        }
    }

    @Test
    void abortDuringAnUploadKeepsThePartAndTheSession() throws Exception {
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            raw.send("TYPE I");
            Socket data = raw.pasv();
            assertThat(raw.send("STOR aborted-up.bin").code()).isEqualTo(150);
            OutputStream out = data.getOutputStream();
            out.write(random(500_000, 7));
            out.flush();
            Thread.sleep(200);
            raw.write("ABOR\r\n");
            assertThat(raw.read().code()).isEqualTo(426);
            assertThat(raw.read().code()).isEqualTo(226);
            data.close();
            assertThat(raw.send("NOOP").code()).isEqualTo(200);
            assertThat(Files.size(home.resolve("aborted-up.bin"))).isPositive();
        }
    }

    @Test
    void abortWhileALargeUploadWaitsForDataEndsItAndKeepsWhatArrived() throws Exception {
        // Past the first MiB an upload is spliced where it can be (SocketSplice): the wait for more
        // data is then ours, and an ABOR that closes the data connection must still end it.
        byte[] sent = random(3 * 1024 * 1024, 17);
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            raw.send("TYPE I");
            Socket data = raw.pasv();
            assertThat(raw.send("STOR aborted-large.bin").code()).isEqualTo(150);
            OutputStream out = data.getOutputStream();
            out.write(sent);
            out.flush();
            java.nio.file.Path file = home.resolve("aborted-large.bin");
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (Files.size(file) < sent.length && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(Files.size(file)).as("everything sent has arrived").isEqualTo(sent.length);
            raw.write("ABOR\r\n");
            assertThat(raw.read().code()).isEqualTo(426);
            assertThat(raw.read().code()).isEqualTo(226);
            assertThat(data.getInputStream().read()).as("the server closed the data connection").isEqualTo(-1);
            data.close();
            assertThat(raw.send("NOOP").code()).isEqualTo(200);
            assertThat(Files.readAllBytes(file)).isEqualTo(sent);
        }
    }

    @Test
    void urgentDataInALargeUploadIsSteppedOverAndNothingAfterItIsLost() throws Exception {
        // splice(2) stops at TCP's urgent mark, where a read steps over the urgent byte: the
        // spliced upload must hand over to reads there, not end the file or spin.
        byte[] first = random(3_000_000, 20);
        byte[] second = random(2_000_000, 21);
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            raw.send("TYPE I");
            Socket data = raw.pasv();
            assertThat(raw.send("STOR urgent.bin").code()).isEqualTo(150);
            OutputStream out = data.getOutputStream();
            out.write(first);
            out.flush();
            data.sendUrgentData('X');
            out.write(second);
            out.flush();
            Thread.sleep(300); // the urgent mark reached while the connection is still open
            out.write(first, 0, 1000);
            data.close();
            assertThat(raw.read().code()).isEqualTo(226);
        }
        java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
        expected.write(first);
        expected.write(second);
        expected.write(first, 0, 1000);
        assertThat(Files.readAllBytes(home.resolve("urgent.bin"))).isEqualTo(expected.toByteArray());
    }

    @Test
    void largeUploadsOverAFileAndFromAnOffsetAreByteExact() throws Exception {
        byte[] old = random(9_000_000, 18);
        java.nio.file.Path file = home.resolve("large-replace.bin");
        Files.write(file, old);
        byte[] content = random(6_500_001, 19);
        FTPClient c = login();
        c.setFileType(FTP.BINARY_FILE_TYPE);
        assertThat(c.storeFile("large-replace.bin", new ByteArrayInputStream(content))).isTrue();
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
        c.setRestartOffset(1_500_000);
        assertThat(c.storeFile("large-replace.bin", new ByteArrayInputStream(old, 1_500_000, old.length - 1_500_000))).isTrue();
        byte[] expected = java.util.Arrays.copyOf(content, old.length);
        System.arraycopy(old, 1_500_000, expected, 1_500_000, old.length - 1_500_000);
        assertThat(Files.readAllBytes(file)).isEqualTo(expected);
        assertThat(c.appendFile("large-replace.bin", new ByteArrayInputStream(content))).isTrue();
        assertThat(Files.size(file)).isEqualTo((long) old.length + content.length);
        c.disconnect();
    }

    @Test
    void anUploadThatNeverStartsLeavesNoNewFileAndTheOldOneAsItWas() throws Exception {
        Files.writeString(home.resolve("kept.txt"), "old content");
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            raw.send("TYPE I");
            for (String name : new String[] {"never.bin", "kept.txt"}) {
                raw.epsvPort(); // a passive port the client never connects to
                assertThat(raw.send("STOR " + name).code()).isEqualTo(150);
                raw.write("ABOR\r\n");
                assertThat(java.util.List.of(raw.read().code(), raw.read().code())).containsExactly(426, 226);
            }
            assertThat(home.resolve("never.bin")).as("no empty file from a STOR that never started").doesNotExist();
            assertThat(home.resolve("kept.txt")).hasContent("old content");
            Socket data = raw.pasv(); // an upload of nothing is a file of nothing
            assertThat(raw.send("STOR empty.bin").code()).isEqualTo(150);
            data.close();
            assertThat(raw.read().code()).isEqualTo(226);
            assertThat(home.resolve("empty.bin")).exists().isEmptyFile();
        }
    }

    @Test
    void theOpeningReplyNamesTheSize() throws Exception {
        Files.write(home.resolve("named.bin"), new byte[4321]);
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            raw.send("TYPE I");
            Socket data = raw.pasv();
            assertThat(raw.send("RETR named.bin").last()).contains("(4321 bytes)");
            RawFtp.drain(data);
            assertThat(raw.read().code()).isEqualTo(226);
        }
    }
}
