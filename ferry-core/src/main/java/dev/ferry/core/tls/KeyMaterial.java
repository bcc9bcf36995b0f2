package dev.ferry.core.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A server's private key and its certificate chain (the server's own certificate first).
 *
 * @param source where it was loaded from, for messages
 */
public record KeyMaterial(PrivateKey key, List<X509Certificate> chain, String source) {

    public KeyMaterial {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("empty certificate chain");
        }
        chain = List.copyOf(chain);
    }

    public X509Certificate certificate() {
        return chain.getFirst();
    }

    /** The SHA-256 fingerprint of the server certificate, as {@code openssl x509 -fingerprint -sha256} prints it. */
    public String fingerprint() {
        return Fingerprints.sha256(certificate());
    }
}
