package dev.ferry.core.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.transfer.QuotaExceededException;
import dev.ferry.core.user.JdbcUserStore;
import dev.ferry.core.user.Permissions;
import dev.ferry.core.user.User;
import dev.ferry.core.user.UserLimits;
import dev.ferry.core.user.UserStore;
import dev.ferry.core.vfs.DiskUsage;
import dev.ferry.core.vfs.LocalFileSystem;
import dev.ferry.core.vfs.VfsException;
import dev.ferry.core.vfs.VirtualPath;
import dev.ferry.core.vfs.WriteMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quota as the file system enforces it: through the real {@link LocalFileSystem} on a real
 * disk, with the usage kept in a real (SQLite) store. After every scenario the stored figure must
 * equal what is on disk.
 */
class QuotaEnforcementTest {

    @TempDir
    Path dir;

    private JdbcUserStore store;
    private QuotaLedgers ledgers;
    private Path home;

    @BeforeEach
    void open() throws Exception {
        store = JdbcUserStore.sqlite(dir.resolve("users.db"));
        ledgers = new QuotaLedgers(store);
        home = Files.createDirectories(dir.resolve("home"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private User user(long quotaBytes, long quotaFiles) throws Exception {
        User u = new User("alice", "h", Optional.of(home.toString()), Permissions.ALL,
                new UserLimits(quotaBytes, quotaFiles, 0, 0, 0, List.of(), List.of()), false, Optional.empty());
        if (store.find("alice").isEmpty()) {
            store.create(u);
        } else {
            store.update(u);
        }
        return u;
    }

    private LocalFileSystem session(User u) throws IOException {
        return new LocalFileSystem(home, u.permissions(), "alice@test", ledgers.open(u, () -> dev.ferry.core.vfs.DiskUsage.of(home)));
    }

    private static VirtualPath p(String s) throws VfsException {
        return VirtualPath.of(s);
    }

    private static ByteBuffer bytes(int n) {
        return ByteBuffer.wrap(new byte[n]);
    }

    /** Writes {@code n} bytes as an upload's copy loop would; returns what was written before the quota stopped it. */
    private static long upload(LocalFileSystem fs, String path, WriteMode mode, int n) throws Exception {
        long written = 0;
        try (WritableByteChannel ch = fs.openWrite(p(path), mode)) {
            ByteBuffer b = bytes(n);
            while (b.hasRemaining()) {
                written += ch.write(b);
            }
        } catch (QuotaExceededException e) {
            return -written - 1;
        }
        return written;
    }

    private void assertStoredMatchesDisk() throws Exception {
        DiskUsage.Totals disk = DiskUsage.of(home);
        assertThat(store.usage("alice")).contains(new UserStore.Usage(disk.bytes(), disk.files()));
    }

    @Test
    void anUploadStopsAtTheExactByteAndKeepsWhatFits() throws Exception {
        Files.write(home.resolve("old.bin"), new byte[300]);
        LocalFileSystem fs = session(user(1000, 0));
        assertThat(store.usage("alice")).as("measured at login").contains(new UserStore.Usage(300, 1));
        long r = upload(fs, "/new.bin", WriteMode.TRUNCATE, 5000);
        assertThat(r).as("quota hit after 700 bytes").isEqualTo(-701);
        assertThat(Files.size(home.resolve("new.bin"))).isEqualTo(700);
        assertStoredMatchesDisk();
        assertThat(store.usage("alice")).contains(new UserStore.Usage(1000, 2));
        assertThatThrownBy(() -> fs.openWrite(p("/more.bin"), WriteMode.TRUNCATE))
                .isInstanceOfSatisfying(VfsException.class, e -> assertThat(e.reason()).isEqualTo(VfsException.Reason.QUOTA_EXCEEDED));
        assertThat(Files.exists(home.resolve("more.bin"))).as("a refused upload creates nothing").isFalse();
    }

    @Test
    void anOverwriteFreesTheOldBytesFirst() throws Exception {
        Files.write(home.resolve("a.bin"), new byte[800]);
        LocalFileSystem fs = session(user(1000, 0));
        assertThat(upload(fs, "/a.bin", WriteMode.TRUNCATE, 950)).isEqualTo(950);
        assertStoredMatchesDisk();
    }

    @Test
    void aRestartOffsetCutsTheTailAndResumesFromThere() throws Exception {
        Files.write(home.resolve("a.bin"), new byte[800]);
        LocalFileSystem fs = session(user(1000, 0));
        assertThat(upload(fs, "/a.bin", new WriteMode.At(500), 400)).isEqualTo(400);
        assertThat(Files.size(home.resolve("a.bin"))).isEqualTo(900);
        assertStoredMatchesDisk();
        assertThat(upload(fs, "/a.bin", WriteMode.APPEND, 400)).as("append: only 100 bytes of room").isEqualTo(-101);
        assertStoredMatchesDisk();
    }

    @Test
    void deletesAndRenamesOverAFileGiveTheirRoomBack() throws Exception {
        LocalFileSystem fs = session(user(10_000, 0));
        upload(fs, "/a", WriteMode.TRUNCATE, 1000);
        upload(fs, "/b", WriteMode.TRUNCATE, 2000);
        upload(fs, "/c", WriteMode.TRUNCATE, 3000);
        fs.mkdir(p("/d"));
        assertStoredMatchesDisk();
        fs.delete(p("/a"));
        assertStoredMatchesDisk();
        fs.rename(p("/b"), p("/c")); // replaces c
        assertStoredMatchesDisk();
        fs.rename(p("/c"), p("/d/c")); // a move costs nothing
        assertStoredMatchesDisk();
        Files.createSymbolicLink(home.resolve("link"), home.resolve("d/c"));
        fs.delete(p("/link")); // a link costs nothing, deleting it frees nothing
        assertStoredMatchesDisk();
        assertThat(store.usage("alice")).contains(new UserStore.Usage(2000, 1));
    }

    @Test
    void theFileQuotaRefusesNewFilesButNotAppends() throws Exception {
        LocalFileSystem fs = session(user(0, 2));
        upload(fs, "/a", WriteMode.TRUNCATE, 10);
        upload(fs, "/b", WriteMode.TRUNCATE, 10);
        assertThatThrownBy(() -> fs.openWrite(p("/c"), WriteMode.TRUNCATE))
                .isInstanceOfSatisfying(VfsException.class, e -> {
                    assertThat(e.reason()).isEqualTo(VfsException.Reason.QUOTA_EXCEEDED);
                    assertThat(e.getMessage()).contains("2 of 2 files");
                });
        assertThat(upload(fs, "/a", WriteMode.APPEND, 10)).isEqualTo(10);
        fs.delete(p("/b"));
        assertThat(upload(fs, "/c", WriteMode.TRUNCATE, 10)).isEqualTo(10);
        assertStoredMatchesDisk();
    }

    @Test
    void usageIsMeasuredOnceWhenUnknownAndAgainWhenForgotten() throws Exception {
        Files.write(home.resolve("a"), new byte[100]);
        User u = user(10_000, 0);
        session(u);
        assertThat(store.usage("alice")).contains(new UserStore.Usage(100, 1));
        Files.write(home.resolve("behind-our-back"), new byte[50]);
        session(u);
        assertThat(store.usage("alice")).as("not walked again").contains(new UserStore.Usage(100, 1));
        store.forgetUsage("alice");
        session(u);
        assertThat(store.usage("alice")).contains(new UserStore.Usage(150, 2));
    }

    @Test
    void withoutAQuotaNothingIsTracked() throws Exception {
        LocalFileSystem fs = session(user(0, 0));
        assertThat(upload(fs, "/a", WriteMode.TRUNCATE, 100_000)).isEqualTo(100_000);
        assertThat(store.usage("alice")).isEmpty();
    }

    /** Several sessions of one user writing at once share the quota exactly: not a byte over. */
    @Test
    void concurrentUploadsShareTheQuotaExactly() throws Exception {
        long quota = 3_000_000;
        User u = user(quota, 0);
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                LocalFileSystem fs = session(u);
                String name = "/f" + i;
                results.add(pool.submit((Callable<Long>) () -> {
                    long total = 0;
                    try (WritableByteChannel ch = fs.openWrite(p(name), WriteMode.TRUNCATE)) {
                        for (int k = 0; k < 100; k++) {
                            ByteBuffer b = bytes(8 * 1024);
                            while (b.hasRemaining()) {
                                total += ch.write(b);
                            }
                        }
                    } catch (QuotaExceededException e) {
                        // stopped at the limit
                    } catch (VfsException e) {
                        // opened when the quota was already full
                        assertThat(e.reason()).isEqualTo(VfsException.Reason.QUOTA_EXCEEDED);
                    }
                    return total;
                }));
            }
            long sum = 0;
            for (Future<Long> f : results) {
                sum += f.get();
            }
            assertThat(sum).as("8 x 800 KiB asked, the quota holds 3,000,000").isEqualTo(quota);
        } finally {
            pool.shutdownNow();
        }
        assertThat(DiskUsage.of(home).bytes()).isEqualTo(quota);
        assertStoredMatchesDisk();
    }
}
