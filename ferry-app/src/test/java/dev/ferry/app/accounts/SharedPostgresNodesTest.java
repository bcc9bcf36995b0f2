package dev.ferry.app.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.app.testing.TestServer;
import dev.ferry.core.config.Setting;
import dev.ferry.core.config.Settings;
import dev.ferry.core.testing.PostgresTestDatabase;
import dev.ferry.core.user.UserStore;
import dev.ferry.core.vfs.DiskUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Ferry nodes sharing one PostgreSQL user store, as a cluster would: accounts, bans and
 * quota usage are the same on both. Skipped, with the reason, without FERRY_TEST_POSTGRES_URL.
 */
class SharedPostgresNodesTest {

    @TempDir
    Path dir;
    PostgresTestDatabase.Schema schema;
    TestServer a;
    TestServer b;

    @BeforeEach
    void start() throws Exception {
        schema = PostgresTestDatabase.freshSchema();
        Map<Setting<?>, String> settings = new LinkedHashMap<>();
        settings.put(Settings.USERS, schema.url());
        settings.put(Settings.BAN_SAFELIST, "none");
        settings.put(Settings.BAN_AFTER, "3");
        settings.put(Settings.BAN_FOR, "1h");
        a = TestServer.start(dir.resolve("node-a"), settings);
        b = TestServer.start(dir.resolve("node-b"), settings);
    }

    @AfterEach
    void stop() throws Exception {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void anAccountMadeOnOneNodeLogsInOnTheOtherAndABanOnOneHoldsOnBoth() throws Exception {
        a.addUser("alice", "alice-pass-1");
        b.login("alice", "alice-pass-1").disconnect();

        FTPClient c = a.connect();
        try {
            for (int i = 0; i < 3; i++) {
                c.login("alice", "wrong-" + i);
            }
        } catch (java.io.IOException closed) {
            // hung up after the third failure
        } finally {
            c.disconnect();
        }
        assertThat(Greeting.of(a.ftpPort())).startsWith("421");
        long deadline = System.nanoTime() + 5_000_000_000L;
        String greeting;
        while (!(greeting = Greeting.of(b.ftpPort())).startsWith("421") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(greeting).as("node B refuses the address node A banned").startsWith("421");
    }

    /** Sessions on both nodes upload and delete at once; the shared figure equals the disk. */
    @Test
    void parallelUploadsOnBothNodesNeverLoseAnUpdate() throws Exception {
        Path shared = Files.createDirectories(dir.resolve("shared-home"));
        a.addUser("bob", "bob-pass-1", Accounts.quota(1L << 40, 0).andThen(Accounts.home(shared))::apply);
        int sessions = 8;
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                TestServer node = i % 2 == 0 ? a : b;
                int id = i;
                done.add(pool.submit((Callable<Void>) () -> {
                    FTPClient c = node.login("bob", "bob-pass-1");
                    try {
                        for (int k = 0; k < 12; k++) {
                            String name = "n" + id + "-" + (k % 5) + ".bin";
                            assertThat(Ftp.upload(c, name, new byte[7_000 * (k + 1) + id])).isEqualTo(226);
                            if (k % 4 == 3) {
                                assertThat(c.deleteFile(name)).isTrue();
                            }
                        }
                    } finally {
                        c.disconnect();
                    }
                    return null;
                }));
            }
            for (Future<Void> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        DiskUsage.Totals disk = DiskUsage.of(shared);
        assertThat(a.users().usage("bob")).contains(new UserStore.Usage(disk.bytes(), disk.files()));
    }
}
