package dev.ferry.app;

import dev.ferry.core.config.ConfigException;
import dev.ferry.core.config.ConfigLoader;
import dev.ferry.core.config.ServerConfig;
import dev.ferry.core.config.Settings;
import dev.ferry.core.user.JdbcUserStore;
import dev.ferry.core.user.UserStoreException;
import dev.ferry.core.user.UserStores;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where the administration commands find the server's user store: the same data directory, YAML
 * file and environment as {@code ferry serve}, so they act on the store a running server uses.
 */
final class StoreOptions {

    @Option(names = "--data", paramLabel = "DIR", description = "data directory (env FERRY_DATA; default ./ferry-data)")
    Path data;

    @Option(names = "--users", paramLabel = "JDBC-URL", description = "user store URL (default: SQLite in the data directory)")
    String users;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML settings file (env FERRY_CONFIG)")
    Path config;

    ServerConfig load() throws ConfigException {
        Map<String, String> flags = new LinkedHashMap<>();
        if (data != null) {
            flags.put(Settings.DATA.key(), data.toString());
        }
        if (users != null) {
            flags.put(Settings.USERS.key(), users);
        }
        return ConfigLoader.load(flags, System.getenv(), Optional.ofNullable(config));
    }

    JdbcUserStore open(ServerConfig cfg) throws UserStoreException {
        return UserStores.open(cfg);
    }
}
