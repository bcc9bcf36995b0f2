package dev.ferry.core.auth;

import java.util.Optional;

/**
 * A stored password hash that has been parsed and found well formed. Parsing is strict: a string
 * is recognised only if the tool that made it could have produced it, so that a corrupted or
 * hand-edited entry fails closed instead of being half understood.
 */
sealed interface StoredHash permits Argon2Hash, BcryptHash, Sha512CryptHash {

    /** Longer than any format we accept; checked first so junk is never scanned in full. */
    int MAX_ENCODED_LENGTH = 256;

    /** Whether {@code password} (UTF-8) derives this hash. Runs the full cost of the scheme. */
    boolean matches(byte[] password);

    static Optional<StoredHash> parse(String encoded) {
        if (encoded == null || encoded.length() > MAX_ENCODED_LENGTH) {
            return Optional.empty();
        }
        if (encoded.startsWith("$argon2")) {
            return Argon2PhcCodec.parse(encoded).map(StoredHash.class::cast);
        }
        if (encoded.startsWith("$2")) {
            return BcryptHash.parse(encoded).map(StoredHash.class::cast);
        }
        if (encoded.startsWith("$6$")) {
            return Sha512CryptHash.parse(encoded).map(StoredHash.class::cast);
        }
        return Optional.empty();
    }
}
