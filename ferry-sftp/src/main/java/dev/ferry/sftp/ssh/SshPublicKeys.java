package dev.ferry.sftp.ssh;

import dev.ferry.core.user.AuthorizedKey;
import java.security.PublicKey;
import java.time.Instant;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

/** Checks a public key line for {@code ferry user key add}: well formed, and a key MINA can use. */
public final class SshPublicKeys {

    private SshPublicKeys() {}

    /** Parses and validates one authorized_keys line; throws IllegalArgumentException with a clear message. */
    public static AuthorizedKey parse(String line) {
        AuthorizedKey key = AuthorizedKey.parse(line, Instant.now());
        PublicKey decoded;
        try {
            decoded = PublicKeyEntry.parsePublicKeyEntry(key.algorithm() + " " + key.keyData()).resolvePublicKey(null, null, null);
        } catch (Exception e) {
            throw new IllegalArgumentException("not a usable " + key.algorithm() + " key: " + e.getMessage());
        }
        if (decoded == null) {
            throw new IllegalArgumentException("unsupported key type '" + key.algorithm() + "'");
        }
        if (decoded instanceof java.security.interfaces.RSAPublicKey rsa && rsa.getModulus().bitLength() < 2048) {
            throw new IllegalArgumentException("RSA keys shorter than 2048 bits are refused");
        }
        return key;
    }
}
