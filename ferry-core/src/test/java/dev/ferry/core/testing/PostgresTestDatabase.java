package dev.ferry.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;

/**
 * The PostgreSQL server the tests may use: {@code FERRY_TEST_POSTGRES_URL} (set by .ci/run). Each
 * test gets a schema of its own, so runs never see each other's rows. Without the variable, the
 * tests that need it are skipped, loudly, with the reason in the summary.
 */
public final class PostgresTestDatabase {

    public static final String ENV = "FERRY_TEST_POSTGRES_URL";

    private PostgresTestDatabase() {}

    public static Optional<String> baseUrl() {
        return Optional.ofNullable(System.getenv(ENV)).filter(s -> !s.isBlank());
    }

    /** Skips the calling test (JUnit assumption) when no PostgreSQL is configured. */
    public static String requireBaseUrl() {
        Optional<String> url = baseUrl();
        assumeTrue(url.isPresent(), "PostgreSQL not available: set " + ENV + " (.ci/run starts one) to run this test");
        return url.get();
    }

    /** A new, empty schema; closing it drops the schema and everything in it. */
    public static Schema freshSchema() throws SQLException {
        String base = requireBaseUrl();
        String name = "ferry_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(base); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + name);
        }
        return new Schema(base, name);
    }

    /** A schema of the test server and the JDBC URL that works in it. */
    public record Schema(String baseUrl, String name) implements AutoCloseable {

        public String url() {
            return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + name;
        }

        @Override
        public void close() throws SQLException {
            try (Connection c = DriverManager.getConnection(baseUrl); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
            }
        }
    }
}
