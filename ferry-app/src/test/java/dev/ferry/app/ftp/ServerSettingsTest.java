package dev.ferry.app.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.app.testing.RawFtp;
import dev.ferry.app.testing.RawFtp.Reply;
import dev.ferry.app.testing.TestServer;
import dev.ferry.core.config.Settings;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Passive port range and advertised address, IPv6, and the graceful shutdown. */
class ServerSettingsTest {

    private static final Pattern PASV = Pattern.compile("\\((\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)\\)");

    @TempDir
    Path data;

    // Ports above the kernel's ephemeral range (ip_local_port_range ends at 60999 by default), so
    // no client socket of another test happens to hold one.
    @Test
    void passivePortsStayInTheRangeAndPasvAdvertisesTheConfiguredAddress() throws Exception {
        try (TestServer server = TestServer.start(data, Map.of(Settings.PASSIVE_PORTS, "61100-61104",
                Settings.PASSIVE_ADDRESS, "198.51.100.7"))) {
            server.addUser("nat", "nat-password");
            try (RawFtp raw = RawFtp.connect(server.ftpPort()).login("nat", "nat-password")) {
                Set<Integer> seen = new HashSet<>();
                for (int i = 0; i < 12; i++) {
                    Reply r = raw.send("PASV");
                    Matcher m = PASV.matcher(r.last());
                    assertThat(m.find()).isTrue();
                    assertThat(m.group(1) + "." + m.group(2) + "." + m.group(3) + "." + m.group(4)).isEqualTo("198.51.100.7");
                    int port = Integer.parseInt(m.group(5)) * 256 + Integer.parseInt(m.group(6));
                    assertThat(port).isBetween(61100, 61104);
                    seen.add(port);
                }
                // Round-robin: the whole range is used.
                assertThat(seen).hasSize(5);
                // EPSV carries only the port; the client reuses the control address.
                int p = raw.epsvPort();
                assertThat(p).isBetween(61100, 61104);
            }
        }
    }

