package dev.ferry.app;

import dev.ferry.core.config.ServerConfig;
import dev.ferry.core.tls.ClientCertLogin;
import dev.ferry.core.tls.TlsPolicy;
import dev.ferry.core.tls.TlsReuse;
import dev.ferry.core.user.JdbcUserStore;
import dev.ferry.core.user.User;
import dev.ferry.core.user.UserTls;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry user tls NAME [...]}: an account's own FTPS rules. With no option it shows them;
 * each option changes one, and {@code inherit} goes back to the server's setting.
 */
@Command(name = "tls", mixinStandardHelpOptions = true,
        description = {"Show or set an account's TLS rules (FTPS).",
                "Without options: show them. 'inherit' = use the server's --tls / --tls-reuse."})
final class UserTlsCommand extends StoreCommand {

    @Parameters(paramLabel = "NAME")
    String name;

    @Option(names = "--policy", paramLabel = "POLICY", description = "inherit, optional, login (TLS required to log in) or all (data too)")
    String policy;

    @Option(names = "--reuse", paramLabel = "MODE", description = "inherit, required (data connections must resume the TLS session) or optional")
    String reuse;

    @Option(names = "--client-cert", paramLabel = "MODE",
            description = "password (default), cert-or-password (a client certificate with CN=NAME replaces the password) "
                    + "or cert-and-password (both needed)")
    String clientCert;

    @Override
    int run(ServerConfig cfg, JdbcUserStore users, PrintWriter out, PrintWriter err) throws Exception {
        User found = existing(users, name);
        UserTls tls = found.tls();
        try {
            if (policy != null) {
                tls = new UserTls(inherit(policy) ? Optional.empty() : Optional.of(TlsPolicy.parse(policy)), tls.reuse(), tls.clientCert());
            }
            if (reuse != null) {
                tls = new UserTls(tls.policy(), inherit(reuse) ? Optional.empty() : Optional.of(TlsReuse.parse(reuse)), tls.clientCert());
            }
            if (clientCert != null) {
                tls = new UserTls(tls.policy(), tls.reuse(), ClientCertLogin.parse(clientCert));
            }
        } catch (IllegalArgumentException e) {
            err.println("ferry: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (policy != null || reuse != null || clientCert != null) {
            users.update(found.withTls(tls));
            out.println("TLS rules of '" + name + "' changed; they apply from the next login");
        }
        out.println("policy: " + tls.policy().map(TlsPolicy::word).orElse("inherit"));
        out.println("reuse: " + tls.reuse().map(TlsReuse::word).orElse("inherit"));
        out.println("client-cert: " + tls.clientCert().word());
        return ExitCodes.OK;
    }

    private static boolean inherit(String s) {
        return s.trim().equalsIgnoreCase("inherit");
    }
}
