package dev.ferry.app;

import dev.ferry.core.config.ServerConfig;
import dev.ferry.core.user.AuthorizedKey;
import dev.ferry.core.user.JdbcUserStore;
import dev.ferry.sftp.ssh.SshPublicKeys;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry user key add|list|del}: the SSH public keys that may log an account in (SFTP/SCP),
 * kept in the user store beside the password.
 */
@Command(name = "key", mixinStandardHelpOptions = true, description = "Manage an account's SSH public keys (SFTP/SCP login).",
        subcommands = {UserKeyCommand.Add.class, UserKeyCommand.ListKeys.class, UserKeyCommand.Del.class})
final class UserKeyCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add public keys read from standard input, one OpenSSH line each (ferry user key add NAME < id_ed25519.pub).")
    static final class Add extends StoreCommand {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        int run(ServerConfig cfg, JdbcUserStore users, PrintWriter out, PrintWriter err) throws Exception {
            existing(users, name);
            List<AuthorizedKey> keys = new ArrayList<>();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            int lineNo = 0;
            for (String line; (line = in.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank() || line.strip().startsWith("#")) {
                    continue;
                }
                try {
                    keys.add(SshPublicKeys.parse(line));
                } catch (IllegalArgumentException e) {
                    err.println("ferry: line " + lineNo + ": " + e.getMessage());
                    return ExitCodes.USAGE;
                }
            }
            if (keys.isEmpty()) {
                err.println("ferry: no public key on standard input (expected a line like 'ssh-ed25519 AAAA... comment')");
                return ExitCodes.USAGE;
            }
            // All or nothing: a key the account has, or one given twice, is refused before any is added.
            java.util.Set<String> seen = new java.util.HashSet<>();
            users.keys(name).forEach(k -> seen.add(k.fingerprint()));
            for (AuthorizedKey k : keys) {
                if (!seen.add(k.fingerprint())) {
                    err.println("ferry: '" + name + "' already has the key " + k.fingerprint() + " (or it is given twice); nothing added");
                    return ExitCodes.USAGE;
                }
            }
            for (AuthorizedKey k : keys) {
                users.addKey(name, k);
                out.println("added key " + k.fingerprint() + " (" + k.algorithm() + (k.comment().isEmpty() ? "" : ", " + k.comment())
                        + ") to '" + name + "'");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List an account's public keys: fingerprint, type, comment.")
    static final class ListKeys extends StoreCommand {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        int run(ServerConfig cfg, JdbcUserStore users, PrintWriter out, PrintWriter err) throws Exception {
            existing(users, name);
            for (AuthorizedKey k : users.keys(name)) {
                out.println(k.fingerprint() + "\t" + k.algorithm() + "\t" + k.comment());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "del", mixinStandardHelpOptions = true, description = "Remove a public key, named by its fingerprint (as 'key list' shows).")
    static final class Del extends StoreCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "FINGERPRINT")
        String fingerprint;

        @Override
        int run(ServerConfig cfg, JdbcUserStore users, PrintWriter out, PrintWriter err) throws Exception {
            String fp = fingerprint.startsWith("SHA256:") ? fingerprint : "SHA256:" + fingerprint;
            if (!users.deleteKey(name, fp)) {
                err.println("ferry: user '" + name + "' has no key " + fp);
                return ExitCodes.NOT_FOUND;
            }
            out.println("removed key " + fp + " from '" + name + "'");
            return ExitCodes.OK;
        }
    }
}
