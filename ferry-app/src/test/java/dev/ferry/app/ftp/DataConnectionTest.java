package dev.ferry.app.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.app.testing.RawFtp;
import dev.ferry.app.testing.RawFtp.Reply;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;

/** PASV, EPSV (and EPSV ALL), PORT, EPRT, and the choke point: data only with the control client. */
class DataConnectionTest extends FtpServerTest {

    @Test
    void pasvAdvertisesTheControlAddress() throws Exception {
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            Reply r = raw.send("PASV");
            assertThat(r.last()).matches("227 Entering Passive Mode \\(127,0,0,1,\\d+,\\d+\\)\\.");
        }
    }

    @Test
    void epsvAllLocksOutTheOthers() throws Exception {
        Files.writeString(home.resolve("epsv.txt"), "epsv");
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            assertThat(raw.send("EPSV 2").code()).isEqualTo(522);
            assertThat(raw.send("EPSV foo").code()).as("not a protocol number: a syntax error").isEqualTo(501);
            assertThat(raw.send("EPSV ALL").code()).isEqualTo(200);
            assertThat(raw.send("PASV").code()).isEqualTo(501);
            assertThat(raw.send("PORT 127,0,0,1,200,1").code()).isEqualTo(501);
            assertThat(raw.send("EPRT |1|127.0.0.1|50000|").code()).isEqualTo(501);
            int p = raw.epsvPort();
            Socket data = new Socket("127.0.0.1", p);
            assertThat(raw.send("RETR epsv.txt").code()).isEqualTo(150);
            assertThat(new String(RawFtp.drain(data))).isEqualTo("epsv");
            assertThat(raw.read().code()).isEqualTo(226);
        }
    }

    @Test
    void activeModeWithPortAndEprt() throws Exception {
        Files.writeString(home.resolve("active.txt"), "active data");
        FTPClient c = login();
        c.enterLocalActiveMode();
        var out = new java.io.ByteArrayOutputStream();
        assertThat(c.retrieveFile("active.txt", out)).isTrue();
        assertThat(out.toString()).isEqualTo("active data");
        c.disconnect();

        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD);
             ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(raw.send("EPRT |1|127.0.0.1|" + listener.getLocalPort() + "|").code()).isEqualTo(200);
            CompletableFuture<byte[]> got = CompletableFuture.supplyAsync(() -> {
                try (Socket s = listener.accept(); InputStream in = s.getInputStream()) {
                    return in.readAllBytes();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            assertThat(raw.send("RETR active.txt").code()).isEqualTo(150);
            assertThat(new String(got.get(20, TimeUnit.SECONDS))).isEqualTo("active data");
            assertThat(raw.read().code()).isEqualTo(226);
        }
    }

    @Test
    void portAndEprtNumbersAreAsciiDigitsOnly() throws Exception {
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            assertThat(raw.send("PORT 127,0,0,1,200,1").code()).isEqualTo(200);
            assertThat(raw.send("PORT 127,0,0,1,\u0662\u0660\u0660,1").code()).isEqualTo(501); // Arabic-Indic 200
            assertThat(raw.send("PORT 127,0,0,1,+200,1").code()).isEqualTo(501);
            assertThat(raw.send("EPRT |1|127.0.0.1|51201|").code()).isEqualTo(200);
            assertThat(raw.send("EPRT |1|127.0.0.1|\uff15\uff11\uff12\uff10\uff11|").code()).isEqualTo(501); // fullwidth
            assertThat(raw.send("EPRT |+1|127.0.0.1|51201|").code()).isEqualTo(501);
            assertThat(raw.send("EPRT |1|127.0.0.1|65536|").code()).isEqualTo(501);
        }
    }

    @Test
    void portToAnotherAddressIsRefused() throws Exception {
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            // FTP bounce: a PORT naming some other host.
            assertThat(raw.send("PORT 10,1,2,3,200,1").code()).isEqualTo(501);
            assertThat(raw.send("EPRT |1|192.0.2.7|50000|").code()).isEqualTo(501);
            assertThat(raw.send("EPRT |2|::1|50000|").code()).isEqualTo(501);
            assertThat(raw.send("PORT 127,0,0,2,200,1").code()).isEqualTo(501);
            // Privileged ports, even on our own address.
            assertThat(raw.send("PORT 127,0,0,1,0,25").code()).isEqualTo(501);
            // Malformed ones.
            assertThat(raw.send("PORT 127,0,0,1,300,1").code()).isEqualTo(501);
            assertThat(raw.send("PORT 1,2,3").code()).isEqualTo(501);
            assertThat(raw.send("EPRT |3|127.0.0.1|50000|").code()).isEqualTo(522);
            assertThat(raw.send("EPRT |1|localhost|50000|").code()).isEqualTo(501);
            assertThat(raw.send("EPRT garbage").code()).isEqualTo(501);
        }
    }

    @Test
    void passiveConnectionsFromAnotherAddressAreDropped() throws Exception {
        Files.writeString(home.resolve("theft.txt"), "secret");
        // Control connection from 127.0.0.2; a thief on 127.0.0.1 races to the data port.
        try (RawFtp raw = RawFtp.connectFrom("127.0.0.2", port()).login(USER, PASSWORD)) {
            int p = raw.epsvPort();
            try (Socket thief = new Socket()) {
                thief.connect(new InetSocketAddress("127.0.0.1", p), 5000);
                thief.setSoTimeout(10_000);
                assertThat(raw.send("RETR theft.txt").code()).isEqualTo(150);
                Socket owner = new Socket();
                owner.bind(new InetSocketAddress("127.0.0.2", 0));
                owner.connect(new InetSocketAddress("127.0.0.1", p), 5000);
                owner.setSoTimeout(10_000);
                assertThat(thief.getInputStream().read()).isEqualTo(-1);
                assertThat(new String(RawFtp.drain(owner))).isEqualTo("secret");
                assertThat(raw.read().code()).isEqualTo(226);
            }
        }
    }

    @Test
    void aNewPasvReplacesTheOldListener() throws Exception {
        try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
            int first = raw.epsvPort();
            int second = raw.epsvPort();
            assertThat(second).isNotEqualTo(first);
            boolean firstOpen;
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", first), 2000);
                firstOpen = true;
            } catch (java.io.IOException e) {
                firstOpen = false;
            }
            assertThat(firstOpen).isFalse();
        }
    }
}
