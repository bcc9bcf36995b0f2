package dev.ferry.app;

import dev.ferry.core.config.ServerConfig;
import dev.ferry.core.user.JdbcUserStore;
import dev.ferry.core.user.UserStoreException;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "del", mixinStandardHelpOptions = true, description = "Delete an account (its home directory is kept).")
final class UserDelCommand extends StoreCommand {

    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    int run(ServerConfig cfg, JdbcUserStore users, PrintWriter out, PrintWriter err) throws Exception {
        if (!users.delete(name)) {
            throw UserStoreException.noUser(name);
        }
        out.println("deleted user '" + name + "' (home directory kept)");
        return ExitCodes.OK;
    }
}
