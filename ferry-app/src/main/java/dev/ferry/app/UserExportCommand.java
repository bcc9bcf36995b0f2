package dev.ferry.app;

import dev.ferry.core.config.ServerConfig;
import dev.ferry.core.user.AuthorizedKey;
import dev.ferry.core.user.JdbcUserStore;
import dev.ferry.core.user.User;
import dev.ferry.core.user.UserJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write every account as JSON (password hashes, never passwords), for backup or migration.",
                "Read it back with: ferry user import FILE"})
final class UserExportCommand extends StoreCommand {

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write to FILE (mode 0600) instead of standard output; '-' = standard output")
    Path output;

    @Override
    boolean readsOnly() {
        return true;
    }

    @Override
    int run(ServerConfig cfg, JdbcUserStore users, PrintWriter out, PrintWriter err) throws Exception {
        List<User> all = users.list();
        Map<String, List<AuthorizedKey>> keys = new HashMap<>();
        for (User u : all) {
            keys.put(u.name(), users.keys(u.name()));
        }
        String json = UserJson.write(all, keys);
        if (output == null || output.toString().equals("-")) {
            out.print(json); // StoreCommand checks that it was written
        } else {
            writePrivately(output, json);
            err.println("exported " + all.size() + " account(s) to " + output);
        }
        return ExitCodes.OK;
    }

    /** Hashes are secrets too: the file is readable by its owner only, and appears complete or not at all. */
    private static void writePrivately(Path target, String text) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".ferry-export", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
