package dev.ferry.ftp.control;

import java.io.IOException;
import java.io.InputStream;
import dev.ferry.core.text.StrictUtf8;
import java.nio.charset.CharacterCodingException;
import java.util.Arrays;

/**
 * Cuts the control connection's byte stream into command lines.
 *
 * <ul>
 *   <li>A line ends at LF; a CR before it is dropped (CRLF per RFC 959, bare LF for lenient clients).
 *   <li>Several commands in one TCP segment, or one command split over several, both work: the
 *       reader keeps unread bytes between calls.
 *   <li>Telnet IAC sequences are removed: IAC IAC is a literal 0xFF, IAC WILL/WONT/DO/DONT take
 *       one option byte, any other IAC command (IP, DM, AO...) is dropped. Clients send IAC IP and
 *       IAC DM before ABOR.
 *   <li>A line longer than the limit is discarded up to its end and reported as {@link TooLong};
 *       memory use stays bounded whatever the client sends.
 *   <li>A line that is not UTF-8 is reported as {@link NotUtf8}, never decoded with replacement
 *       characters: two names that differ only in their undecodable bytes would otherwise become
 *       the same name, and one upload would overwrite the other.
 * </ul>
 *
 * Small on purpose: an idle session holds only a few hundred bytes here.
 */
public final class CommandLineReader {

    /** What one call to {@link #next()} found. */
    public sealed interface Result {}

    public record Line(String text) implements Result {}

    public record TooLong() implements Result {}

    public record NotUtf8() implements Result {}

    public record EndOfStream() implements Result {}

    private static final int IAC = 255;
    private static final int WILL = 251;
    private static final int DONT = 254;
    private static final int READ_CHUNK = 256;

    private final InputStream in;
    private final int maxLineBytes;
    /** Null while the session is parked with nothing unread (see {@link #release}). */
    private byte[] chunk;
    private int chunkPos;
    private int chunkEnd;
    private byte[] line = new byte[64];
    private int lineLen;
    private boolean overflow;
    private int telnetState; // 0 normal, 1 after IAC, 2 after IAC WILL/WONT/DO/DONT

    public CommandLineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** Blocks until a whole line (or the end of the stream) arrives. Timeouts propagate. */
    public Result next() throws IOException {
        while (true) {
            if (chunkPos == chunkEnd) {
                if (chunk == null) {
                    chunk = new byte[READ_CHUNK];
                }
                int n = in.read(chunk, 0, chunk.length);
                if (n < 0) {
                    return new EndOfStream();
                }
                chunkPos = 0;
                chunkEnd = n;
            }
            while (chunkPos < chunkEnd) {
                int b = chunk[chunkPos++] & 0xff;
                if (telnetState == 1) {
                    telnetState = (b >= WILL && b <= DONT) ? 2 : 0;
                    if (b == IAC) {
                        append(b);
                    }
                    continue;
                }
                if (telnetState == 2) {
                    telnetState = 0;
                    continue;
                }
                if (b == IAC) {
                    telnetState = 1;
                    continue;
                }
                if (b == '\n') {
                    return finishLine();
                }
                append(b);
            }
        }
    }

    /** Bytes have been read that {@link #next()} has not yet looked at (a pipelined command). */
    public boolean hasBufferedInput() {
        return chunkPos < chunkEnd;
    }

    /**
     * Lets go of the read buffer while nothing unread is in it, for as long as the connection
     * waits parked; the next read makes a new one.
     */
    public void release() {
        if (chunkPos == chunkEnd) {
            chunk = null;
        }
    }

    private Result finishLine() {
        boolean tooLong = overflow;
        int len = lineLen;
        if (len > 0 && line[len - 1] == '\r') {
            len--;
        }
        String text = tooLong ? "" : decode(line, len);
        lineLen = 0;
        overflow = false;
        if (line.length > 1024) {
            line = new byte[64];
        }
        return tooLong ? new TooLong() : text == null ? new NotUtf8() : new Line(text);
    }

    /** The line as text, or null when it is not UTF-8. */
    private static String decode(byte[] bytes, int len) {
        try {
            return StrictUtf8.decode(bytes, 0, len);
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private void append(int b) {
        if (overflow) {
            return;
        }
        if (lineLen == maxLineBytes) {
            overflow = true;
            return;
        }
        if (lineLen == line.length) {
            line = Arrays.copyOf(line, Math.min(maxLineBytes, line.length * 2));
        }
        line[lineLen++] = (byte) b;
    }
}
