package dev.ferry.app;

import dev.ferry.core.config.ConfigException;
import dev.ferry.core.config.ServerConfig;
import dev.ferry.core.config.Settings;
import dev.ferry.core.user.JdbcUserStore;
import dev.ferry.core.user.User;
import dev.ferry.core.user.UserStoreException;
import dev.ferry.core.user.UserStores;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/**
 * The plumbing every administration command shares: load the configuration the server uses,
 * open its store, and turn failures into one-line messages and distinct exit codes.
 */
abstract class StoreCommand implements Callable<Integer> {

    /** A mistake in the command's arguments; the message says which and why. */
    static final class UsageError extends Exception {
        UsageError(String message) {
            super(message);
        }
    }

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
        if (readsOnly() && cfg.get(Settings.USERS).isBlank() && !Files.exists(UserStores.sqliteFile(cfg))) {
            // Reading must not create: a mistyped --data would make an empty store and list nothing.
            err.println("ferry: no user store at " + UserStores.sqliteFile(cfg) + " (is --data right?)");
            return ExitCodes.NOT_FOUND;
        }
        try (JdbcUserStore users = store.open(cfg)) {
            users.schemaNote().ifPresent(note -> err.println("ferry: note: " + note));
            PrintWriter out = spec.commandLine().getOut();
            int rc = run(cfg, users, out, err);
            out.flush();
            // Print writers and streams keep write errors to themselves: a list or an export to a
            // full disk would end 0 with its output cut short.
            if (out.checkError() || System.out.checkError()) {
                err.println("ferry: cannot write to standard output");
                return rc == ExitCodes.OK ? ExitCodes.FAILURE : rc;
            }
            return rc;
        } catch (UserStoreException e) {
            err.println("ferry: " + e.getMessage());
            return switch (e.reason()) {
                case NOT_FOUND -> ExitCodes.NOT_FOUND;
                case ALREADY_EXISTS, INVALID -> ExitCodes.USAGE;
                case UNAVAILABLE -> ExitCodes.UNAVAILABLE;
            };
        } catch (ConfigException e) {
            err.println("ferry: " + e.getMessage());
            return ExitCodes.CONFIG;
        } catch (PasswordInput.Refused | UsageError | IllegalArgumentException e) {
            err.println("ferry: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (Exception e) {
            err.println("ferry: " + describe(e));
            return ExitCodes.FAILURE;
        }
    }

    /** A failure in words: a file's problem names the file ("ferry: /nonexistent" said too little). */
    static String describe(Exception e) {
        return switch (e) {
            case java.nio.file.NoSuchFileException f -> "no such file: " + f.getFile();
            case java.nio.file.AccessDeniedException f -> "permission denied: " + f.getFile();
            case java.nio.file.FileSystemException f when f.getReason() != null ->
                    (f.getFile() == null ? "" : f.getFile() + ": ") + f.getReason();
            case java.nio.charset.CharacterCodingException c -> "the input is not UTF-8 text";
            default -> e.getMessage() == null ? e.toString() : e.getMessage();
        };
    }

    abstract int run(ServerConfig cfg, JdbcUserStore users, PrintWriter out, PrintWriter err) throws Exception;

    /** True for commands that only read the store: they refuse to create a missing one. */
    boolean readsOnly() {
        return false;
    }

    /** Asks for a new password for {@code name} (stdin or a no-echo prompt) and hashes it; the typed one is wiped. */
    static String newPasswordHash(ServerConfig cfg, boolean passwordStdin, String name)
            throws PasswordInput.Refused, IOException, ConfigException {
        char[] password = PasswordInput.read(passwordStdin, System.in, System.err, name);
        try {
            return FerryServer.hasher(cfg).hash(password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** The account {@code name}; when there is none, a failure {@link #call} reports as "no user 'name'". */
    static User existing(JdbcUserStore users, String name) throws UserStoreException {
        return users.find(name).orElseThrow(() -> UserStoreException.noUser(name));
    }
}
