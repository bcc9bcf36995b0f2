package dev.ferry.core.user;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The user-store schema, as an ordered list of migrations applied once each. The SQL is the common
 * subset of SQLite and PostgreSQL, so both stores have the same schema and behaviour.
 */
final class Migrations {

    private Migrations() {}

    private static final List<List<String>> STEPS = List.of(
            List.of(
                """
                CREATE TABLE users (
                    name            VARCHAR(64) PRIMARY KEY,
                    password_hash   TEXT NOT NULL,
                    home            TEXT,
                    permissions     TEXT NOT NULL,
                    dir_permissions TEXT NOT NULL,
                    quota_bytes     BIGINT NOT NULL DEFAULT 0,
                    quota_files     BIGINT NOT NULL DEFAULT 0,
                    up_rate         BIGINT NOT NULL DEFAULT 0,
                    down_rate       BIGINT NOT NULL DEFAULT 0,
                    max_sessions    INTEGER NOT NULL DEFAULT 0,
                    allow_cidrs     TEXT NOT NULL DEFAULT '',
                    deny_cidrs      TEXT NOT NULL DEFAULT '',
                    expires_at      BIGINT,
                    disabled        INTEGER NOT NULL DEFAULT 0,
                    used_bytes      BIGINT,
                    used_files      BIGINT,
                    created_at      BIGINT NOT NULL,
                    updated_at      BIGINT NOT NULL
                )
                """
            ),
            // 2: login bans, in the same store so that they survive a restart and nodes sharing
            // a PostgreSQL store share them.
            List.of(
                """
                CREATE TABLE bans (
                    network      VARCHAR(64) PRIMARY KEY,
                    banned_until BIGINT NOT NULL,
                    offences     INTEGER NOT NULL,
                    reason       TEXT NOT NULL,
                    created_at   BIGINT NOT NULL
                )
                """
            ),
            // 3: FTPS: per-user TLS rules; NULL inherits the server's --tls / --tls-reuse, and a NULL
            // client_cert means passwords only.
            List.of(
                "ALTER TABLE users ADD COLUMN tls_policy TEXT",
                "ALTER TABLE users ADD COLUMN tls_reuse TEXT",
                "ALTER TABLE users ADD COLUMN tls_client_cert TEXT"
            ),
            // 4: SSH public keys (ferry user key add/list/del). Kept as its own step; the SFTP
            // front-end reads it at every public-key login.
            List.of(
                """
                CREATE TABLE user_keys (
                    user_name   VARCHAR(64) NOT NULL,
                    fingerprint VARCHAR(80) NOT NULL,
                    algorithm   VARCHAR(64) NOT NULL,
                    key_data    TEXT NOT NULL,
                    comment     TEXT NOT NULL DEFAULT '',
                    added_at    BIGINT NOT NULL,
                    PRIMARY KEY (user_name, fingerprint)
                )
                """
            ));

    /** Attempts before giving up when other processes keep migrating at the same moment. */
    private static final int ATTEMPTS = 8;

    /**
     * Brings the schema up to date; safe to call from several processes at once (a server and
     * `ferry user` commands on one SQLite file, or several nodes on one PostgreSQL database): a
     * step that collides with another process's is rolled back, and the loop goes on from the
     * version that process reached. Returns the schema version the store is at: {@link #latest()},
     * or more when a newer Ferry has upgraded it.
     */
    static int apply(Connection c) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            SQLException last = null;
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                try {
                    st.execute("CREATE TABLE IF NOT EXISTS ferry_schema (version INTEGER NOT NULL)");
                    c.commit();
                    int found = currentVersion(st);
                    if (found > STEPS.size()) {
                        // A newer Ferry has upgraded the store (nodes sharing one are upgraded one
                        // by one). Its steps add tables and columns, so this one can still read and
                        // write what it knows; the caller tells the operator all the same.
                        c.commit();
                        return found;
                    }
                    for (int i = found; i < STEPS.size(); i++) {
                        for (String sql : STEPS.get(i)) {
                            st.execute(sql);
                        }
                        st.executeUpdate("DELETE FROM ferry_schema");
                        st.executeUpdate("INSERT INTO ferry_schema (version) VALUES (" + (i + 1) + ")");
                        c.commit();
                    }
                    return STEPS.size();
                } catch (SQLException e) {
                    last = e;
                    c.rollback();
                    int reached = versionOrZero(st);
                    if (reached >= STEPS.size()) {
                        return reached;
                    }
                    try {
                        Thread.sleep(20L * (attempt + 1));
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                }
            }
            throw last;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private static int versionOrZero(Statement st) {
        try {
            int v = currentVersion(st);
            st.getConnection().commit();
            return v;
        } catch (SQLException e) {
            try {
                st.getConnection().rollback();
            } catch (SQLException ignored) {
                // the caller retries anyway
            }
            return 0;
        }
    }

    static int latest() {
        return STEPS.size();
    }

    private static int currentVersion(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT MAX(version) FROM ferry_schema")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
