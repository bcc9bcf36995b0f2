package dev.ferry.app.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against a scripted FTP server whose 227 reply names another address (127.0.0.2,
 * where a listener on the same port stands for a third host): the data connection still goes to
 * the server it logged in to.
 */
class HostileFtpServerTest {

    @TempDir
    Path dir;
    private ServerSocket control;
    private ServerSocket data;
    private ServerSocket elsewhere;
    private final AtomicInteger elsewhereConnections = new AtomicInteger();
    private Thread serverThread;
    private Thread elsewhereThread;

    @BeforeEach
    void start() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        control = new ServerSocket(0, 5, loopback);
        data = new ServerSocket(0, 5, loopback);
        elsewhere = new ServerSocket();
        elsewhere.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), data.getLocalPort()));
        elsewhereThread = Thread.ofPlatform().daemon().start(() -> {
            while (!elsewhere.isClosed()) {
                try (Socket s = elsewhere.accept(); OutputStream out = s.getOutputStream()) {
                    elsewhereConnections.incrementAndGet();
                    out.write("-rw-r--r-- 1 x x 5 Jan 01 2026 from-elsewhere.txt\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    return;
                }
            }
        });
        serverThread = Thread.ofPlatform().daemon().start(this::serveOne);
    }

    @AfterEach
    void stop() throws Exception {
        control.close();
        data.close();
        elsewhere.close();
        serverThread.join(5_000);
        elsewhereThread.join(5_000);
    }

    /** One session: login, then LIST through a 227 that names 127.0.0.2. */
    private void serveOne() {
        try (Socket s = control.accept();
             BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
             OutputStream out = s.getOutputStream()) {
            reply(out, "220 scripted server");
            String line;
            while ((line = in.readLine()) != null) {
                String verb = line.split(" ", 2)[0].toUpperCase(java.util.Locale.ROOT);
                int port = data.getLocalPort();
                switch (verb) {
                    case "USER" -> reply(out, "331 password");
                    case "PASS" -> reply(out, "230 in");
                    case "TYPE" -> reply(out, "200 type");
                    case "PWD" -> reply(out, "257 \"/\"");
                    case "SYST" -> reply(out, "215 UNIX Type: L8");
                    case "PASV" -> reply(out, "227 Entering Passive Mode (127,0,0,2," + (port >> 8) + "," + (port & 255) + ")");
                    case "LIST" -> {
                        reply(out, "150 here it comes");
                        data.setSoTimeout(5_000);
                        try (Socket d = data.accept(); OutputStream dout = d.getOutputStream()) {
                            dout.write("-rw-r--r-- 1 x x 5 Jan 01 2026 from-the-server.txt\r\n".getBytes(StandardCharsets.US_ASCII));
                        } catch (SocketTimeoutException e) {
                            reply(out, "425 no data connection came");
                            continue;
                        }
                        reply(out, "226 done");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "502 not here");
                }
            }
        } catch (IOException e) {
            // the test ended the session
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * A server that greets properly, then answers FEAT with {@code flood} sent over and over
     * until the client hangs up; returns how many bytes it got out.
     */
    private static long floodAfterLogin(ServerSocket listener, byte[] flood) {
        long sent = 0;
        try (Socket s = listener.accept();
             BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
             OutputStream out = s.getOutputStream()) {
            reply(out, "220 scripted server");
            String line;
            while ((line = in.readLine()) != null) {
                String verb = line.split(" ", 2)[0].toUpperCase(java.util.Locale.ROOT);
                switch (verb) {
                    case "USER" -> reply(out, "331 password");
                    case "PASS" -> reply(out, "230 in");
                    case "TYPE" -> reply(out, "200 type");
                    case "FEAT" -> {
                        out.write("211-Features:\r\n".getBytes(StandardCharsets.US_ASCII));
                        while (sent < 64L * 1024 * 1024) { // bounded, so the test ends either way
                            out.write(flood);
                            sent += flood.length;
                        }
                        return sent;
                    }
                    default -> reply(out, "502 not here");
                }
            }
        } catch (IOException e) {
            // the client hung up: what we wanted
        }
        return sent;
    }

    @Test
    void aServerWithoutTlsIsSaidToBeOneForFtps() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = listener.accept();
                     BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                     OutputStream out = s.getOutputStream()) {
                    reply(out, "220 plain server");
                    String line;
                    while ((line = in.readLine()) != null) {
                        reply(out, line.startsWith("QUIT") ? "221 bye" : "500 Command not understood.");
                    }
                } catch (IOException e) {
                    // the client hung up
                }
            });
            ClientRun r = ClientRun.of("ls", "--retries", "0", "ftps://u:p@127.0.0.1:" + listener.getLocalPort() + "/");
            assertThat(r.exit()).as(r.toString()).isEqualTo(7);
            assertThat(r.err()).contains("the server does not offer TLS (AUTH TLS refused: 500").doesNotContain("--cacert");
        }
    }

    @Test
    void anEndlessReplyIsCutOffNotHeldInMemory() throws Exception {
        byte[] continuation = " UTF8 and more and more and more and more and more and more\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] noLineEnd = new byte[64 * 1024];
        java.util.Arrays.fill(noLineEnd, (byte) 'x');
        for (byte[] flood : java.util.List.of(continuation, noLineEnd)) {
            try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
                java.util.concurrent.CompletableFuture<Long> sent =
                        java.util.concurrent.CompletableFuture.supplyAsync(() -> floodAfterLogin(listener, flood));
                ClientRun r = ClientRun.of("ls", "ftp://u:p@127.0.0.1:" + listener.getLocalPort() + "/");
                assertThat(r.exit()).as(r.toString()).isEqualTo(6);
                assertThat(r.err()).as(r.toString()).contains("the server's reply ran past 1 MiB without ending")
                        .doesNotContain("OutOfMemory");
                assertThat(sent.get(30, java.util.concurrent.TimeUnit.SECONDS)).as("the client stopped reading early")
                        .isLessThan(64L * 1024 * 1024);
            }
        }
    }

    @Test
    void aPassiveReplyNamingAnotherHostIsNotFollowed() {
        ClientRun r = ClientRun.of("ls", "-1", "ftp://u:p@127.0.0.1:" + control.getLocalPort() + "/");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("from-the-server.txt").doesNotContain("from-elsewhere.txt");
        assertThat(elsewhereConnections).hasValue(0);
    }
}
