package dev.ferry.app;

import dev.ferry.core.config.ServerConfig;
import dev.ferry.core.config.Settings;
import dev.ferry.core.user.JdbcUserStore;
import dev.ferry.core.user.User;
import dev.ferry.core.vfs.HomeDirectories;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "add", mixinStandardHelpOptions = true, description = "Create an account.")
final class UserAddCommand extends StoreCommand {

    @Parameters(paramLabel = "NAME", description = "login name")
    String name;

    @Option(names = "--password-stdin", description = "read the password from the first line of standard input")
    boolean passwordStdin;

    @Mixin
    AccountOptions account;

    @Override
    int run(ServerConfig cfg, JdbcUserStore users, PrintWriter out, PrintWriter err) throws Exception {
        if (!User.isValidName(name)) {
            throw new UsageError("invalid user name '" + name + "' (letters, digits, '.', '_', '-', '@'; up to 64 characters)");
        }
        if (users.find(name).isPresent()) {
            throw new UsageError("user '" + name + "' already exists (change it with: ferry user set " + name + " ...)");
        }
        // Every flag is checked before the password is asked for.
        User settings = account.apply(User.withDefaults(name, ""), false, false);
        String hash = newPasswordHash(cfg, passwordStdin, name);
        User user = settings.withPasswordHash(hash);
        java.util.Optional<String> bucket = AccountHome.inBucket(cfg, user);
        if (bucket.isPresent()) { // object storage: the prefix needs nothing made
            users.create(user);
            out.println("created user '" + name + "' with files under " + bucket.get());
            AccountOptions.expiredNote(user, java.time.Instant.now()).ifPresent(err::println);
            return ExitCodes.OK;
        }
        // The home first: an account whose home cannot be made is not created at all.
        HomeDirectories homes = new HomeDirectories(cfg.get(Settings.DATA));
        Path dir;
        try {
            dir = homes.ensure(user);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new UsageError("cannot make the home " + homes.of(user) + ": " + e.getFile() + " exists and is not a directory");
        } catch (java.io.IOException e) {
            throw new UsageError("cannot make the home " + homes.of(user) + ": " + describe(e));
        }
        users.create(user);
        out.println("created user '" + name + "' with home " + dir);
        AccountOptions.expiredNote(user, java.time.Instant.now()).ifPresent(err::println);
        return ExitCodes.OK;
    }
}
