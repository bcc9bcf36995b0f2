package dev.ferry.app;

import dev.ferry.core.auth.PasswordHasher;
import dev.ferry.core.config.ServerConfig;
import dev.ferry.core.user.AuthorizedKey;
import dev.ferry.core.user.JdbcUserStore;
import dev.ferry.core.user.User;
import dev.ferry.core.user.UserJson;
import dev.ferry.core.user.UserStoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Create accounts from a file written by 'ferry user export', or (--format passwd) from name:hash lines",
                "as htpasswd, proftpd and pure-ftpd keep them. Argon2, bcrypt ($2a$, $2b$, $2y$) and SHA-512-crypt ($6$)",
                "hashes are accepted; the others are re-hashed to Argon2id at each user's next login.",
                "Everything is checked first: on any error nothing is imported."})
final class UserImportCommand extends StoreCommand {

    enum Format { json, passwd }

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "the file to read; '-' or none = standard input")
    String file;

    @Option(names = "--format", paramLabel = "FORMAT", description = "json (default) or passwd")
    Format format = Format.json;

    @Option(names = "--replace", description = "replace accounts that exist already (settings and password hash)")
    boolean replace;

    @Option(names = "--skip-existing", description = "leave accounts that exist already as they are")
    boolean skipExisting;

    @Option(names = "--dry-run", description = "check the file and say what would be done, change nothing")
    boolean dryRun;

    @Override
    int run(ServerConfig cfg, JdbcUserStore users, PrintWriter out, PrintWriter err) throws Exception {
        if (replace && skipExisting) {
            throw new UsageError("--replace and --skip-existing exclude each other");
        }
        String text = readInput();
        List<User> accounts;
        Map<String, List<AuthorizedKey>> keys = Map.of();
        try {
            if (format == Format.json) {
                UserJson.Document doc = UserJson.readDocument(text);
                accounts = doc.users();
                keys = doc.keys();
            } else {
                accounts = PasswdLines.read(text);
            }
        } catch (UserJson.FormatException e) {
            throw new UsageError(source() + ": " + e.getMessage());
        }
        Set<String> seen = new HashSet<>();
        List<String> existing = new ArrayList<>();
        int legacy = 0;
        for (User u : accounts) {
            if (!User.isValidName(u.name())) {
                throw new UsageError("invalid user name '" + u.name() + "' (letters, digits, '.', '_', '-', '@'; up to 64 characters)");
            }
            if (!seen.add(u.name())) {
                throw new UsageError("user '" + u.name() + "' appears twice in " + source());
            }
            if (!PasswordHasher.isRecognised(u.passwordHash())) {
                throw new UsageError("user '" + u.name() + "': password hash not recognised (accepted: $argon2id$, "
                        + "bcrypt $2a$/$2b$/$2y$, SHA-512-crypt $6$)");
            }
            if (!u.passwordHash().startsWith("$argon2id$")) {
                legacy++;
            }
            if (users.find(u.name()).isPresent()) {
                existing.add(u.name());
            }
        }
        if (!existing.isEmpty() && !replace && !skipExisting) {
            throw new UsageError("already exist: " + String.join(", ", existing) + " (use --replace or --skip-existing)");
        }
        int created = 0;
        int replaced = 0;
        int skipped = 0;
        for (User u : accounts) {
            boolean exists = existing.contains(u.name());
            if (exists && skipExisting) {
                skipped++;
            } else if (exists) {
                if (!dryRun) {
                    users.update(u);
                    replaceKeys(users, u.name(), keys.get(u.name()));
                }
                replaced++;
            } else {
                if (!dryRun) {
                    users.create(u);
                    replaceKeys(users, u.name(), keys.get(u.name()));
                }
                created++;
            }
        }
        out.println((dryRun ? "would import " : "imported ") + accounts.size() + " account(s): " + created + " created, "
                + replaced + " replaced, " + skipped + " skipped");
        if (legacy > 0) {
            out.println(legacy + " account(s) have older hashes (bcrypt, SHA-512-crypt or weaker Argon2); each is re-hashed to"
                    + " Argon2id at its next successful login");
        }
        return ExitCodes.OK;
    }

    /** The account's SSH keys become the file's; an account the file lists without "ssh-keys" keeps its own. */
    private static void replaceKeys(JdbcUserStore users, String name, List<AuthorizedKey> wanted) throws UserStoreException {
        if (wanted == null) {
            return;
        }
        Set<String> keep = new HashSet<>();
        wanted.forEach(k -> keep.add(k.fingerprint()));
        Set<String> have = new HashSet<>();
        for (AuthorizedKey k : users.keys(name)) {
            if (keep.contains(k.fingerprint())) {
                have.add(k.fingerprint());
            } else {
                users.deleteKey(name, k.fingerprint());
            }
        }
        for (AuthorizedKey k : wanted) {
            if (have.add(k.fingerprint())) {
                users.addKey(name, k);
            }
        }
    }

    private String readInput() throws IOException, UsageError {
        if (file == null || file.equals("-")) {
            return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path path = Path.of(file);
        if (Files.isDirectory(path)) {
            throw new UsageError(file + " is a directory, not an accounts file");
        }
        return Files.readString(path, StandardCharsets.UTF_8);
    }

    private String source() {
        return file == null || file.equals("-") ? "standard input" : file;
    }
}
