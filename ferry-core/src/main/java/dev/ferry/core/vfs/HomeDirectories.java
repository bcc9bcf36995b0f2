package dev.ferry.core.vfs;

import dev.ferry.core.user.User;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where users' homes are: {@code <data>/home/<name>} unless an account names its own. */
public final class HomeDirectories {

    private final Path base;

    public HomeDirectories(Path dataDir) {
        this.base = dataDir.toAbsolutePath().normalize().resolve("home");
    }

    /** {@code <data>/home}, where homes are unless an account names its own. */
    public Path base() {
        return base;
    }

    public Path of(User user) {
        return user.home().map(h -> Path.of(h).toAbsolutePath().normalize()).orElseGet(() -> base.resolve(user.name()));
    }

    /** The user's home, created if missing. */
    public Path ensure(User user) throws IOException {
        Path home = of(user);
        // Checked first: createDirectories on an existing directory fails inside and throws and
        // catches two exceptions, on every login.
        if (!Files.isDirectory(home)) {
            Files.createDirectories(home);
        }
        return home;
    }

    /** Opens the user's confined file system. */
    public UserFileSystem open(User user, String who) throws IOException {
        return new LocalFileSystem(ensure(user), user.permissions(), who);
    }
}
