package dev.ferry.app;

import dev.ferry.core.config.ServerConfig;
import dev.ferry.core.user.JdbcUserStore;
import dev.ferry.core.user.User;
import java.io.PrintWriter;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "set", mixinStandardHelpOptions = true,
        description = {"Change an account's settings; flags not given stay as they are.",
                "Changes apply from the user's next login."})
final class UserSetCommand extends StoreCommand {

    /** Flags that say where the store is, not what to change. */
    private static final Set<String> STORE_FLAGS = Set.of("--data", "--users", "--config");

    @Parameters(paramLabel = "NAME")
    String name;

    @Mixin
    AccountOptions account;

    @Option(names = "--enabled", description = "the account may log in again (undoes --disabled)")
    boolean enabled;

    @Option(names = "--recount-usage", description = "forget the stored quota usage; it is measured from the disk at the next login")
    boolean recountUsage;

    @Override
    int run(ServerConfig cfg, JdbcUserStore users, PrintWriter out, PrintWriter err) throws Exception {
        boolean anyChange = spec.commandLine().getParseResult().matchedOptions().stream()
                .anyMatch(o -> !STORE_FLAGS.contains(o.longestName()));
        if (!anyChange) {
            throw new UsageError("nothing to change: give at least one setting (see ferry user set --help)");
        }
        User found = existing(users, name);
        User updated = account.apply(found, true, enabled);
        users.update(updated);
        if (recountUsage) {
            users.forgetUsage(name);
        }
        out.println("updated user '" + name + "'; changes apply from the next login");
        if (account.expires != null) {
            AccountOptions.expiredNote(updated, java.time.Instant.now()).ifPresent(err::println);
        }
        return ExitCodes.OK;
    }
}
