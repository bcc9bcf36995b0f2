package dev.ferry.ftp.tls;

import dev.ferry.core.tls.ServerTls;
import dev.ferry.core.tls.TlsPolicy;
import dev.ferry.core.tls.TlsReuse;
import dev.ferry.core.user.UserTls;
import java.time.Duration;
import java.util.Optional;

/**
 * FTPS settings shared by every session: the server's TLS, its policy and reuse defaults, and a
 * way to read an account's own TLS rules before it logs in (so that a user who must use TLS is
 * stopped at USER, before the password crosses the network in the clear).
 *
 * @param handshakeTimeout longest a TLS handshake may take, control or data
 */
public record FtpTls(ServerTls server, TlsPolicy policy, TlsReuse reuse, Duration handshakeTimeout, AccountRules accounts) {

    /** An account's TLS rules by name; empty for an unknown name (or when the store cannot say). */
    @FunctionalInterface
    public interface AccountRules {
        Optional<UserTls> find(String name);
    }
}
