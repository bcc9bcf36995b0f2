package dev.ferry.app;

import dev.ferry.core.config.ConfigException;
import dev.ferry.core.config.ServerConfig;
import dev.ferry.core.config.Settings;
import dev.ferry.core.user.User;
import dev.ferry.core.vfs.HomeDirectories;
import java.util.Optional;

/** Where an account's files are, as `ferry user` shows it: a local home, or the bucket prefix of --storage. */
final class AccountHome {

    private AccountHome() {}

    /** The bucket prefix ("s3://bucket/homes/alice/") when the files are in object storage. */
    static Optional<String> inBucket(ServerConfig cfg, User user) throws ConfigException {
        String storage = cfg.get(Settings.STORAGE).trim();
        if (storage.isEmpty() || storage.equals("local")) {
            return Optional.empty();
        }
        return Optional.of(storage.replaceAll("/+$", "") + "/" + user.name() + "/");
    }

    static String describe(ServerConfig cfg, User user) throws ConfigException {
        Optional<String> bucket = inBucket(cfg, user);
        return bucket.isPresent() ? bucket.get() : new HomeDirectories(cfg.get(Settings.DATA)).of(user).toString();
    }
}
