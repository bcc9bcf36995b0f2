package dev.ferry.core.user;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ferry.core.net.Cidr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The user store on JDBC: SQLite (the embedded default, one file in the data directory, WAL mode
 * so the server and `ferry user` commands can use it at once) or PostgreSQL (shared by several
 * nodes). Same schema, same SQL, same behaviour.
 */
public final class JdbcUserStore implements UserStore, BanStore {

    private final HikariDataSource pool;
    private final KeptStatements kept;
    private final String description;
    /** The schema version found at open: {@link Migrations#latest()}, or more after a newer Ferry. */
    private int schemaVersion;

    private JdbcUserStore(HikariDataSource pool, String description) {
        this.pool = pool;
        this.kept = new KeptStatements(pool.getMaximumPoolSize());
        this.description = description;
    }

    /** The default store: SQLite at {@code <data>/users.db}. */
    public static JdbcUserStore sqlite(Path file) throws UserStoreException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new UserStoreException(UserStoreException.Reason.UNAVAILABLE, "cannot create " + file.getParent() + ": " + e.getMessage(), e);
        }
        ownerOnly(file);
        return open("jdbc:sqlite:" + file.toAbsolutePath());
    }

    /**
     * The store holds the password hashes: it is made readable by its owner only (SQLite gives its
     * -wal and -shm files the same mode), and an existing one that others could read is tightened.
     */
    private static void ownerOnly(Path file) throws UserStoreException {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return; // no modes to set: the file system's own access rules apply
        }
        Set<PosixFilePermission> mode = PosixFilePermissions.fromString("rw-------");
        try {
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(mode));
            } else if (Files.isRegularFile(file) && !Files.getPosixFilePermissions(file).equals(mode)) {
                try {
                    Files.setPosixFilePermissions(file, mode);
                } catch (java.io.IOException notOurs) {
                    // someone else's file we may use: its owner decides its mode
                }
            }
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            // another process made it a moment ago, with the same mode
        } catch (java.io.IOException e) {
            throw new UserStoreException(UserStoreException.Reason.UNAVAILABLE, "cannot create " + file + ": " + e.getMessage(), e);
        }
    }

    /** Opens (and migrates) the store at a JDBC URL: {@code jdbc:sqlite:...} or {@code jdbc:postgresql://...}. */
    public static JdbcUserStore open(String url) throws UserStoreException {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(url);
        cfg.setPoolName("ferry-users");
        cfg.setConnectionTimeout(10_000);
        String description;
        if (url.startsWith("jdbc:sqlite:")) {
            // SQLite allows one writer at a time; a few connections serve readers, and
            // busy_timeout makes writers from other processes wait instead of failing.
            cfg.setMaximumPoolSize(4);
            cfg.addDataSourceProperty("journal_mode", "WAL");
            cfg.addDataSourceProperty("synchronous", "NORMAL");
            cfg.addDataSourceProperty("busy_timeout", "10000");
            description = "SQLite " + url.substring("jdbc:sqlite:".length());
        } else if (url.startsWith("jdbc:postgresql:")) {
            cfg.setMaximumPoolSize(8);
            description = "PostgreSQL " + redact(url);
        } else {
            throw new UserStoreException(UserStoreException.Reason.INVALID,
                    "unsupported user store URL (use jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB): " + redact(url));
        }
        // Several processes opening one fresh SQLite file at once: the one turning it to WAL holds
        // a lock that the others' own switch meets with SQLITE_BUSY at once (SQLite does not wait
        // where waiting could deadlock), so a busy open is tried again, a few times, a moment later.
        for (int attempt = 1; ; attempt++) {
            try {
                return openOnce(cfg, description);
            } catch (UserStoreException e) {
                if (attempt == BUSY_ATTEMPTS || !url.startsWith("jdbc:sqlite:") || !rootMessage(e).contains("SQLITE_BUSY")) {
                    throw e;
                }
                try {
                    Thread.sleep(20L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** How many times an SQLite store that is busy at open is tried. */
    private static final int BUSY_ATTEMPTS = 10;

    private static JdbcUserStore openOnce(HikariConfig cfg, String description) throws UserStoreException {
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(cfg);
        } catch (RuntimeException e) {
            throw new UserStoreException(UserStoreException.Reason.UNAVAILABLE,
                    "cannot open user store " + description + ": " + rootMessage(e), e);
        }
        JdbcUserStore store = new JdbcUserStore(ds, description);
        try (Connection c = ds.getConnection()) {
            store.schemaVersion = Migrations.apply(c);
        } catch (SQLException e) {
            ds.close();
            throw new UserStoreException(UserStoreException.Reason.UNAVAILABLE,
                    "cannot prepare user store " + description + ": " + e.getMessage(), e);
        }
        return store;
    }

    public String description() {
        return description;
    }

    /**
     * Something the operator should know about the store as opened, or empty: a schema upgraded by
     * a newer Ferry, which this one uses for what it knows (the newer steps only add).
     */
    public Optional<String> schemaNote() {
        if (schemaVersion <= Migrations.latest()) {
            return Optional.empty();
        }
        return Optional.of("the user store's schema is version " + schemaVersion + ", newer than this Ferry's "
                + Migrations.latest() + ": a newer Ferry has upgraded it; this one runs on with what it knows "
                + "(upgrade it to match)");
    }

    @Override
    public Optional<User> find(String name) throws UserStoreException {
        return byName("SELECT " + UserRows.COLUMNS + " FROM users WHERE name = ?", name, UserRows::read);
    }

    @Override
    public Optional<UserTls> findTls(String name) throws UserStoreException {
        return byName("SELECT " + UserRows.TLS_COLUMNS + " FROM users WHERE name = ?", name, UserRows::readTls);
    }

    /** Reads one row of a row-per-user value. */
    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /**
     * The one row {@code sql} (with the name as its only parameter) selects, read by {@code reader},
     * with a statement kept for the connection (the login's reads: {@link KeptStatements}).
     */
    private <T> Optional<T> byName(String sql, String name, RowReader<T> reader) throws UserStoreException {
        try (Connection c = pool.getConnection()) {
            PreparedStatement ps = kept.get(c, sql);
            try {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(reader.read(rs)) : Optional.empty();
                }
            } catch (SQLException e) {
                kept.discard(c, sql);
                throw e;
            }
        } catch (SQLException e) {
            throw unavailable(e);
        } catch (IllegalArgumentException e) {
            throw unavailable(new SQLException("corrupt settings for user '" + name + "': " + e.getMessage(), e));
        }
    }

    /** Every account that can be read, and for each row that cannot, its name and why (in name order). */
    public record Listing(List<User> users, java.util.SequencedMap<String, String> unreadable) {}

    /** Every account, or, when some row cannot be read, an error naming each such account. */
    @Override
    public List<User> list() throws UserStoreException {
        Listing all = listAll();
        if (!all.unreadable().isEmpty()) {
            String each = all.unreadable().entrySet().stream().map(e -> "'" + e.getKey() + "': " + e.getValue())
                    .collect(java.util.stream.Collectors.joining("; "));
            throw unavailable(new SQLException("corrupt settings for " + (all.unreadable().size() == 1 ? "user " : "users ") + each));
        }
        return all.users();
    }

    /** Every account; a row that cannot be read is named in the result instead of stopping the listing. */
    public Listing listAll() throws UserStoreException {
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + UserRows.COLUMNS + " FROM users ORDER BY name");
             ResultSet rs = ps.executeQuery()) {
            List<User> out = new ArrayList<>();
            java.util.SequencedMap<String, String> bad = new java.util.LinkedHashMap<>();
            while (rs.next()) {
                try {
                    out.add(UserRows.read(rs));
                } catch (UserRows.CorruptRow e) {
                    bad.put(e.name, e.why);
                }
            }
            return new Listing(out, bad);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Override
    public void create(User user) throws UserStoreException {
        if (!User.isValidName(user.name())) {
            throw new UserStoreException(UserStoreException.Reason.INVALID, "invalid user name '" + user.name()
                    + "' (letters, digits, '.', '_', '-', '@'; up to 64; not starting with '-' or '.')");
        }
        long now = System.currentTimeMillis();
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO users (" + UserRows.COLUMNS
                     + ", created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            int i = UserRows.bind(ps, 1, user);
            ps.setLong(i++, now);
            ps.setLong(i, now);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                throw new UserStoreException(UserStoreException.Reason.ALREADY_EXISTS, "user '" + user.name() + "' already exists");
            }
            throw unavailable(e);
        }
    }

    @Override
    public void update(User user) throws UserStoreException {
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE users SET name = ?, password_hash = ?, home = ?, permissions = ?, "
                     + "dir_permissions = ?, quota_bytes = ?, quota_files = ?, up_rate = ?, down_rate = ?, max_sessions = ?, "
                     + "allow_cidrs = ?, deny_cidrs = ?, expires_at = ?, disabled = ?, tls_policy = ?, tls_reuse = ?, tls_client_cert = ?, "
                     + "updated_at = ?, "
                     // SET expressions see the row as it was: forget usage that was not being tracked.
                     + "used_bytes = CASE WHEN quota_bytes = 0 AND quota_files = 0 THEN NULL ELSE used_bytes END, "
                     + "used_files = CASE WHEN quota_bytes = 0 AND quota_files = 0 THEN NULL ELSE used_files END "
                     + "WHERE name = ?")) {
            int i = UserRows.bind(ps, 1, user);
            ps.setLong(i++, System.currentTimeMillis());
            ps.setString(i, user.name());
            if (ps.executeUpdate() == 0) {
                throw UserStoreException.noUser(user.name());
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Override
    public boolean replacePasswordHash(String name, String expected, String fresh) throws UserStoreException {
        return change("UPDATE users SET password_hash = ?, updated_at = ? WHERE name = ? AND password_hash = ?",
                fresh, System.currentTimeMillis(), name, expected) > 0;
    }

    @Override
    public boolean delete(String name) throws UserStoreException {
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM users WHERE name = ?");
             PreparedStatement keys = c.prepareStatement("DELETE FROM user_keys WHERE user_name = ?")) {
            ps.setString(1, name);
            keys.setString(1, name);
            keys.executeUpdate();
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Override
    public Optional<Usage> usage(String name) throws UserStoreException {
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT used_bytes, used_files FROM users WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw UserStoreException.noUser(name);
                }
                long bytes = rs.getLong(1);
                if (rs.wasNull()) {
                    return Optional.empty();
                }
                return Optional.of(new Usage(bytes, rs.getLong(2)));
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Override
    public void setUsage(String name, Usage usage) throws UserStoreException {
        change("UPDATE users SET used_bytes = ?, used_files = ? WHERE name = ?", usage.bytes(), usage.files(), name);
    }

    @Override
    public boolean initUsage(String name, Usage usage) throws UserStoreException {
        return change("UPDATE users SET used_bytes = ?, used_files = ? WHERE name = ? AND used_bytes IS NULL",
                usage.bytes(), usage.files(), name) > 0;
    }

    @Override
    public void forgetUsage(String name) throws UserStoreException {
        if (change("UPDATE users SET used_bytes = NULL, used_files = NULL WHERE name = ?", name) == 0) {
            throw UserStoreException.noUser(name);
        }
    }

    @Override
    public void addUsage(String name, long bytes, long files) throws UserStoreException {
        if (bytes == 0 && files == 0) {
            return;
        }
        // One statement, so concurrent sessions and nodes never lose an update.
        change("UPDATE users SET used_bytes = used_bytes + ?, used_files = used_files + ? WHERE name = ? AND used_bytes IS NOT NULL",
                bytes, files, name);
    }

    // --- bans -----------------------------------------------------------------------------------

    private static final String BAN_COLUMNS = "network, banned_until, offences, reason, created_at";

    @Override
    public Optional<Ban> findBan(Cidr network) throws UserStoreException {
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + BAN_COLUMNS + " FROM bans WHERE network = ?")) {
            ps.setString(1, network.toString());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(readBan(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Override
    public List<Ban> listBans() throws UserStoreException {
        return queryBans("SELECT " + BAN_COLUMNS + " FROM bans ORDER BY network", null);
    }

    @Override
    public List<Ban> activeBans(Instant now) throws UserStoreException {
        return queryBans("SELECT " + BAN_COLUMNS + " FROM bans WHERE banned_until > ? ORDER BY network", now.toEpochMilli());
    }

    private List<Ban> queryBans(String sql, Long param) throws UserStoreException {
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement(sql)) {
            if (param != null) {
                ps.setLong(1, param);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<Ban> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(readBan(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Override
    public void putBan(Ban ban) throws UserStoreException {
        // An upsert both SQLite (3.24+) and PostgreSQL understand.
        change("INSERT INTO bans (" + BAN_COLUMNS + ") VALUES (?,?,?,?,?) "
                        + "ON CONFLICT (network) DO UPDATE SET banned_until = excluded.banned_until, "
                        + "offences = excluded.offences, reason = excluded.reason",
                ban.network().toString(), ban.until().toEpochMilli(), ban.offences(), ban.reason(), ban.created().toEpochMilli());
    }

    @Override
    public boolean deleteBan(Cidr network) throws UserStoreException {
        return change("DELETE FROM bans WHERE network = ?", network.toString()) > 0;
    }

    @Override
    public int pruneBans(Instant endedBefore) throws UserStoreException {
        return change("DELETE FROM bans WHERE banned_until < ?", endedBefore.toEpochMilli());
    }

    private static Ban readBan(ResultSet rs) throws SQLException {
        String network = rs.getString(1);
        try {
            return new Ban(Cidr.parse(network), Instant.ofEpochMilli(rs.getLong(2)), rs.getInt(3), rs.getString(4),
                    Instant.ofEpochMilli(rs.getLong(5)));
        } catch (IllegalArgumentException e) {
            throw new SQLException("corrupt ban row for '" + network + "': " + e.getMessage(), e);
        }
    }

    // --- SSH public keys --------------------------------------------------------------------

    @Override
    public void addKey(String name, AuthorizedKey key) throws UserStoreException {
        if (find(name).isEmpty()) {
            throw UserStoreException.noUser(name);
        }
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO user_keys (user_name, fingerprint, algorithm, key_data, comment, added_at) "
                     + "VALUES (?,?,?,?,?,?)")) {
            ps.setString(1, name);
            ps.setString(2, key.fingerprint());
            ps.setString(3, key.algorithm());
            ps.setString(4, key.keyData());
            ps.setString(5, key.comment());
            ps.setLong(6, key.added().toEpochMilli());
            ps.executeUpdate();
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                throw new UserStoreException(UserStoreException.Reason.ALREADY_EXISTS,
                        "user '" + name + "' already has the key " + key.fingerprint());
            }
            throw unavailable(e);
        }
    }

    @Override
    public List<AuthorizedKey> keys(String name) throws UserStoreException {
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT algorithm, key_data, comment, fingerprint, added_at FROM user_keys "
                     + "WHERE user_name = ? ORDER BY added_at, fingerprint")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                List<AuthorizedKey> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new AuthorizedKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            Instant.ofEpochMilli(rs.getLong(5))));
                }
                return out;
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Override
    public boolean deleteKey(String name, String fingerprint) throws UserStoreException {
        return change("DELETE FROM user_keys WHERE user_name = ? AND fingerprint = ?", name, fingerprint) > 0;
    }

    @Override
    public void close() {
        pool.close();
    }

    /** Runs one INSERT, UPDATE or DELETE with {@code params} bound in order; the rows it changed. */
    private int change(String sql, Object... params) throws UserStoreException {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private UserStoreException unavailable(SQLException e) {
        return new UserStoreException(UserStoreException.Reason.UNAVAILABLE, "user store " + description + ": " + e.getMessage(), e);
    }

    private static boolean isUniqueViolation(SQLException e) {
        String state = e.getSQLState();
        String msg = String.valueOf(e.getMessage());
        return (state != null && state.startsWith("23")) || msg.contains("UNIQUE constraint") || msg.contains("PRIMARYKEY");
    }

    /** Hides a password given in a JDBC URL's query string. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
