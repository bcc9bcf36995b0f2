package dev.ferry.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * SHA-512-crypt ({@code $6$}) as specified by Ulrich Drepper in "Unix crypt using SHA-256 and
 * SHA-512" (https://www.akkadia.org/drepper/SHA-crypt.txt). Only verification of imported hashes
 * needs it; we never write it.
 *
 * <p>{@link #crypt} follows the specification's lenient reading of the setting (rounds clamped into
 * range, salt cut to 16 characters), so the specification's own test vectors can be checked.
 * Verification then compares {@code crypt(password, stored)} with {@code stored} as a whole, the
 * way crypt(3) is meant to be used: a stored string that crypt would not echo back (a clamped or
 * zero-padded round count, an over-long salt) can never match.
 */
final class Sha512Crypt {

    static final String PREFIX = "$6$";
    static final int DEFAULT_ROUNDS = 5000;
    static final int MIN_ROUNDS = 1000;
    static final int MAX_ROUNDS = 999_999_999;
    static final int MAX_SALT_LENGTH = 16;
    static final int ENCODED_DIGEST_LENGTH = 86;

    private static final String ROUNDS_PREFIX = "rounds=";
    private static final char[] ALPHABET =
            "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final int DIGEST_BYTES = 64;

    private Sha512Crypt() {
    }

    /**
     * crypt(3) for {@code $6$}: the full result string for {@code password} under {@code setting},
     * which is {@code $6$[rounds=N$]salt} optionally followed by {@code $} and anything at all.
     *
     * @throws IllegalArgumentException if the setting does not start with {@code $6$} or its
     *                                  {@code rounds=} value is not a decimal number
     */
    static String crypt(byte[] password, String setting) {
        if (!setting.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a SHA-512-crypt setting");
        }
        String rest = setting.substring(PREFIX.length());
        int rounds = DEFAULT_ROUNDS;
        boolean roundsGiven = false;
        if (rest.startsWith(ROUNDS_PREFIX)) {
            int end = rest.indexOf('$');
            String digits = end < 0 ? "" : rest.substring(ROUNDS_PREFIX.length(), end);
            if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                // glibc would read the text as salt; no tool writes such a setting.
                throw new IllegalArgumentException("malformed rounds= in SHA-512-crypt setting");
            }
            rounds = clampRounds(digits);
            roundsGiven = true;
            rest = rest.substring(end + 1);
        }
        int saltEnd = rest.indexOf('$');
        String salt = saltEnd < 0 ? rest : rest.substring(0, saltEnd);
        if (salt.length() > MAX_SALT_LENGTH) {
            salt = salt.substring(0, MAX_SALT_LENGTH);
        }

        byte[] digest = digest(password, salt.getBytes(StandardCharsets.UTF_8), rounds);
        StringBuilder out = new StringBuilder(PREFIX.length() + 20 + salt.length() + 1 + ENCODED_DIGEST_LENGTH);
        out.append(PREFIX);
        if (roundsGiven) {
            out.append(ROUNDS_PREFIX).append(rounds).append('$');
        }
        out.append(salt).append('$');
        encode(digest, out);
        Arrays.fill(digest, (byte) 0);
        return out.toString();
    }

    private static int clampRounds(String digits) {
        // Longer than MAX_ROUNDS has digits: saturate, as strtoul does at its own limit.
        if (digits.length() > 9) {
            String significant = digits.replaceFirst("^0+", "");
            if (significant.length() > 9) {
                return MAX_ROUNDS;
            }
            digits = significant.isEmpty() ? "0" : significant;
        }
        int n = Integer.parseInt(digits);
        return Math.max(MIN_ROUNDS, Math.min(MAX_ROUNDS, n));
    }

    /** The specification's steps 1 to 21: the 64-byte digest before encoding. */
    static byte[] digest(byte[] key, byte[] salt, int rounds) {
        MessageDigest md = sha512();

        // Digest B = H(key salt key).
        md.update(key);
        md.update(salt);
        md.update(key);
        byte[] b = md.digest();

        // Digest A = H(key salt B-stretched-to-key-length, then B or key per bit of the key length).
        md.update(key);
        md.update(salt);
        updateRepeated(md, b, key.length);
        for (int n = key.length; n > 0; n >>>= 1) {
            md.update((n & 1) != 0 ? b : key);
        }
        byte[] c = md.digest();

        // P: H(key repeated key-length times), stretched to the key length.
        for (int i = 0; i < key.length; i++) {
            md.update(key);
        }
        byte[] dp = md.digest();
        byte[] p = stretch(dp, key.length);

        // S: H(salt repeated 16 + A[0] times), stretched to the salt length.
        int saltRepeats = 16 + (c[0] & 0xff);
        for (int i = 0; i < saltRepeats; i++) {
            md.update(salt);
        }
        byte[] ds = md.digest();
        byte[] s = stretch(ds, salt.length);

        // The rounds: the work factor. C is rewritten in place, MessageDigest having copied it.
        for (int round = 0; round < rounds; round++) {
            boolean odd = (round & 1) != 0;
            md.update(odd ? p : c);
            if (round % 3 != 0) {
                md.update(s);
            }
            if (round % 7 != 0) {
                md.update(p);
            }
            md.update(odd ? c : p);
            digestInto(md, c);
        }

        for (byte[] secret : new byte[][] {b, dp, p, ds, s}) {
            Arrays.fill(secret, (byte) 0);
        }
        return c;
    }

    /** Feeds {@code block} repeatedly, the last time partially, until {@code length} bytes are in. */
    private static void updateRepeated(MessageDigest md, byte[] block, int length) {
        int left = length;
        while (left >= block.length) {
            md.update(block);
            left -= block.length;
        }
        md.update(block, 0, left);
    }

    private static byte[] stretch(byte[] block, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i += block.length) {
            System.arraycopy(block, 0, out, i, Math.min(block.length, length - i));
        }
        return out;
    }

    /**
     * The specification's step 22: 21 groups of three bytes taken in a fixed interleaved order,
     * each written as four characters least significant first, then the last byte as two.
     */
    private static void encode(byte[] d, StringBuilder out) {
        for (int i = 0; i < 21; i++) {
            int x = d[i] & 0xff;
            int y = d[i + 21] & 0xff;
            int z = d[i + 42] & 0xff;
            switch (i % 3) {
                case 0 -> append24(out, x, y, z, 4);
                case 1 -> append24(out, y, z, x, 4);
                default -> append24(out, z, x, y, 4);
            }
        }
        append24(out, 0, 0, d[63] & 0xff, 2);
    }

    private static void append24(StringBuilder out, int high, int mid, int low, int chars) {
        int w = (high << 16) | (mid << 8) | low;
        for (int i = 0; i < chars; i++) {
            out.append(ALPHABET[w & 0x3f]);
            w >>>= 6;
        }
    }

    private static void digestInto(MessageDigest md, byte[] out) {
        try {
            md.digest(out, 0, DIGEST_BYTES);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-512", e);
        }
    }
}
