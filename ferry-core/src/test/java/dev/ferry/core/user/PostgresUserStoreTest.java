package dev.ferry.core.user;

import dev.ferry.core.testing.PostgresTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The user-store suite on PostgreSQL, in a schema of its own per test. Skipped, with the reason,
 * when FERRY_TEST_POSTGRES_URL is not set.
 */
class PostgresUserStoreTest extends UserStoreContract {

    private PostgresTestDatabase.Schema schema;

    @BeforeEach
    @Override
    void open() throws Exception {
        schema = PostgresTestDatabase.freshSchema();
        super.open();
    }

    @AfterEach
    void dropSchema() throws Exception {
        closeStores();
        if (schema != null) {
            schema.close();
        }
    }

    @Override
    JdbcUserStore openStore() {
        try {
            return JdbcUserStore.open(schema.url());
        } catch (UserStoreException e) {
            throw new IllegalStateException(e);
        }
    }
}
