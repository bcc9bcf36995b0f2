package dev.ferry.core.auth;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * An imported bcrypt hash ({@code $2a$}, {@code $2b$}, {@code $2y$}), checked by Bouncy Castle.
 *
 * <p>The three prefixes mark fixes to C implementations (sign extension in crypt_blowfish for
 * 2a/2y, a length counter wrap past 255 bytes in OpenBSD for 2b); none of those bugs can happen in
 * Bouncy Castle, which truncates to 72 bytes like OpenBSD, so all three verify alike. The
 * original {@code $2$} and crypt_blowfish's deliberately-buggy {@code $2x$} are refused.
 *
 * <p>{@link OpenBSDBCrypt#checkPassword(String, byte[])} compares the regenerated string with a
 * loop that does not stop at the first difference, so the comparison is constant time.
 */
record BcryptHash(String encoded) implements StoredHash {

    private static final Pattern FORMAT = Pattern.compile("\\$2[aby]\\$(\\d\\d)\\$[./A-Za-z0-9]{53}");
    private static final int MIN_COST = 4;
    private static final int MAX_COST = 31;

    static Optional<BcryptHash> parse(String encoded) {
        Matcher m = FORMAT.matcher(encoded);
        if (!m.matches()) {
            return Optional.empty();
        }
        int cost = Integer.parseInt(m.group(1));
        return cost < MIN_COST || cost > MAX_COST ? Optional.empty() : Optional.of(new BcryptHash(encoded));
    }

    @Override
    public boolean matches(byte[] password) {
        // Bouncy Castle copies the password and wipes its copy.
        return OpenBSDBCrypt.checkPassword(encoded, password);
    }

    @Override
    public String toString() {
        return "BcryptHash[" + encoded.substring(0, 7) + "...]";
    }
}
