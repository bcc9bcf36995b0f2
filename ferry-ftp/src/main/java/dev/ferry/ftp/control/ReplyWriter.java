package dev.ferry.ftp.control;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes replies on the control connection. Thread-safe: the control thread and a session's
 * transfer thread both reply, and a reply must never interleave with another. Each reply goes
 * out in one write.
 */
public final class ReplyWriter {

    private final OutputStream out;
    private final ReentrantLock lock = new ReentrantLock();

    public ReplyWriter(OutputStream out) {
        this.out = out;
    }

    /** A one-line reply: {@code "code text"}. */
    public void reply(int code, String text) throws IOException {
        send(code + " " + clean(text) + "\r\n");
    }

    /**
     * A multi-line reply (RFC 959 4.2): {@code "code-first"}, then each body line, then
     * {@code "code last"}. Body lines are sent with a leading space, so none can be mistaken for
     * the closing line.
     */
    public void reply(int code, String first, List<String> body, String last) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append(code).append('-').append(clean(first)).append("\r\n");
        for (String line : body) {
            b.append(' ').append(clean(line)).append("\r\n");
        }
        b.append(code).append(' ').append(clean(last)).append("\r\n");
        send(b.toString());
    }

    private void send(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        lock.lock();
        try {
            out.write(bytes);
            out.flush();
        } finally {
            lock.unlock();
        }
    }

    /** Client-supplied text (paths) must not be able to start a new reply line. */
    static String clean(String text) {
        if (text.indexOf('\r') < 0 && text.indexOf('\n') < 0) {
            return text;
        }
        return text.replace('\r', ' ').replace('\n', ' ');
    }
}
