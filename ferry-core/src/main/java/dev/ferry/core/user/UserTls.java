package dev.ferry.core.user;

import dev.ferry.core.tls.ClientCertLogin;
import dev.ferry.core.tls.TlsPolicy;
import dev.ferry.core.tls.TlsReuse;
import java.util.Optional;

/**
 * An account's own TLS rules. An empty policy or reuse setting inherits the server's
 * ({@code --tls}, {@code --tls-reuse}); a set one replaces it, stricter or looser.
 *
 * @param policy     TLS optional / required for login / required for data too
 * @param reuse      whether PROT P data connections must resume the control session
 * @param clientCert what a client certificate naming this account does
 */
public record UserTls(Optional<TlsPolicy> policy, Optional<TlsReuse> reuse, ClientCertLogin clientCert) {

    public static final UserTls INHERIT = new UserTls(Optional.empty(), Optional.empty(), ClientCertLogin.PASSWORD);

    public TlsPolicy policyOr(TlsPolicy server) {
        return policy.orElse(server);
    }

    public TlsReuse reuseOr(TlsReuse server) {
        return reuse.orElse(server);
    }
}
