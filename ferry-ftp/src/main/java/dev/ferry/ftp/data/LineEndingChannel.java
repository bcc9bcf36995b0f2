package dev.ferry.ftp.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * TYPE A (RFC 959 3.1.1.1): the network form of text ends lines with CRLF, and this server's
 * native form (Unix) with LF. Downloads turn each LF into CRLF (an LF that already follows a CR
 * is sent as it is, so a file written with CRLF does not gain a CR per line, as proftpd does);
 * uploads turn each CRLF into LF, keeping a CR that is not followed by LF. State carries across reads, so a CRLF split between
 * two network reads is still seen as one line end.
 */
public final class LineEndingChannel implements ReadableByteChannel {

    public enum Direction { TO_NETWORK, FROM_NETWORK }

    private final ReadableByteChannel source;
    private final Direction direction;
    private final ByteBuffer raw = ByteBuffer.allocate(32 * 1024).flip();
    private boolean pendingCr;   // FROM_NETWORK: a CR seen at the end of the last read
    private boolean pendingLf;   // TO_NETWORK: the LF of a CRLF that did not fit
    private boolean lastCr;      // TO_NETWORK: the last byte sent was a CR
    private boolean eof;

    public LineEndingChannel(ReadableByteChannel source, Direction direction) {
        this.source = source;
        this.direction = direction;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int start = dst.position();
        while (dst.hasRemaining()) {
            if (direction == Direction.TO_NETWORK && pendingLf) {
                dst.put((byte) '\n');
                pendingLf = false;
                continue;
            }
            if (!raw.hasRemaining()) {
                if (eof || (dst.position() > start)) {
                    break;
                }
                raw.clear();
                int n = source.read(raw);
                raw.flip();
                if (n < 0) {
                    eof = true;
                    break;
                }
                continue;
            }
            byte b = raw.get();
            if (direction == Direction.TO_NETWORK) {
                if (b == '\n' && !lastCr) {
                    dst.put((byte) '\r');
                    pendingLf = true;
                } else {
                    dst.put(b);
                }
                lastCr = b == '\r';
            } else {
                if (pendingCr) {
                    pendingCr = false;
                    if (b != '\n') {
                        dst.put((byte) '\r');
                        if (!dst.hasRemaining()) {
                            raw.position(raw.position() - 1);
                            break;
                        }
                    }
                }
                if (b == '\r') {
                    pendingCr = true;
                } else {
                    dst.put(b);
                }
            }
        }
        if (eof && pendingCr && dst.hasRemaining()) {
            dst.put((byte) '\r');
            pendingCr = false;
        }
        int n = dst.position() - start;
        return n == 0 && eof && !pendingLf && !pendingCr ? -1 : n;
    }

    @Override
    public boolean isOpen() {
        return source.isOpen();
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
