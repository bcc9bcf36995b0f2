package dev.ferry.client.remote;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How to reach and trust a server.
 *
 * @param timeout       connect timeout, and how long a silent connection is waited for
 * @param insecure      TLS: accept any certificate (like curl -k); SSH: accept an unknown host key
 * @param caCertificate TLS: trust only the certificates in this PEM file, instead of the JDK's
 * @param identities    SSH: private key files to offer (else ~/.ssh/id_ed25519, id_ecdsa, id_rsa)
 * @param knownHosts    SSH: known_hosts file (else ~/.ssh/known_hosts); unknown hosts are added
 * @param debug         where to print the protocol dialog (passwords masked), or empty
 * @param implicitTls   ftps://: TLS from the first byte (an implicit-FTPS port), not AUTH TLS;
 *                      port 990, implicit FTPS's own, implies it
 */
public record ConnectOptions(Duration timeout, boolean insecure, Optional<Path> caCertificate, List<Path> identities,
                             Optional<Path> knownHosts, Optional<PrintStream> debug, boolean implicitTls) {

    /** The implicit-FTPS port (RFC 4217 does not define it; IANA's "ftps", 990, is the custom). */
    public static final int IMPLICIT_FTPS_PORT = 990;

    public static ConnectOptions defaults() {
        return new ConnectOptions(Duration.ofSeconds(30), false, Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
                false);
    }

    /** Whether an ftps:// connection to {@code port} starts with TLS at once. */
    public boolean implicitTlsOn(int port) {
        return implicitTls || port == IMPLICIT_FTPS_PORT;
    }
}
