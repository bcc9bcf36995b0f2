package dev.ferry.core.tls;

import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLParameters;

/**
 * What the server negotiates: TLS 1.3 and 1.2 only; for 1.2 only forward-secret ECDHE with an
 * AEAD cipher (AES-GCM, ChaCha20-Poly1305), as Mozilla's "intermediate" profile. Nothing with
 * CBC, RSA key transport, DHE, SHA-1 MACs or export strength is ever offered.
 */
public final class TlsProtocols {

    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private TlsProtocols() {}

    /** Restricts {@code p} to the protocols and suites above that this JDK supports. */
    public static SSLParameters restrict(SSLParameters p, SSLParameters supported) {
        p.setProtocols(intersect(PROTOCOLS, supported.getProtocols()));
        p.setCipherSuites(intersect(CIPHER_SUITES, supported.getCipherSuites()));
        p.setUseCipherSuitesOrder(true);
        String[] groups = p.getNamedGroups();
        if (groups != null) {
            // Keep any newer groups the JDK offers (hybrid post-quantum ones); drop only finite-field DH.
            p.setNamedGroups(Arrays.stream(groups).filter(g -> !g.startsWith("ffdhe")).toArray(String[]::new));
        }
        return p;
    }

    private static String[] intersect(List<String> wanted, String[] available) {
        List<String> have = Arrays.asList(available);
        return wanted.stream().filter(have::contains).toArray(String[]::new);
    }
}
