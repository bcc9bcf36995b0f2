package dev.ferry.app.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.app.testing.TestServer;
import dev.ferry.core.config.Settings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 500 sessions logged in at once, each uploading and downloading its own file while all the
 * others are connected; every byte must come back as sent. Bounded: small files, fixed count.
 */
class ConcurrentSessionsTest {

    static final int SESSIONS = 500;
    static final int USERS = 10;

    @TempDir
    Path data;

    @Test
    void fiveHundredSessionsTransferAtOnceAndEveryFileIsIntact() throws Exception {
        // Every session logs in at once: let them all queue for a hashing thread.
        try (TestServer server = TestServer.start(data, Map.of(Settings.HASH_QUEUE, Integer.toString(SESSIONS)))) {
            for (int u = 0; u < USERS; u++) {
                server.addUser("load" + u, "load-password-" + u);
            }
            Path shared = server.dataDir().resolve("home/load0/shared.bin");
            byte[] sharedContent = bytes(2 * 1024 * 1024, 99);
            Files.write(shared, sharedContent);
            String sharedDigest = sha256(sharedContent);

            CountDownLatch allLoggedIn = new CountDownLatch(SESSIONS);
            ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                int id = i;
                results.add(pool.submit(() -> session(server, id, allLoggedIn, sharedDigest)));
            }
            List<String> problems = new ArrayList<>();
            for (Future<String> f : results) {
                String r = f.get(5, TimeUnit.MINUTES);
                if (!r.equals("ok")) {
                    problems.add(r);
                }
            }
            pool.shutdown();
            assertThat(problems).isEmpty();
            // Every upload is on disk, byte for byte.
            for (int i = 0; i < SESSIONS; i++) {
                Path f = server.dataDir().resolve("home/load" + (i % USERS) + "/up-" + i + ".bin");
                assertThat(sha256(Files.readAllBytes(f))).as(f.toString()).isEqualTo(sha256(bytes(size(i), i)));
            }
        }
    }

    @Test
    void clientsThatStopReadingDoNotStallTheServer() throws Exception {
        int stuck = Runtime.getRuntime().availableProcessors() * 4;
        try (TestServer server = TestServer.start(data)) {
            Path home = server.addUser("reader", "reader-password");
            Files.write(home.resolve("big.bin"), new byte[64 * 1024 * 1024]);
            List<dev.ferry.app.testing.RawFtp> sessions = new ArrayList<>();
            List<java.net.Socket> dataSockets = new ArrayList<>();
            try {
                // More stalled downloads than there are carrier threads.
                for (int i = 0; i < stuck; i++) {
                    var raw = dev.ferry.app.testing.RawFtp.connect(server.ftpPort()).login("reader", "reader-password");
                    sessions.add(raw);
                    raw.send("TYPE I");
                    java.net.Socket d = raw.pasv();
                    dataSockets.add(d);
                    assertThat(raw.send("RETR big.bin").code()).isEqualTo(150);
                    d.getInputStream().readNBytes(1024); // then never read again
                }
                Thread.sleep(500);
                // The server still greets, logs in and answers everyone else at once.
                long t0 = System.nanoTime();
                try (var fresh = dev.ferry.app.testing.RawFtp.connect(server.ftpPort()).login("reader", "reader-password")) {
                    assertThat(fresh.send("NOOP").code()).isEqualTo(200);
                }
                assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5_000);
                // And every stalled session can still be aborted.
                for (var raw : sessions) {
                    raw.write("ABOR\r\n");
                    assertThat(raw.read().code()).isEqualTo(426);
                    assertThat(raw.read().code()).isEqualTo(226);
                }
            } finally {
                for (java.net.Socket d : dataSockets) {
                    d.close();
                }
                for (var raw : sessions) {
                    raw.close();
                }
            }
        }
    }

    private static String session(TestServer server, int id, CountDownLatch allLoggedIn, String sharedDigest) {
        FTPClient c = null;
        try {
            c = server.login("load" + (id % USERS), "load-password-" + (id % USERS));
            allLoggedIn.countDown();
            // Transfer only once every session is logged in, so they really are concurrent.
            if (!allLoggedIn.await(3, TimeUnit.MINUTES)) {
                return id + ": not every session logged in";
            }
            byte[] content = bytes(size(id), id);
            if (!c.storeFile("up-" + id + ".bin", new ByteArrayInputStream(content))) {
                return id + ": STOR " + c.getReplyString();
            }
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            if (!c.retrieveFile("up-" + id + ".bin", back) || !sha256(back.toByteArray()).equals(sha256(content))) {
                return id + ": RETR differs " + c.getReplyString();
            }
            if (id % USERS == 0) {
                back.reset();
                if (!c.retrieveFile("shared.bin", back) || !sha256(back.toByteArray()).equals(sharedDigest)) {
                    return id + ": shared RETR differs";
                }
            }
            c.logout();
            return "ok";
        } catch (Exception e) {
            allLoggedIn.countDown();
            return id + ": " + e;
        } finally {
            if (c != null && c.isConnected()) {
                try {
                    c.disconnect();
                } catch (Exception ignored) {
                    // closing anyway
                }
            }
        }
    }

    private static int size(int id) {
        return 20_000 + (id * 7919) % 200_000;
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
