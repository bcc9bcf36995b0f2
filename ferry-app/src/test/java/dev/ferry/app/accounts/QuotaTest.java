package dev.ferry.app.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.app.testing.TestServer;
import dev.ferry.core.user.UserStore;
import dev.ferry.core.vfs.DiskUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * Quotas through the real server and Commons Net: the cut-off at the exact byte with 552, and the
 * stored usage equal to the bytes on disk after every kind of change, also under parallel uploads.
 */
class QuotaTest {

    private static final int MIB = 1 << 20;

    @TempDir
    Path data;
    TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(data);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void assertStoredUsageMatchesDisk(String user, Path home) throws Exception {
        DiskUsage.Totals disk = DiskUsage.of(home);
        assertThat(server.users().usage(user)).as("stored usage of " + user)
                .contains(new UserStore.Usage(disk.bytes(), disk.files()));
    }

    @Test
    void anUploadPastTheQuotaIsCutOffAtTheLimitWith552() throws Exception {
        Path home = server.addUser("alice", "alice-pass-1", Accounts.quota(MIB, 0));
        Files.write(home.resolve("existing.bin"), new byte[300_000]);
        FTPClient c = server.login("alice", "alice-pass-1");
        try {
            byte[] big = Ftp.randomBytes(2 * MIB, 7);
            assertThat(Ftp.upload(c, "big.bin", big)).isEqualTo(552);
            assertThat(c.getReplyString()).contains("Quota exceeded").contains("after " + (MIB - 300_000) + " bytes");
            byte[] kept = Files.readAllBytes(home.resolve("big.bin"));
            assertThat(kept).as("the bytes within the quota stay").isEqualTo(Arrays.copyOf(big, MIB - 300_000));
            assertStoredUsageMatchesDisk("alice", home);
            assertThat(server.users().usage("alice")).contains(new UserStore.Usage(MIB, 2));

            assertThat(Ftp.upload(c, "more.bin", new byte[10])).as("full: refused before any data").isEqualTo(552);
            assertThat(Files.exists(home.resolve("more.bin"))).isFalse();
            assertThat(c.deleteFile("existing.bin")).isTrue();
            assertStoredUsageMatchesDisk("alice", home);
            assertThat(Ftp.upload(c, "more.bin", new byte[200_000])).as("room again after a delete").isEqualTo(226);
            assertStoredUsageMatchesDisk("alice", home);
        } finally {
            c.disconnect();
        }
    }

    @Test
    void aLargeUploadPastTheQuotaIsCutOffAtTheExactByteToo() throws Exception {
        // Past its first MiB an upload may be spliced into the file (SocketSplice): the same cut-off.
        Path home = server.addUser("erin", "erin-pass-1", Accounts.quota(5L * MIB, 0));
        Files.write(home.resolve("existing.bin"), new byte[300_000]);
        FTPClient c = server.login("erin", "erin-pass-1");
        try {
            byte[] big = Ftp.randomBytes(9 * MIB, 8);
            assertThat(Ftp.upload(c, "big.bin", big)).isEqualTo(552);
            assertThat(c.getReplyString()).contains("after " + (5 * MIB - 300_000) + " bytes");
            assertThat(Files.readAllBytes(home.resolve("big.bin"))).isEqualTo(Arrays.copyOf(big, 5 * MIB - 300_000));
            assertStoredUsageMatchesDisk("erin", home);
            assertThat(server.users().usage("erin")).contains(new UserStore.Usage(5L * MIB, 2));
        } finally {
            c.disconnect();
        }
    }

    @Test
    void theFileCountQuotaRefusesTheNextNewFile() throws Exception {
        Path home = server.addUser("bob", "bob-pass-1", Accounts.quota(0, 3));
        FTPClient c = server.login("bob", "bob-pass-1");
        try {
            for (int i = 0; i < 3; i++) {
                assertThat(Ftp.upload(c, "f" + i, new byte[1000])).isEqualTo(226);
            }
            assertThat(Ftp.upload(c, "f3", new byte[1000])).isEqualTo(552);
            assertThat(c.getReplyString()).contains("3 of 3 files");
            assertThat(Ftp.upload(c, "f0", new byte[2000])).as("replacing a file adds none").isEqualTo(226);
            assertStoredUsageMatchesDisk("bob", home);
        } finally {
            c.disconnect();
        }
    }

