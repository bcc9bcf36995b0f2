package dev.ferry.core.user;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.core.net.Cidr;
import dev.ferry.core.tls.ClientCertLogin;
import dev.ferry.core.tls.TlsPolicy;
import dev.ferry.core.tls.TlsReuse;
import dev.ferry.core.vfs.VfsException;
import dev.ferry.core.vfs.VirtualPath;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Mapping between {@link User} and a row of the users table. */
final class UserRows {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final String COLUMNS = "name, password_hash, home, permissions, dir_permissions, quota_bytes, quota_files, "
            + "up_rate, down_rate, max_sessions, allow_cidrs, deny_cidrs, expires_at, disabled, "
            + "tls_policy, tls_reuse, tls_client_cert";

    /** The columns {@link #readTls} reads. */
    static final String TLS_COLUMNS = "tls_policy, tls_reuse, tls_client_cert";

    private UserRows() {}

    /**
     * A row selected with {@link #COLUMNS}, read by position: by name, the driver looks each
     * column up afresh in every result set (a case-insensitive search through the column names,
     * each fetched from SQLite over JNI), a fifth of the store's work in a cached login.
     */
    static User read(ResultSet rs) throws SQLException {
        String name = rs.getString(1);
        try {
            String hash = rs.getString(2);
            Optional<String> home = Optional.ofNullable(rs.getString(3));
            Permissions perms = new Permissions(Permission.parseSet(rs.getString(4)), readOverrides(rs.getString(5)));
            UserLimits limits = new UserLimits(rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getInt(10),
                    Cidr.parseList(rs.getString(11)), Cidr.parseList(rs.getString(12)));
            long expires = rs.getLong(13);
            Optional<Instant> expiry = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(expires));
            boolean disabled = rs.getInt(14) != 0;
            return new User(name, hash, home, perms, limits, disabled, expiry, readTls(rs, 15));
        } catch (IllegalArgumentException | VfsException | JsonProcessingException e) {
            throw new CorruptRow(name, e);
        }
    }

    /** A row whose columns were read but whose settings make no sense (a hand edit, a newer writer). */
    static final class CorruptRow extends SQLException {
        final String name;
        final String why;

        CorruptRow(String name, Exception cause) {
            super("corrupt settings for user '" + name + "': " + cause.getMessage(), cause);
            this.name = name;
            this.why = cause.getMessage();
        }
    }

    /** A row selected with {@link #TLS_COLUMNS}. */
    static UserTls readTls(ResultSet rs) throws SQLException {
        return readTls(rs, 1);
    }

    /** The three TLS columns, in {@link #TLS_COLUMNS} order, from column {@code first} on. */
    private static UserTls readTls(ResultSet rs, int first) throws SQLException {
        Optional<TlsPolicy> policy = Optional.ofNullable(rs.getString(first)).map(TlsPolicy::parse);
        Optional<TlsReuse> reuse = Optional.ofNullable(rs.getString(first + 1)).map(TlsReuse::parse);
        ClientCertLogin cert = Optional.ofNullable(rs.getString(first + 2)).map(ClientCertLogin::parse)
                .orElse(ClientCertLogin.PASSWORD);
        return new UserTls(policy, reuse, cert);
    }

    private static void bindTls(PreparedStatement ps, int first, UserTls tls) throws SQLException {
        ps.setString(first, tls.policy().map(TlsPolicy::word).orElse(null));
        ps.setString(first + 1, tls.reuse().map(TlsReuse::word).orElse(null));
        ps.setString(first + 2, tls.clientCert() == ClientCertLogin.PASSWORD ? null : tls.clientCert().word());
    }

    /** Binds the 17 settings columns, in {@link #COLUMNS} order, starting at parameter {@code first}. */
    static int bind(PreparedStatement ps, int first, User u) throws SQLException {
        int i = first;
        ps.setString(i++, u.name());
        ps.setString(i++, u.passwordHash());
        if (u.home().isPresent()) {
            ps.setString(i++, u.home().get());
        } else {
            ps.setNull(i++, Types.VARCHAR);
        }
        ps.setString(i++, Permission.keys(u.permissions().base()));
        ps.setString(i++, writeOverrides(u.permissions().overrides()));
        UserLimits l = u.limits();
        ps.setLong(i++, l.quotaBytes());
        ps.setLong(i++, l.quotaFiles());
        ps.setLong(i++, l.upRate());
        ps.setLong(i++, l.downRate());
        ps.setInt(i++, l.maxSessions());
        ps.setString(i++, cidrs(l.allow()));
        ps.setString(i++, cidrs(l.deny()));
        if (u.expires().isPresent()) {
            ps.setLong(i++, u.expires().get().toEpochMilli());
        } else {
            ps.setNull(i++, Types.BIGINT);
        }
        ps.setInt(i++, u.disabled() ? 1 : 0);
        bindTls(ps, i, u.tls());
        i += 3;
        return i;
    }

    private static String cidrs(List<Cidr> list) {
        return list.stream().map(Cidr::toString).collect(Collectors.joining(","));
    }

    private static Map<VirtualPath, java.util.Set<Permission>> readOverrides(String json)
            throws JsonProcessingException, VfsException {
        Map<VirtualPath, java.util.Set<Permission>> out = new LinkedHashMap<>();
        if (json == null || json.isBlank() || json.equals("{}")) {
            return out; // the usual row, read at every login: no parser for it
        }
        Map<String, String> raw = JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {});
        for (Map.Entry<String, String> e : raw.entrySet()) {
            out.put(VirtualPath.of(e.getKey()), Permission.parseSet(e.getValue()));
        }
        return out;
    }

    private static String writeOverrides(Map<VirtualPath, java.util.Set<Permission>> overrides) {
        Map<String, String> raw = new LinkedHashMap<>();
        overrides.forEach((k, v) -> raw.put(k.toString(), Permission.keys(v)));
        try {
            return JSON.writeValueAsString(raw);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
