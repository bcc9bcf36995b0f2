package dev.ferry.core.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user-store suite on SQLite, the embedded default. */
class SqliteUserStoreTest extends UserStoreContract {

    @TempDir
    Path dir;

    @Override
    JdbcUserStore openStore() throws Exception {
        return JdbcUserStore.sqlite(dir.resolve("users.db"));
    }

    /** Server and `ferry user` commands open the same fresh file at once: the migrations must not trip. */
    @Test
    void theStoreHoldingTheHashesIsReadableByItsOwnerOnly() throws Exception {
        var ownerOnly = java.nio.file.attribute.PosixFilePermissions.fromString("rw-------");
        Path made = dir.resolve("made.db");
        try (JdbcUserStore s = JdbcUserStore.sqlite(made)) {
            s.list();
        }
        assertThat(java.nio.file.Files.getPosixFilePermissions(made)).isEqualTo(ownerOnly);
        Path loose = dir.resolve("loose.db");
        java.nio.file.Files.createFile(loose,
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--")));
        try (JdbcUserStore s = JdbcUserStore.sqlite(loose)) {
            s.list();
        }
        assertThat(java.nio.file.Files.getPosixFilePermissions(loose)).as("an existing store is tightened").isEqualTo(ownerOnly);
    }

    @Test
    void severalProcessesMayCreateTheSchemaAtOnce() throws Exception {
        Path fresh = dir.resolve("fresh.db");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<JdbcUserStore> stores = new ArrayList<>();
        try {
            List<Future<JdbcUserStore>> opening = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                opening.add(pool.submit((Callable<JdbcUserStore>) () -> JdbcUserStore.sqlite(fresh)));
            }
            for (Future<JdbcUserStore> f : opening) {
                stores.add(f.get());
            }
            stores.get(0).create(User.withDefaults("alice", "h"));
            assertThat(stores.get(3).find("alice")).isPresent();
        } finally {
            stores.forEach(JdbcUserStore::close);
            pool.shutdownNow();
        }
    }
}
