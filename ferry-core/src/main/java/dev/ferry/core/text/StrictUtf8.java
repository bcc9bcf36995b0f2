package dev.ferry.core.text;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 that refuses what is not UTF-8, for every name and secret a client or an operator sends.
 * The JDK's default decoding puts U+FFFD in place of a bad byte, and then two different names
 * (Latin-1 {@code caf\xe9} and {@code caf\xe8}) become one, or a password becomes one nobody
 * typed.
 */
public final class StrictUtf8 {

    private StrictUtf8() {}

    /** A decoder that reports malformed and unmappable input instead of replacing it. */
    public static CharsetDecoder decoder() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** {@code len} bytes from {@code off} as text; pure ASCII, the usual case, needs no decoder. */
    public static String decode(byte[] bytes, int off, int len) throws CharacterCodingException {
        for (int i = off; i < off + len; i++) {
            if (bytes[i] < 0) {
                return decoder().decode(ByteBuffer.wrap(bytes, off, len)).toString();
            }
        }
        return new String(bytes, off, len, StandardCharsets.US_ASCII);
    }
}
