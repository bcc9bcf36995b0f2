package dev.ferry.core.auth;

import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Argon2 hashes in the PHC string format as libargon2 writes it:
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, with standard Base64 without padding.
 *
 * <p>A string is accepted only if encoding what was parsed gives back the same string. That one
 * check rejects leading zeros, padding, stray characters and non-canonical Base64 tails without a
 * rule for each.
 */
final class Argon2PhcCodec {

    // libargon2's own lower bounds; the upper ones only keep parsing bounded.
    private static final int MIN_SALT_BYTES = 8;
    private static final int MAX_SALT_BYTES = 64;
    private static final int MIN_HASH_BYTES = 4;
    private static final int MAX_HASH_BYTES = 64;

    private static final Pattern FORMAT = Pattern.compile(
            "\\$(argon2(?:id|i|d))\\$v=(16|19)\\$m=(\\d{1,10}),t=(\\d{1,10}),p=(\\d{1,10})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");

    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    private Argon2PhcCodec() {
    }

    static String encode(Argon2Hash h) {
        Argon2Params p = h.params();
        return "$" + h.type().phcId + "$v=" + h.version()
                + "$m=" + p.memoryKiB() + ",t=" + p.iterations() + ",p=" + p.parallelism()
                + "$" + B64.encodeToString(h.salt()) + "$" + B64.encodeToString(h.hash());
    }

    static Optional<Argon2Hash> parse(String encoded) {
        Matcher m = FORMAT.matcher(encoded);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            Argon2Type type = Argon2Type.byPhcId(m.group(1));
            int version = Integer.parseInt(m.group(2));
            Argon2Params params = new Argon2Params(
                    Math.toIntExact(Long.parseLong(m.group(3))),
                    Math.toIntExact(Long.parseLong(m.group(4))),
                    Math.toIntExact(Long.parseLong(m.group(5))));
            byte[] salt = B64_DECODER.decode(m.group(6));
            byte[] hash = B64_DECODER.decode(m.group(7));
            if (salt.length < MIN_SALT_BYTES || salt.length > MAX_SALT_BYTES
                    || hash.length < MIN_HASH_BYTES || hash.length > MAX_HASH_BYTES) {
                return Optional.empty();
            }
            Argon2Hash parsed = new Argon2Hash(type, version, params, salt, hash);
            return encode(parsed).equals(encoded) ? Optional.of(parsed) : Optional.empty();
        } catch (IllegalArgumentException | ArithmeticException e) {
            // Out-of-range cost or undecodable Base64: not a hash we can check.
            return Optional.empty();
        }
    }
}
