package dev.ferry.app;

import dev.ferry.core.auth.LoginDefender;
import dev.ferry.core.config.ServerConfig;
import dev.ferry.core.user.Ban;
import dev.ferry.core.user.JdbcUserStore;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List bans in force: network, until, offences, reason (tab-separated).")
final class BanListCommand extends StoreCommand {

    @Option(names = "--all", description = "also the networks whose ban has ended but which are remembered as repeat offenders")
    boolean all;

    @Override
    boolean readsOnly() {
        return true;
    }

    @Override
    int run(ServerConfig cfg, JdbcUserStore users, PrintWriter out, PrintWriter err) throws Exception {
        Instant now = Instant.now();
        List<Ban> bans = all ? users.listBans() : users.activeBans(now);
        for (Ban b : bans) {
            out.println(LoginDefender.describe(b.network()) + "\t" + b.until().truncatedTo(ChronoUnit.SECONDS)
                    + (b.isActive(now) ? "" : " (ended)") + "\t" + b.offences() + "\t" + b.reason());
        }
        if (bans.isEmpty()) {
            err.println(all ? "no bans" : "no bans in force");
        }
        return ExitCodes.OK;
    }
}
