package dev.ferry.core.user;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Prepared statements kept for the reads every login makes (an account by name, its TLS rules),
 * one set per physical connection of the pool. Preparing is SQLite's parse and plan of the query
 * (sqlite-jdbc keeps nothing between statements): with the two reads of a cached login prepared
 * once per connection, Ferry's CPU per cached login fell by about a sixth (PERFORMANCE-notes 33).
 *
 * <p>The statements are made on the driver's connection under the pool's proxy, so the pool does
 * not close them when a connection is handed back; they are closed with their connection. A
 * connection is used by one borrower at a time, so its own set needs no lock. Each read runs in
 * its own transaction as before (auto-commit; closing the result set resets the statement), so
 * it sees every change committed before it, by any process or node. Connections the pool has
 * retired (closed) are forgotten once more are known than the pool can hold.
 */
final class KeptStatements {

    private final Map<Connection, Map<String, PreparedStatement>> byConnection = new IdentityHashMap<>();
    private final int poolSize;

    KeptStatements(int poolSize) {
        this.poolSize = poolSize;
    }

    /** {@code sql} prepared on the connection under {@code pooled}, which the caller has borrowed. */
    PreparedStatement get(Connection pooled, String sql) throws SQLException {
        Connection raw = pooled.unwrap(Connection.class);
        Map<String, PreparedStatement> own = setOf(raw);
        PreparedStatement ps = own.get(sql);
        if (ps == null || ps.isClosed()) {
            ps = raw.prepareStatement(sql);
            own.put(sql, ps);
        }
        return ps;
    }

    /** Forgets (and closes) {@code sql}'s statement on this connection, after it failed. */
    void discard(Connection pooled, String sql) {
        try {
            PreparedStatement ps = setOf(pooled.unwrap(Connection.class)).remove(sql);
            if (ps != null) {
                ps.close();
            }
        } catch (SQLException e) {
            // the connection is gone, and its statements with it
        }
    }

    private Map<String, PreparedStatement> setOf(Connection raw) {
        synchronized (byConnection) {
            Map<String, PreparedStatement> own = byConnection.get(raw);
            if (own == null) {
                if (byConnection.size() >= poolSize) {
                    byConnection.keySet().removeIf(KeptStatements::isClosed);
                }
                own = new HashMap<>();
                byConnection.put(raw, own);
            }
            return own;
        }
    }

    private static boolean isClosed(Connection c) {
        try {
            return c.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }
}
