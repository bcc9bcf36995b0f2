package dev.ferry.app;

import dev.ferry.core.config.ServerConfig;
import dev.ferry.core.user.JdbcUserStore;
import dev.ferry.core.user.User;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "passwd", mixinStandardHelpOptions = true, description = "Set an account's password.")
final class UserPasswdCommand extends StoreCommand {

    @Parameters(paramLabel = "NAME")
    String name;

    @Option(names = "--password-stdin", description = "read the password from the first line of standard input")
    boolean passwordStdin;

    @Override
    int run(ServerConfig cfg, JdbcUserStore users, PrintWriter out, PrintWriter err) throws Exception {
        User user = existing(users, name);
        String hash = newPasswordHash(cfg, passwordStdin, name);
        // A compare-and-set, so a concurrent change of other settings is not undone.
        if (!users.replacePasswordHash(name, user.passwordHash(), hash)) {
            err.println("ferry: the account changed meanwhile; run the command again");
            return ExitCodes.FAILURE;
        }
        out.println("password changed for '" + name + "'; it applies from the next login");
        return ExitCodes.OK;
    }
}
