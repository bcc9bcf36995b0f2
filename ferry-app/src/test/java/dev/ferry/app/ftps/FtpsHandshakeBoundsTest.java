package dev.ferry.app.ftps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.app.testing.FtpsClients;
import dev.ferry.app.testing.TestServer;
import dev.ferry.client.ftp.ReusingFtpsClient;
import dev.ferry.core.config.Settings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import org.apache.commons.net.ftp.FTPSClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a client that misbehaves inside a TLS handshake gets: a handshake has one deadline as a
 * whole, nothing is written in the clear into one, a refused data connection is answered at once,
 * and a TLS 1.2 renegotiation is refused.
 */
class FtpsHandshakeBoundsTest {

    @TempDir
    Path data;

    TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private SSLContext trust() throws Exception {
        return FtpsClients.trusting(server);
    }

    private FTPSClient login(Map<dev.ferry.core.config.Setting<?>, String> settings) throws Exception {
        server = TestServer.start(data, settings);
        server.addUser("alice", "alice-password-1");
        FTPSClient c = FtpsClients.loginPrivate(FtpsClients.explicit(server.ftpPort(), new ReusingFtpsClient(false, trust())),
                "alice", "alice-password-1");
        c.setSoTimeout(15_000);
        return c;
    }

    private static int epsvPort(FTPSClient c) throws IOException {
        assertThat(c.sendCommand("EPSV")).isEqualTo(229);
        Matcher m = Pattern.compile("\\(\\|\\|\\|(\\d+)\\|\\)").matcher(c.getReplyString());
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** The first flight of a TLS client: its ClientHello record. */
    private static byte[] clientHello(SSLContext ctx) throws Exception {
        SSLEngine e = ctx.createSSLEngine("127.0.0.1", 0);
        e.setUseClientMode(true);
        ByteBuffer out = ByteBuffer.allocate(e.getSession().getPacketBufferSize());
        e.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        byte[] b = new byte[out.remaining()];
        out.get(b);
        return b;
    }

    @Test
    void aDataHandshakeTrickledByteByByteEndsAtTheDataTimeout() throws Exception {
        FTPSClient c = login(Map.of(Settings.DATA_TIMEOUT, "2s"));
        byte[] hello = clientHello(trust());
        try (Socket d = new Socket("127.0.0.1", epsvPort(c))) {
            assertThat(c.sendCommand("LIST")).isEqualTo(150);
            Thread trickle = Thread.ofPlatform().daemon().start(() -> {
                try {
                    OutputStream out = d.getOutputStream();
                    for (byte b : hello) { // one byte each 300 ms: no single read waits for 2 s
                        out.write(b);
                        out.flush();
                        Thread.sleep(300);
                    }
                } catch (IOException | InterruptedException closed) {
                    // the server gave up on it
                }
            });
            assertThat(c.getReply()).as(c.getReplyString()).isEqualTo(425);
            assertThat(c.getReplyString()).contains("TLS handshake on the data connection did not finish within 2 seconds");
            trickle.interrupt();
        }
        assertThat(c.sendNoOp()).as("the session goes on").isTrue();
    }

    @Test
    void aRefusedDataConnectionIsAnsweredWithoutWaitingForTheClientToClose() throws Exception {
        FTPSClient c = login(Map.of());
        SSLContext fresh = trust(); // its own session cache: the data connection cannot resume the control's
        try (Socket plain = new Socket("127.0.0.1", epsvPort(c))) {
            assertThat(c.sendCommand("LIST")).isEqualTo(150);
            SSLSocket d = (SSLSocket) fresh.getSocketFactory().createSocket(plain, "127.0.0.1", plain.getPort(), true);
            d.startHandshake();
            // d stays open: the 522 must not wait for it (the data timeout is 60 s, the read 15 s)
            assertThat(c.getReply()).as(c.getReplyString()).isEqualTo(522);
            assertThat(d.getInputStream().read()).as("the server has closed it").isEqualTo(-1);
        }
        assertThat(c.sendNoOp()).isTrue();
    }

    @Test
    void nothingInTheClearIsWrittenIntoAPendingControlHandshake() throws Exception {
        server = TestServer.start(data, Map.of(Settings.IDLE_TIMEOUT, "1s"));
        try (Socket s = new Socket("127.0.0.1", server.ftpPort())) {
            s.setSoTimeout(15_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            assertThat(line(in)).startsWith("220");
            out.write("AUTH TLS\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(line(in)).startsWith("234");
            byte[] hello = clientHello(trust());
            out.write(hello, 0, 20); // a handshake begun and never finished
            out.flush();
            ByteArrayOutputStream rest = new ByteArrayOutputStream();
            in.transferTo(rest); // until the server closes, after its idle timeout
            assertThat(rest.toString(StandardCharsets.ISO_8859_1)).doesNotContain("421").doesNotContain("Idle timeout");
        }
    }

    @Test
    void aClientInitiatedRenegotiationIsRefused() throws Exception {
        server = TestServer.start(data, Map.of());
        SSLContext ctx = trust();
        for (boolean renegotiate : new boolean[] {false, true}) {
            try (Socket s = new Socket("127.0.0.1", server.ftpPort())) {
                s.setSoTimeout(15_000);
                assertThat(line(s.getInputStream())).startsWith("220");
                s.getOutputStream().write("AUTH TLS\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(line(s.getInputStream())).startsWith("234");
                SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(s, "127.0.0.1", server.ftpPort(), true);
                tls.setEnabledProtocols(new String[] {"TLSv1.2"}); // 1.3 has no renegotiation
                tls.startHandshake();
                if (!renegotiate) {
                    noop(tls);
                    assertThat(line(tls.getInputStream())).startsWith("200");
                    continue;
                }
                assertThatThrownBy(() -> {
                    tls.startHandshake();
                    noop(tls);
                    if (line(tls.getInputStream()).isEmpty()) {
                        throw new IOException("closed");
                    }
                }).isInstanceOf(IOException.class);
            }
        }
    }

    private static void noop(SSLSocket tls) throws IOException {
        tls.getOutputStream().write("NOOP\r\n".getBytes(StandardCharsets.US_ASCII));
        tls.getOutputStream().flush();
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            b.append((char) c);
        }
        return b.toString().trim();
    }
}
