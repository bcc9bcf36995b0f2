package dev.ferry.app;

import dev.ferry.core.auth.PasswordHasher;
import dev.ferry.core.config.ConfigException;
import dev.ferry.core.config.ServerConfig;
import dev.ferry.core.user.JdbcUserStore;
import dev.ferry.core.user.User;
import dev.ferry.core.user.UserStoreException;
import dev.ferry.core.vfs.HomeDirectories;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry user ...}: account administration. Works while the server runs: the server reads
 * the store at every login, so a change takes effect at the next one.
 */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage user accounts.",
        subcommands = {UserCommand.Add.class, UserCommand.Passwd.class, UserCommand.ListUsers.class, UserCommand.Del.class,
                UserTlsCommand.class})
final class UserCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Shared plumbing: load config, open the store, map failures to exit codes and one-line errors. */
    abstract static class StoreCommand implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public final Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            ServerConfig cfg;
            try {
                cfg = store.load();
            } catch (ConfigException e) {
                err.println("ferry: " + e.getMessage());
                return ExitCodes.CONFIG;
            }
            try (JdbcUserStore users = store.open(cfg)) {
                return run(cfg, users, spec.commandLine().getOut(), err);
            } catch (UserStoreException e) {
                err.println("ferry: " + e.getMessage());
                return switch (e.reason()) {
                    case NOT_FOUND -> ExitCodes.NOT_FOUND;
                    case ALREADY_EXISTS, INVALID -> ExitCodes.USAGE;
                    case UNAVAILABLE -> ExitCodes.UNAVAILABLE;
                };
            } catch (PasswordInput.Refused e) {
                err.println("ferry: " + e.getMessage());
                return ExitCodes.USAGE;
            } catch (Exception e) {
                err.println("ferry: " + e.getMessage());
                return ExitCodes.FAILURE;
            }
        }

        abstract int run(ServerConfig cfg, JdbcUserStore users, PrintWriter out, PrintWriter err) throws Exception;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Create an account.")
    static final class Add extends StoreCommand {
        @Parameters(paramLabel = "NAME", description = "login name")
        String name;

        @Option(names = "--home", paramLabel = "DIR", description = "home directory (default <data>/home/NAME)")
        Path home;

        @Option(names = "--password-stdin", description = "read the password from the first line of standard input")
        boolean passwordStdin;

        @Override
        int run(ServerConfig cfg, JdbcUserStore users, PrintWriter out, PrintWriter err) throws Exception {
            if (!User.isValidName(name)) {
                err.println("ferry: invalid user name '" + name + "' (letters, digits, '.', '_', '-', '@'; up to 64 characters)");
                return ExitCodes.USAGE;
            }
            if (users.find(name).isPresent()) {
                err.println("ferry: user '" + name + "' already exists");
                return ExitCodes.USAGE;
            }
            char[] password = PasswordInput.read(passwordStdin, System.in, System.err, name);
            String hash;
            try {
                hash = FerryServer.hasher(cfg).hash(password);
            } finally {
                Arrays.fill(password, '\0');
            }
            User base = User.withDefaults(name, hash);
            User user = new User(name, hash, Optional.ofNullable(home).map(h -> h.toAbsolutePath().normalize().toString()),
                    base.permissions(), base.limits(), false, Optional.empty());
            users.create(user);
            Path dir = new HomeDirectories(cfg.get(dev.ferry.core.config.Settings.DATA)).ensure(user);
            out.println("created user '" + name + "' with home " + dir);
            return ExitCodes.OK;
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Set an account's password.")
    static final class Passwd extends StoreCommand {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--password-stdin", description = "read the password from the first line of standard input")
        boolean passwordStdin;

        @Override
        int run(ServerConfig cfg, JdbcUserStore users, PrintWriter out, PrintWriter err) throws Exception {
            Optional<User> user = users.find(name);
            if (user.isEmpty()) {
                err.println("ferry: no user '" + name + "'");
                return ExitCodes.NOT_FOUND;
            }
            char[] password = PasswordInput.read(passwordStdin, System.in, System.err, name);
            PasswordHasher hasher = FerryServer.hasher(cfg);
            try {
                users.update(user.get().withPasswordHash(hasher.hash(password)));
            } finally {
                Arrays.fill(password, '\0');
            }
            out.println("password changed for '" + name + "'; it applies from the next login");
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List accounts.")
    static final class ListUsers extends StoreCommand {
        @Override
        int run(ServerConfig cfg, JdbcUserStore users, PrintWriter out, PrintWriter err) throws Exception {
            List<User> all = users.list();
            HomeDirectories homes = new HomeDirectories(cfg.get(dev.ferry.core.config.Settings.DATA));
            for (User u : all) {
                out.println(u.name() + "\t" + homes.of(u) + (u.disabled() ? "\tdisabled" : ""));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "del", mixinStandardHelpOptions = true, description = "Delete an account (its home directory is kept).")
    static final class Del extends StoreCommand {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        int run(ServerConfig cfg, JdbcUserStore users, PrintWriter out, PrintWriter err) throws Exception {
            if (!users.delete(name)) {
                err.println("ferry: no user '" + name + "'");
                return ExitCodes.NOT_FOUND;
            }
            out.println("deleted user '" + name + "' (home directory kept)");
            return ExitCodes.OK;
        }
    }
}
