package dev.ferry.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An imported SHA-512-crypt hash, {@code $6$[rounds=N$]salt$digest}, exactly as crypt(3) writes
 * it: the round count in range without leading zeros, at most 16 salt characters (printable
 * ASCII other than the separators {@code $} and {@code :}), and 86 digest characters.
 */
record Sha512CryptHash(String encoded, int rounds) implements StoredHash {

    private static final Pattern FORMAT = Pattern.compile(
            "\\$6\\$(?:rounds=([1-9][0-9]{0,8})\\$)?[!-#%-9;-~]{0,16}\\$[./0-9A-Za-z]{86}");

    static Optional<Sha512CryptHash> parse(String encoded) {
        Matcher m = FORMAT.matcher(encoded);
        if (!m.matches()) {
            return Optional.empty();
        }
        int rounds = m.group(1) == null ? Sha512Crypt.DEFAULT_ROUNDS : Integer.parseInt(m.group(1));
        if (rounds < Sha512Crypt.MIN_ROUNDS || rounds > Sha512Crypt.MAX_ROUNDS) {
            return Optional.empty();
        }
        return Optional.of(new Sha512CryptHash(encoded, rounds));
    }

    @Override
    public boolean matches(byte[] password) {
        String candidate = Sha512Crypt.crypt(password, encoded);
        return MessageDigest.isEqual(candidate.getBytes(StandardCharsets.US_ASCII),
                encoded.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "Sha512CryptHash[rounds=" + rounds + "]";
    }
}
