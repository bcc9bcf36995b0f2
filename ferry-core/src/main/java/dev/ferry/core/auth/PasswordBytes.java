package dev.ferry.core.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * A password as the UTF-8 bytes every scheme hashes, made without an intermediate String (which
 * could not be wiped) into a buffer we size and wipe ourselves.
 */
final class PasswordBytes {

    /**
     * Far beyond any real password, and a needed bound: SHA-512-crypt's cost grows with the square
     * of the password length, so an unbounded password would be a denial of service.
     */
    static final int MAX_BYTES = 1024;

    // UTF-8 needs at most 3 bytes per UTF-16 unit (a surrogate pair, 2 units, needs 4).
    private static final int MAX_BYTES_PER_CHAR = 3;

    private PasswordBytes() {
    }

    /**
     * The UTF-8 encoding of {@code password}, which the caller must wipe; empty when the password
     * is longer than {@link #MAX_BYTES} or is not valid UTF-16 (an unpaired surrogate), since
     * such a password has no one encoding that other tools would agree on.
     */
    static Optional<byte[]> utf8(char[] password) {
        if (password.length > MAX_BYTES) {
            return Optional.empty();
        }
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        byte[] buffer = new byte[password.length * MAX_BYTES_PER_CHAR];
        try {
            ByteBuffer out = ByteBuffer.wrap(buffer);
            CoderResult result = encoder.encode(CharBuffer.wrap(password), out, true);
            if (!result.isUnderflow() || !encoder.flush(out).isUnderflow() || out.position() > MAX_BYTES) {
                return Optional.empty();
            }
            return Optional.of(Arrays.copyOf(buffer, out.position()));
        } finally {
            Arrays.fill(buffer, (byte) 0);
        }
    }
}
