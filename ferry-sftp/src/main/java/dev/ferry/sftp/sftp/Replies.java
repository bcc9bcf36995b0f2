package dev.ferry.sftp.sftp;

import dev.ferry.sftp.channel.ChannelOutbox;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Builds SFTP replies in one reusable buffer and writes each whole to the channel; file data for
 * a READ goes from the I/O buffer straight into the SSH packets.
 */
final class Replies {

    /** Largest reply built here (a READDIR batch of long names). */
    static final int CAPACITY = SftpLimits.MAX_PACKET + 64;

    private final ChannelOutbox out;
    private byte[] buf = new byte[1024];
    private int pos;

    Replies(ChannelOutbox out) {
        this.out = out;
    }

    /** Starts a reply of {@code type}; the length is filled in by {@link #send()}. */
    Replies begin(int type, int id) {
        pos = 4;
        u8(type);
        if (type != Sftp.FXP_VERSION) {
            u32(id);
        }
        return this;
    }

    Replies u8(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
        return this;
    }

    Replies u32(long v) {
        ensure(4);
        buf[pos] = (byte) (v >>> 24);
        buf[pos + 1] = (byte) (v >>> 16);
        buf[pos + 2] = (byte) (v >>> 8);
        buf[pos + 3] = (byte) v;
        pos += 4;
        return this;
    }

    Replies u64(long v) {
        u32(v >>> 32);
        return u32(v & 0xffffffffL);
    }

    Replies string(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    Replies bytes(byte[] b) {
        u32(b.length);
        ensure(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
        return this;
    }

    /** Bytes as they are, without a length: the tail of a reply (check-file's digests). */
    Replies raw(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
        return this;
    }

    /** A handle token (ISO-8859-1, byte for char). */
    Replies handle(String h) {
        return bytes(h.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends SSH_FXP_DATA with {@code data}'s remaining bytes, copied once, into the SSH packets. */
    void data(int id, ByteBuffer data) throws IOException {
        int n = data.remaining();
        begin(Sftp.FXP_DATA, id).u32(n);
        int len = pos - 4 + n;
        buf[0] = (byte) (len >>> 24);
        buf[1] = (byte) (len >>> 16);
        buf[2] = (byte) (len >>> 8);
        buf[3] = (byte) len;
        out.write(buf, 0, pos);
        out.write(data);
    }

    /** Writes the reply built since {@link #begin}. */
    void send() throws IOException {
        int len = pos - 4;
        buf[0] = (byte) (len >>> 24);
        buf[1] = (byte) (len >>> 16);
        buf[2] = (byte) (len >>> 8);
        buf[3] = (byte) len;
        out.write(buf, 0, pos);
    }

    void status(int id, int code, String message) throws IOException {
        begin(Sftp.FXP_STATUS, id).u32(code).string(message).string("en").send();
    }

    void flush() throws IOException {
        out.flush();
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = java.util.Arrays.copyOf(buf, Math.max(Math.min(buf.length * 2, CAPACITY), pos + n));
        }
    }
}
