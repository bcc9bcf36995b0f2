package dev.ferry.app.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.app.testing.TestServer;
import dev.ferry.core.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Timing checks that the issue asks for, with wide tolerances: a limit must never let data go
 * faster than its rate (the lower bounds are tight), while a busy shared machine may make things
 * slower (the upper bounds are loose). Each prints what it measured.
 */
@Tag("timing")
class BandwidthTimingTest {

    private static final int MIB = 1 << 20;

    @TempDir
    Path data;

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** The figure: a 20 MiB download at 1 MiB/s takes 20 s +- 10%. */
    @Test
    void a20MiBDownloadAt1MiBPerSecondTakes20Seconds() throws Exception {
        try (TestServer server = TestServer.start(data)) {
            Path home = server.addUser("alice", "alice-pass-1", Accounts.rates(0, MIB));
            Files.write(home.resolve("20MiB.bin"), Ftp.randomBytes(20 * MIB, 20));
            FTPClient c = server.login("alice", "alice-pass-1");
            try {
                long start = System.nanoTime();
                assertThat(Ftp.drain(c, "20MiB.bin")).isEqualTo(20L * MIB);
                double t = seconds(start);
                System.out.printf("MEASURED: 20 MiB download at --down-rate 1MiB/s took %.2f s%n", t);
                assertThat(t).as("seconds for 20 MiB at 1 MiB/s").isBetween(18.0, 30.0);
            } finally {
                c.disconnect();
            }
        }
    }

    /** HASH reads the file as RETR does: within the user's rate, so it is no way around it. */
    @Test
    void aHashOfTheFileGoesAtTheDownloadRate() throws Exception {
        try (TestServer server = TestServer.start(data)) {
            Path home = server.addUser("hana", "hana-pass-1", Accounts.rates(0, MIB));
            Files.write(home.resolve("3MiB.bin"), Ftp.randomBytes(3 * MIB, 7));
            FTPClient c = server.login("hana", "hana-pass-1");
            try {
                long start = System.nanoTime();
                assertThat(c.sendCommand("HASH", "3MiB.bin")).isEqualTo(213);
                double t = seconds(start);
                System.out.printf("MEASURED: HASH of 3 MiB at --down-rate 1MiB/s took %.2f s%n", t);
                assertThat(t).as("3 MiB at 1 MiB/s").isGreaterThan(1.8);
            } finally {
                c.disconnect();
            }
        }
    }

    /** Two sessions of one user share the user's bucket: together they get the rate, not twice it. */
    @Test
    void aUsersSessionsShareTheirRate() throws Exception {
        try (TestServer server = TestServer.start(data)) {
            Path home = server.addUser("bob", "bob-pass-1", Accounts.rates(0, 2 * MIB));
            Files.write(home.resolve("3MiB.bin"), Ftp.randomBytes(3 * MIB, 3));
            double t = parallelDownloads(server, List.of("bob", "bob"), "3MiB.bin");
            System.out.printf("MEASURED: 2 sessions x 3 MiB at one user's --down-rate 2MiB/s took %.2f s%n", t);
            assertThat(t).as("6 MiB at 2 MiB/s: about 3 s").isBetween(2.7, 8.0);
        }
    }

    /** Different users together are held to the server-wide rate. */
    @Test
    void theServerWideRateHoldsAcrossUsers() throws Exception {
        try (TestServer server = TestServer.start(data, Map.of(Settings.DOWN_RATE, "2MiB/s"))) {
            for (String u : List.of("carol", "dave")) {
                Path home = server.addUser(u, u + "-pass-1");
                Files.write(home.resolve("3MiB.bin"), Ftp.randomBytes(3 * MIB, 4));
            }
            double t = parallelDownloads(server, List.of("carol", "dave"), "3MiB.bin");
            System.out.printf("MEASURED: 2 users x 3 MiB at server --down-rate 2MiB/s took %.2f s%n", t);
            assertThat(t).as("6 MiB at 2 MiB/s: about 3 s").isBetween(2.7, 8.0);
        }
    }

    @Test
    void uploadsAreThrottledToo() throws Exception {
        try (TestServer server = TestServer.start(data)) {
            server.addUser("erin", "erin-pass-1", Accounts.rates(MIB, 0));
            FTPClient c = server.login("erin", "erin-pass-1");
            try {
                long start = System.nanoTime();
                assertThat(Ftp.upload(c, "up.bin", Ftp.randomBytes(2 * MIB, 5))).isEqualTo(226);
                double t = seconds(start);
                System.out.printf("MEASURED: 2 MiB upload at --up-rate 1MiB/s took %.2f s%n", t);
                assertThat(t).as("2 MiB at 1 MiB/s: about 2 s").isBetween(1.8, 6.0);
            } finally {
                c.disconnect();
            }
        }
    }

    private static double parallelDownloads(TestServer server, List<String> users, String file) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(users.size());
        try {
            List<FTPClient> clients = new ArrayList<>();
            for (String u : users) {
                clients.add(server.login(u, u + "-pass-1"));
            }
            long start = System.nanoTime();
            List<Future<Long>> results = new ArrayList<>();
            for (FTPClient c : clients) {
                results.add(pool.submit((Callable<Long>) () -> Ftp.drain(c, file)));
            }
            for (Future<Long> f : results) {
                assertThat(f.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(3L * MIB);
            }
            double t = seconds(start);
            for (FTPClient c : clients) {
                c.disconnect();
            }
            return t;
        } finally {
            pool.shutdownNow();
        }
    }
}
