package dev.ferry.app;

import dev.ferry.core.config.ServerConfig;
import dev.ferry.core.user.JdbcUserStore;
import dev.ferry.core.user.User;
import java.io.PrintWriter;
import java.time.Instant;
import picocli.CommandLine.Command;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List accounts: name, home and what stands out (tab-separated).")
final class UserListCommand extends StoreCommand {

    @Override
    boolean readsOnly() {
        return true;
    }

    @Override
    int run(ServerConfig cfg, JdbcUserStore users, PrintWriter out, PrintWriter err) throws Exception {
        Instant now = Instant.now();
        JdbcUserStore.Listing all = users.listAll();
        for (User u : all.users()) {
            String flags = AccountText.flags(u, now);
            out.println(u.name() + "\t" + AccountHome.describe(cfg, u) + (flags.isEmpty() ? "" : "\t" + flags));
        }
        // The readable accounts are listed all the same; each unreadable one is named, and the
        // exit code says the list is not whole.
        all.unreadable().forEach((name, why) -> err.println("ferry: user '" + name + "' cannot be read: corrupt settings: " + why
                + " (fix the row in " + users.description() + ", or remove it with: ferry user del " + name + ")"));
        return all.unreadable().isEmpty() ? ExitCodes.OK : ExitCodes.UNAVAILABLE;
    }
}