    @Test
    void usageIsMeasuredAtTheFirstLoginAndKeptTrueByEveryChange() throws Exception {
        Path home = server.addUser("carol", "carol-pass-1", Accounts.quota(50L * MIB, 0));
        Files.createDirectories(home.resolve("sub"));
        Files.write(home.resolve("sub/a.bin"), new byte[123_456]);
        Files.write(home.resolve("b.bin"), new byte[654_321]);
        assertThat(server.users().usage("carol")).as("unknown before the first login").isEmpty();
        FTPClient c = server.login("carol", "carol-pass-1");
        try {
            assertStoredUsageMatchesDisk("carol", home);
            assertThat(Ftp.upload(c, "c.bin", new byte[MIB])).isEqualTo(226);
            assertStoredUsageMatchesDisk("carol", home);
            assertThat(Ftp.upload(c, "c.bin", new byte[1000])).as("overwrite").isEqualTo(226);
            assertStoredUsageMatchesDisk("carol", home);
            c.setRestartOffset(500);
            assertThat(Ftp.upload(c, "c.bin", new byte[100])).as("REST 500 + STOR cuts the tail").isEqualTo(226);
            assertThat(Files.size(home.resolve("c.bin"))).isEqualTo(600);
            assertStoredUsageMatchesDisk("carol", home);
            assertThat(Ftp.append(c, "c.bin", new byte[400])).isEqualTo(226);
            assertStoredUsageMatchesDisk("carol", home);
            assertThat(c.rename("c.bin", "b.bin")).as("rename over a file").isTrue();
            assertStoredUsageMatchesDisk("carol", home);
            assertThat(c.rename("b.bin", "sub/b.bin")).isTrue();
            assertThat(c.deleteFile("sub/a.bin")).isTrue();
            assertStoredUsageMatchesDisk("carol", home);
            assertThat(server.users().usage("carol")).contains(new UserStore.Usage(1000, 1));
        } finally {
            c.disconnect();
        }
    }

    /**
     * Many sessions of one user uploading at once, against a quota that cannot hold them all: the
     * stored usage equals the bytes on disk exactly, and those never exceed the quota.
     */
    @Test
    void parallelUploadsNeverLoseAnUpdateNorPassTheQuota() throws Exception {
        long quota = 10L * MIB;
        Path home = server.addUser("dave", "dave-pass-1", Accounts.quota(quota, 0));
        int sessions = 8;
        byte[] payload = Ftp.randomBytes(2 * MIB, 3);
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        List<Integer> codes = new ArrayList<>();
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                String name = "part" + i + ".bin";
                results.add(pool.submit((Callable<Integer>) () -> {
                    FTPClient c = server.login("dave", "dave-pass-1");
                    try {
                        return Ftp.upload(c, name, payload);
                    } finally {
                        c.disconnect();
                    }
                }));
            }
            for (Future<Integer> f : results) {
                codes.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(codes).containsOnly(226, 552).contains(552);
        assertThat(DiskUsage.of(home).bytes()).as("16 MiB offered, 10 MiB of room: exactly full").isEqualTo(quota);
        assertStoredUsageMatchesDisk("dave", home);
    }

    /** Uploads, overwrites and deletes from parallel sessions, without a cut-off: the figure stays true. */
    @Test
    void parallelMixedChangesKeepTheFigureTrue() throws Exception {
        Path home = server.addUser("erin", "erin-pass-1", Accounts.quota(1L << 40, 0));
        int sessions = 6;
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        try {
            List<Future<Void>> results = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                int id = i;
                results.add(pool.submit((Callable<Void>) () -> {
                    FTPClient c = server.login("erin", "erin-pass-1");
                    try {
                        for (int k = 0; k < 10; k++) {
                            String name = "s" + id + "-" + (k % 4) + ".bin";
                            assertThat(Ftp.upload(c, name, new byte[10_000 * (k + 1) + id])).isEqualTo(226);
                            if (k % 3 == 2) {
                                assertThat(c.deleteFile(name)).isTrue();
                            }
                        }
                    } finally {
                        c.disconnect();
                    }
                    return null;
                }));
            }
            for (Future<Void> f : results) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertStoredUsageMatchesDisk("erin", home);
    }
}
