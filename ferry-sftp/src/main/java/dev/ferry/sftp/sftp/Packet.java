package dev.ferry.sftp.sftp;

import dev.ferry.core.text.StrictUtf8;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * One SFTP request body, read field by field (RFC 4251 encodings: big-endian integers, strings as
 * a uint32 length and bytes). A field that runs past the end throws {@link Malformed}, which the
 * subsystem answers with SSH_FX_BAD_MESSAGE.
 */
final class Packet {

    /** The request is shorter than its fields say. */
    static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * A string that must be text (a file name, above all) is not UTF-8. Decoding it with
     * replacement characters would make two different names one, and an upload of the second
     * would overwrite the first.
     */
    static final class NotUtf8 extends RuntimeException {
        NotUtf8() {
            super("File name is not valid UTF-8 (names here are UTF-8)", null, false, false);
        }
    }

    private final byte[] data;
    private final int end;
    private int pos;

    Packet(byte[] data, int start, int end) {
        this.data = data;
        this.pos = start;
        this.end = end;
    }

    int u8() {
        need(1);
        return data[pos++] & 0xff;
    }

    int u32() {
        need(4);
        int v = ((data[pos] & 0xff) << 24) | ((data[pos + 1] & 0xff) << 16) | ((data[pos + 2] & 0xff) << 8) | (data[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    long u64() {
        long hi = u32() & 0xffffffffL;
        long lo = u32() & 0xffffffffL;
        return (hi << 32) | lo;
    }

    /** A string's length, checked against what is left; the bytes start at {@link #position()}. */
    int stringLength() {
        long n = u32() & 0xffffffffL;
        if (n > end - pos) {
            throw new Malformed("string longer than the packet");
        }
        return (int) n;
    }

    /** A string field as UTF-8 text; {@link NotUtf8} when it is not. */
    String utf8() {
        int n = stringLength();
        String s;
        try {
            s = StrictUtf8.decode(data, pos, n);
        } catch (CharacterCodingException e) {
            throw new NotUtf8();
        }
        pos += n;
        return s;
    }

    /** A handle string, as the opaque token it is. */
    String handle() {
        int n = stringLength();
        String s = new String(data, pos, n, StandardCharsets.ISO_8859_1);
        pos += n;
        return s;
    }

    boolean hasMore() {
        return pos < end;
    }

    byte[] array() {
        return data;
    }

    int position() {
        return pos;
    }

    void skip(int n) {
        need(n);
        pos += n;
    }

    private void need(int n) {
        if (end - pos < n) {
            throw new Malformed("packet too short");
        }
    }
}
