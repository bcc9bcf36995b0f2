package dev.ferry.core.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.tls.ClientCertLogin;
import dev.ferry.core.tls.TlsPolicy;
import dev.ferry.core.tls.TlsReuse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-user TLS columns: stored, read back, and added to a store made before they existed. */
class UserTlsStoreTest {

    @TempDir
    Path dir;

    @Test
    void tlsRulesRoundTripAndInheritIsNull() throws Exception {
        try (JdbcUserStore store = JdbcUserStore.sqlite(dir.resolve("users.db"))) {
            store.create(User.withDefaults("alice", "$argon2id$x"));
            assertThat(store.find("alice").orElseThrow().tls()).isEqualTo(UserTls.INHERIT);
            UserTls strict = new UserTls(Optional.of(TlsPolicy.ALL), Optional.of(TlsReuse.OPTIONAL), ClientCertLogin.CERT_AND_PASSWORD);
            store.update(store.find("alice").orElseThrow().withTls(strict));
            assertThat(store.find("alice").orElseThrow().tls()).isEqualTo(strict);
            assertThat(store.findTls("alice")).as("the light read at USER says the same").contains(strict);
            assertThat(store.findTls("nobody")).isEmpty();
            store.create(User.withDefaults("bob", "$argon2id$y").withTls(strict));
            assertThat(store.find("bob").orElseThrow().tls()).isEqualTo(strict);
            // a password change keeps the TLS rules
            store.update(store.find("bob").orElseThrow().withPasswordHash("$argon2id$z"));
            assertThat(store.find("bob").orElseThrow().tls()).isEqualTo(strict);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("users.db"));
             Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE users SET tls_policy = NULL, tls_reuse = NULL, tls_client_cert = NULL WHERE name = 'alice'");
        }
        try (JdbcUserStore store = JdbcUserStore.sqlite(dir.resolve("users.db"))) {
            assertThat(store.find("alice").orElseThrow().tls()).as("NULL = inherit the server's").isEqualTo(UserTls.INHERIT);
            assertThat(store.findTls("alice")).contains(UserTls.INHERIT);
        }
    }

    @Test
    void aStoreFromBeforeTheTlsColumnsIsMigratedAndItsUsersInherit() throws Exception {
        Path db = dir.resolve("old.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE ferry_schema (version INTEGER NOT NULL)");
            st.execute("INSERT INTO ferry_schema (version) VALUES (1)");
            st.execute("""
                    CREATE TABLE users (name VARCHAR(64) PRIMARY KEY, password_hash TEXT NOT NULL, home TEXT,
                        permissions TEXT NOT NULL, dir_permissions TEXT NOT NULL, quota_bytes BIGINT NOT NULL DEFAULT 0,
                        quota_files BIGINT NOT NULL DEFAULT 0, up_rate BIGINT NOT NULL DEFAULT 0, down_rate BIGINT NOT NULL DEFAULT 0,
                        max_sessions INTEGER NOT NULL DEFAULT 0, allow_cidrs TEXT NOT NULL DEFAULT '', deny_cidrs TEXT NOT NULL DEFAULT '',
                        expires_at BIGINT, disabled INTEGER NOT NULL DEFAULT 0, used_bytes BIGINT, used_files BIGINT,
                        created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)""");
            st.execute("INSERT INTO users (name, password_hash, permissions, dir_permissions, created_at, updated_at) "
                    + "VALUES ('old', '$argon2id$old', 'list,download', '{}', 0, 0)");
        }
        try (JdbcUserStore store = JdbcUserStore.sqlite(db)) {
            User old = store.find("old").orElseThrow();
            assertThat(old.tls()).isEqualTo(UserTls.INHERIT);
            store.update(old.withTls(new UserTls(Optional.of(TlsPolicy.LOGIN), Optional.empty(), ClientCertLogin.PASSWORD)));
            assertThat(store.find("old").orElseThrow().tls().policy()).contains(TlsPolicy.LOGIN);
        }
    }
}
