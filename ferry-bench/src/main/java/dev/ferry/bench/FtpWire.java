package dev.ferry.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * The smallest FTP client that can drive a benchmark: a raw control connection and passive data
 * sockets. Downloads are read into a caller's (large, direct) buffer and discarded; uploads go
 * from a file with {@link FileChannel#transferTo} (sendfile), or from a buffer for small files.
 * No parsing beyond the reply code, no listing parser, no TLS: the generator must cost less than
 * the server it measures.
 *
 * <p>Call {@link #retr} and {@link #stor(String, FileChannel, long)} from platform threads:
 * sendfile to a blocking socket on a virtual thread would pin its carrier.
 */
public final class FtpWire implements AutoCloseable {

    /** A reply later than this is a failure (and must not hold a timed scenario open for long). */
    private static final int CONTROL_TIMEOUT_MS = 15_000;

    private final FtpUrl target;
    private final Connections connections;
    private final Socket control;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buf = new byte[512];
    private int pos;
    private int end;
    private final StringBuilder line = new StringBuilder(80);
    private final ReplyDeadline.Wait replyWait;
    private boolean epsvRefused;

    private FtpWire(FtpUrl target, Connections connections, Socket control) throws IOException {
        this.target = target;
        this.connections = connections;
        this.control = control;
        this.in = control.getInputStream();
        this.out = control.getOutputStream();
        this.replyWait = ReplyDeadline.watch(control, CONTROL_TIMEOUT_MS);
    }

    /** Connects and reads the greeting (which must be 220). */
    public static FtpWire connect(FtpUrl target, Connections connections) throws IOException {
        Socket s = new Socket();
        connections.track(s);
        FtpWire w = null;
        try {
            s.setTcpNoDelay(true);
            // No SO_TIMEOUT: ReplyDeadline bounds each wait for a reply (a timed read costs a
            // timer on a virtual thread).
            s.connect(new InetSocketAddress(target.host(), target.port()), CONTROL_TIMEOUT_MS);
            w = new FtpWire(target, connections, s);
            w.expect("connect", w.readReply(), 220);
            return w;
        } catch (IOException | RuntimeException e) {
            if (w != null) {
                w.close();
            } else {
                connections.untrack(s);
                Connections.closeQuietly(s);
            }
            throw e;
        }
    }

    /** USER and PASS (and TYPE I); the session is then ready for transfers. */
    public FtpWire login() throws IOException {
        Reply r = command("USER " + target.user());
        if (r.code() == 331) {
            r = command("PASS " + target.password());
        }
        expect("login", r, 230);
        return this;
    }

    public FtpWire binary() throws IOException {
        expect("TYPE I", command("TYPE I"), 200);
        return this;
    }

    /** Sends one command line and reads its reply. */
    public Reply command(String text) throws IOException {
        send(text);
        return readReply();
    }

    public void send(String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads one reply, multi-line ones whole. */
    public Reply readReply() throws IOException {
        String first = readLine();
        if (first.length() < 3) {
            throw new IOException("malformed reply: " + first);
        }
        int code = parseCode(first);
        if (first.length() > 3 && first.charAt(3) == '-') {
            String prefix = first.substring(0, 3) + " ";
            String l;
            do {
                l = readLine();
            } while (!l.startsWith(prefix));
            return new Reply(code, l.substring(4));
        }
        return new Reply(code, first.length() > 4 ? first.substring(4) : "");
    }

    private static int parseCode(String l) throws IOException {
        int code = 0;
        for (int i = 0; i < 3; i++) {
            char c = l.charAt(i);
            if (c < '0' || c > '9') {
                throw new IOException("malformed reply: " + l);
            }
            code = code * 10 + (c - '0');
        }
        return code;
    }

    private String readLine() throws IOException {
        line.setLength(0);
        while (true) {
            if (pos == end) {
                replyWait.begin();
                try {
                    end = in.read(buf);
                } catch (IOException e) {
                    pos = 0;
                    end = 0;
                    throw replyWait.failure(e);
                } finally {
                    replyWait.end();
                }
                pos = 0;
                if (end < 0) {
                    end = 0;
                    throw new IOException("server closed the control connection");
                }
            }
            byte b = buf[pos++];
            if (b == '\n') {
                int n = line.length();
                if (n > 0 && line.charAt(n - 1) == '\r') {
                    line.setLength(n - 1);
                }
                return line.toString();
            }
            line.append((char) (b & 0xff));
        }
    }

    static Reply expect(String what, Reply r, int... codes) throws FtpException {
        for (int c : codes) {
            if (r.code() == c) {
                return r;
            }
        }
        throw new FtpException(what, r);
    }

    /** EPSV (or PASV where EPSV is refused), connected. */
    public SocketChannel openPassive() throws IOException {
        int port;
        if (!epsvRefused) {
            Reply r = command("EPSV");
            if (r.code() == 229) {
                port = epsvPort(r.text());
                return connectData(port);
            }
            epsvRefused = true;
        }
        Reply r = expect("PASV", command("PASV"), 227);
        port = pasvPort(r.text());
        return connectData(port);
    }

    private SocketChannel connectData(int port) throws IOException {
        SocketChannel ch = SocketChannel.open();
        connections.track(ch);
        try {
            ch.connect(new InetSocketAddress(target.host(), port));
            return ch;
        } catch (IOException e) {
            closeData(ch);
            throw e;
        }
    }

    void closeData(SocketChannel ch) {
        connections.untrack(ch);
        Connections.closeQuietly(ch);
    }

    static int epsvPort(String text) throws IOException {
        int a = text.indexOf("(|||");
        int b = a < 0 ? -1 : text.indexOf('|', a + 4);
        if (b < 0) {
            throw new IOException("cannot parse EPSV reply: " + text);
        }
        return Integer.parseInt(text.substring(a + 4, b));
    }

    static int pasvPort(String text) throws IOException {
        int a = text.indexOf('(');
        int b = text.indexOf(')', a + 1);
        String[] parts = (a < 0 || b < 0 ? text : text.substring(a + 1, b)).split(",");
        if (parts.length != 6) {
            throw new IOException("cannot parse PASV reply: " + text);
        }
        return Integer.parseInt(parts[4].trim()) * 256 + Integer.parseInt(parts[5].trim());
    }

    /** Downloads {@code path} into {@code sink} (overwritten, discarded). Returns bytes received. */
    public long retr(String path, ByteBuffer sink) throws IOException {
        SocketChannel data = openPassive();
        long n = 0;
        try {
            expect("RETR " + path, command("RETR " + path), 150, 125);
            int k;
            while ((k = data.read(sink.clear())) >= 0) {
                n += k;
            }
        } finally {
            closeData(data);
        }
        expect("RETR " + path, readReply(), 226, 250);
        return n;
    }

    /** Uploads {@code size} bytes of {@code file} (from its start) as {@code path}, by sendfile. */
    public long stor(String path, FileChannel file, long size) throws IOException {
        SocketChannel data = openPassive();
        long sent = 0;
        try {
            expect("STOR " + path, command("STOR " + path), 150, 125);
            while (sent < size) {
                sent += file.transferTo(sent, size - sent, data);
            }
        } finally {
            closeData(data);
        }
        expect("STOR " + path, readReply(), 226, 250);
        return sent;
    }

    /** Uploads the remaining bytes of {@code content} as {@code path}; for small files. */
    public long stor(String path, ByteBuffer content) throws IOException {
        SocketChannel data = openPassive();
        long sent = 0;
        try {
            expect("STOR " + path, command("STOR " + path), 150, 125);
            ByteBuffer b = content.duplicate();
            while (b.hasRemaining()) {
                sent += data.write(b);
            }
        } finally {
            closeData(data);
        }
        expect("STOR " + path, readReply(), 226, 250);
        return sent;
    }

    /** LIST, NLST or MLSD of {@code path}. Returns the bytes and lines received. */
    public Listing list(String verb, String path, ByteBuffer sink) throws IOException {
        SocketChannel data = openPassive();
        long bytes = 0;
        long lines = 0;
        try {
            expect(verb, command(verb + " " + path), 150, 125);
            int k;
            while ((k = data.read(sink.clear())) >= 0) {
                bytes += k;
                sink.flip();
                for (int i = 0; i < k; i++) {
                    if (sink.get(i) == '\n') {
                        lines++;
                    }
                }
            }
        } finally {
            closeData(data);
        }
        expect(verb, readReply(), 226, 250);
        return new Listing(bytes, lines);
    }

    /** What a listing brought. */
    public record Listing(long bytes, long lines) {}

    public OptionalLong size(String path) throws IOException {
        Reply r = command("SIZE " + path);
        if (r.code() != 213) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(r.text().trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** MKD of each level of {@code path}; "already exists" (550) is fine, a later use will tell. */
    public void mkdirs(String path) throws IOException {
        if (path.isEmpty()) {
            return;
        }
        StringBuilder sofar = new StringBuilder();
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (sofar.length() > 0) {
                sofar.append('/');
            }
            sofar.append(part);
            command("MKD " + sofar);
        }
    }

    public void quit() {
        try {
            send("QUIT");
            readReply();
        } catch (IOException ignored) {
            // leaving anyway
        }
        close();
    }

    @Override
    public void close() {
        replyWait.close();
        connections.untrack(control);
        Connections.closeQuietly(control);
    }
}
