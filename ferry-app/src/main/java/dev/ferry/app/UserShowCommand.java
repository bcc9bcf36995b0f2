package dev.ferry.app;

import dev.ferry.core.config.ServerConfig;
import dev.ferry.core.user.JdbcUserStore;
import dev.ferry.core.user.User;
import java.io.PrintWriter;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "show", mixinStandardHelpOptions = true, description = "Show every setting of an account, and its quota usage.")
final class UserShowCommand extends StoreCommand {

    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    boolean readsOnly() {
        return true;
    }

    @Override
    int run(ServerConfig cfg, JdbcUserStore users, PrintWriter out, PrintWriter err) throws Exception {
        User user = existing(users, name);
        AccountText.details(user, AccountHome.describe(cfg, user), users.usage(name), Instant.now()).forEach(out::println);
        return ExitCodes.OK;
    }
}
