package dev.ferry.core.user;

import dev.ferry.core.config.ServerConfig;
import dev.ferry.core.config.Settings;
import java.nio.file.Path;

/** Opens the user store a configuration names: SQLite in the data directory unless a URL is given. */
public final class UserStores {

    private UserStores() {}

    public static JdbcUserStore open(ServerConfig config) throws UserStoreException {
        String url = config.get(Settings.USERS);
        if (url.isBlank()) {
            return JdbcUserStore.sqlite(sqliteFile(config));
        }
        return JdbcUserStore.open(url);
    }

    public static Path sqliteFile(ServerConfig config) {
        return config.get(Settings.DATA).toAbsolutePath().normalize().resolve("users.db");
    }
}