    @Test
    void aServerWithEveryListenerOffIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestServer.start(data, Map.of(Settings.FTP_PORT, "off")).close())
                .isInstanceOf(dev.ferry.core.config.ConfigException.class).hasMessageContaining("nothing to serve");
    }

    @Test
    void aFullPassiveRangeGets425() throws Exception {
        try (TestServer server = TestServer.start(data, Map.of(Settings.PASSIVE_PORTS, "61120-61120"))) {
            server.addUser("busy", "busy-password");
            try (RawFtp a = RawFtp.connect(server.ftpPort()).login("busy", "busy-password");
                 RawFtp b = RawFtp.connect(server.ftpPort()).login("busy", "busy-password")) {
                assertThat(a.send("EPSV").code()).isEqualTo(229);
                assertThat(b.send("EPSV").code()).isEqualTo(425);
                assertThat(b.send("NOOP").code()).isEqualTo(200);
            }
        }
    }

    @Test
    void ipv6ClientsUseEpsvAndEprt() throws Exception {
        Assumptions.assumeTrue(hasIpv6Loopback(), "SKIPPED: this machine has no IPv6 loopback (::1)");
        try (TestServer server = TestServer.start(data, Map.of(Settings.BIND, "::1"))) {
            Path home = server.addUser("six", "six-password");
            Files.writeString(home.resolve("v6.txt"), "over IPv6");
            try (Socket control = new Socket()) {
                control.connect(new InetSocketAddress("::1", server.ftpPort()), 5000);
                control.setSoTimeout(10_000);
                var in = new java.io.BufferedReader(new java.io.InputStreamReader(control.getInputStream()));
                OutputStream out = control.getOutputStream();
                assertThat(in.readLine()).startsWith("220");
                for (String cmd : new String[] {"USER six", "PASS six-password", "TYPE I"}) {
                    out.write((cmd + "\r\n").getBytes());
                    assertThat(in.readLine()).matches("(331|230|200) .*");
                }
                out.write("PASV\r\n".getBytes());
                assertThat(in.readLine()).startsWith("425");
                out.write("EPSV\r\n".getBytes());
                String epsv = in.readLine();
                assertThat(epsv).startsWith("229");
                int port = Integer.parseInt(epsv.replaceAll(".*\\|\\|\\|(\\d+)\\|.*", "$1"));
                try (Socket d = new Socket()) {
                    d.connect(new InetSocketAddress("::1", port), 5000);
                    out.write("RETR v6.txt\r\n".getBytes());
                    assertThat(in.readLine()).startsWith("150");
                    assertThat(new String(d.getInputStream().readAllBytes())).isEqualTo("over IPv6");
                }
                assertThat(in.readLine()).startsWith("226");
                try (var listener = new java.net.ServerSocket(0, 1, InetAddress.getByName("::1"))) {
                    out.write(("EPRT |2|::1|" + listener.getLocalPort() + "|\r\n").getBytes());
                    assertThat(in.readLine()).startsWith("200");
                    CompletableFuture<String> got = CompletableFuture.supplyAsync(() -> {
                        try (Socket s = listener.accept(); InputStream i = s.getInputStream()) {
                            return new String(i.readAllBytes());
                        } catch (Exception e) {
                            throw new RuntimeException(e);
                        }
                    });
                    out.write("RETR v6.txt\r\n".getBytes());
                    assertThat(in.readLine()).startsWith("150");
                    assertThat(got.get(10, TimeUnit.SECONDS)).isEqualTo("over IPv6");
                    assertThat(in.readLine()).startsWith("226");
                }
            }
        }
    }

    @Test
    void shutdownLetsARunningTransferFinishWithinTheGracePeriod() throws Exception {
        TestServer server = TestServer.start(data);
        Path home = server.addUser("grace", "grace-password");
        byte[] content = new byte[4 * 1024 * 1024];
        new java.util.Random(5).nextBytes(content);
        Files.write(home.resolve("grace.bin"), content);
        try (RawFtp raw = RawFtp.connect(server.ftpPort()).login("grace", "grace-password")) {
            raw.send("TYPE I");
            Socket d = raw.pasv();
            assertThat(raw.send("RETR grace.bin").code()).isEqualTo(150);
            InputStream in = d.getInputStream();
            byte[] first = in.readNBytes(100_000);
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> server.server().shutdown(Duration.ofSeconds(20)));
            Thread.sleep(300);
            // No new connections while stopping.
            boolean refused;
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", server.ftpPort()), 2000);
                refused = s.getInputStream().read() < 0;
            } catch (java.io.IOException e) {
                refused = true;
            }
            assertThat(refused).isTrue();
            byte[] rest = in.readAllBytes();
            d.close();
            assertThat(raw.read().code()).isEqualTo(226);
            byte[] all = new byte[first.length + rest.length];
            System.arraycopy(first, 0, all, 0, first.length);
            System.arraycopy(rest, 0, all, first.length, rest.length);
            assertThat(all).isEqualTo(content);
            // Then the session is closed with 421.
            assertThat(raw.read().code()).isEqualTo(421);
            stopping.get(30, TimeUnit.SECONDS);
        } finally {
            server.users().close();
        }
    }

    @Test
    void aTransferLongerThanTheGracePeriodIsCutWith421() throws Exception {
        TestServer server = TestServer.start(data);
        Path home = server.addUser("slowpoke", "slowpoke-password");
        Files.write(home.resolve("huge.bin"), new byte[64 * 1024 * 1024]);
        try (RawFtp raw = RawFtp.connect(server.ftpPort()).login("slowpoke", "slowpoke-password")) {
            raw.send("TYPE I");
            Socket d = raw.pasv();
            assertThat(raw.send("RETR huge.bin").code()).isEqualTo(150);
            d.getInputStream().readNBytes(1000); // and then stop reading
            long t0 = System.nanoTime();
            server.server().shutdown(Duration.ofSeconds(1));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
            Set<Integer> codes = new HashSet<>();
            try {
                while (true) {
                    codes.add(raw.read().code());
                }
            } catch (java.io.IOException closed) {
                // the server closed the control connection
            }
            assertThat(codes).contains(421);
            d.close();
        } finally {
            server.users().close();
        }
    }

    private static boolean hasIpv6Loopback() {
        try {
            return NetworkInterface.getByInetAddress(InetAddress.getByName("::1")) != null
                    && InetAddress.getByName("::1") instanceof Inet6Address;
        } catch (Exception e) {
            return false;
        }
    }
}
