package dev.ferry.app;

import dev.ferry.core.auth.LoginDefender;
import dev.ferry.core.config.ServerConfig;
import dev.ferry.core.net.Cidr;
import dev.ferry.core.user.Ban;
import dev.ferry.core.user.JdbcUserStore;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "del", mixinStandardHelpOptions = true,
        description = {"Lift bans, and forget the networks' past offences.",
                "ADDRESS may be an address (the ban covering it is lifted) or a network as ferry ban list shows it."})
final class BanDelCommand extends StoreCommand {

    @Parameters(arity = "0..*", paramLabel = "ADDRESS")
    List<String> addresses = new ArrayList<>();

    @Option(names = "--all", description = "lift every ban")
    boolean all;

    @Override
    int run(ServerConfig cfg, JdbcUserStore users, PrintWriter out, PrintWriter err) throws Exception {
        if (all == !addresses.isEmpty()) {
            throw new UsageError("give one or more addresses, or --all");
        }
        List<Ban> bans = users.listBans();
        int lifted = 0;
        if (all) {
            for (Ban b : bans) {
                lifted += users.deleteBan(b.network()) ? 1 : 0;
            }
            out.println("lifted " + lifted + " ban(s)");
            return ExitCodes.OK;
        }
        int missing = 0;
        for (String a : addresses) {
            Cidr wanted;
            try {
                wanted = Cidr.parse(a);
            } catch (IllegalArgumentException e) {
                throw new UsageError(e.getMessage());
            }
            boolean found = false;
            for (Ban b : bans) {
                if (b.network().equals(wanted) || (isSingleAddress(wanted) && b.network().contains(address(wanted)))) {
                    if (users.deleteBan(b.network())) {
                        out.println("lifted the ban on " + LoginDefender.describe(b.network()));
                        lifted++;
                    }
                    found = true;
                }
            }
            if (!found) {
                err.println("ferry: no ban covers " + a);
                missing++;
            }
        }
        return missing > 0 ? ExitCodes.NOT_FOUND : ExitCodes.OK;
    }

    private static boolean isSingleAddress(Cidr c) {
        return c.prefixLength() == c.network().length * 8;
    }

    private static InetAddress address(Cidr c) throws java.net.UnknownHostException {
        return InetAddress.getByAddress(c.network());
    }
}
