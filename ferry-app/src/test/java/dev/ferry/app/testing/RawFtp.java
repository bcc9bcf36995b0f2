package dev.ferry.app.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bare FTP control connection for tests that must control the bytes on the wire: several
 * commands in one segment, a command split across writes, Telnet IAC sequences, over-long lines.
 */
public final class RawFtp implements AutoCloseable {

    /** One reply: its code and every line of it, the closing line last. */
    public record Reply(int code, List<String> lines) {
        public String text() {
            return String.join("\n", lines);
        }

        public String last() {
            return lines.get(lines.size() - 1);
        }
    }

    private static final Pattern PASV = Pattern.compile("\\((\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)\\)");
    private static final Pattern EPSV = Pattern.compile("\\(\\|\\|\\|(\\d+)\\|\\)");

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawFtp(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects and reads the greeting. */
    public static RawFtp connect(int port) throws IOException {
        return connectFrom(null, port);
    }

    /** Connects from a chosen local address (e.g. 127.0.0.2) and reads the greeting. */
    public static RawFtp connectFrom(String localAddress, int port) throws IOException {
        Socket s = new Socket();
        if (localAddress != null) {
            s.bind(new InetSocketAddress(localAddress, 0));
        }
        s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        s.setSoTimeout(30_000);
        RawFtp raw = new RawFtp(s);
        Reply greeting = raw.read();
        if (greeting.code() != 220) {
            raw.close();
            throw new IOException("greeting: " + greeting.text());
        }
        return raw;
    }

    /** Connects and returns the first reply, whatever it is (220, or 421 when refused). */
    public static Reply greetingOf(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            s.setSoTimeout(30_000);
            return new RawFtp(s).read();
        }
    }

    public RawFtp login(String user, String password) throws IOException {
        expect(send("USER " + user), 331);
        expect(send("PASS " + password), 230);
        return this;
    }

    /** Sends one command line (CRLF added) and reads its reply. */
    public Reply send(String line) throws IOException {
        write(line + "\r\n");
        return read();
    }

    public void write(String text) throws IOException {
        writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    public void writeBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads one whole reply, multi-line ones included (RFC 959 4.2). */
    public Reply read() throws IOException {
        List<String> lines = new ArrayList<>();
        String first = readLine();
        if (first == null) {
            throw new IOException("connection closed before a reply");
        }
        lines.add(first);
        if (first.length() >= 4 && first.charAt(3) == '-') {
            String end = first.substring(0, 3) + " ";
            while (true) {
                String l = readLine();
                if (l == null) {
                    throw new IOException("connection closed inside a multi-line reply");
                }
                lines.add(l);
                if (l.startsWith(end)) {
                    break;
                }
            }
        }
        return new Reply(Integer.parseInt(first.substring(0, 3)), lines);
    }

    /** True when the server has closed the connection (reads end of stream). */
    public boolean isClosedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    /** Opens a passive data connection (PASV) and returns its socket, not yet used. */
    public Socket pasv() throws IOException {
        Reply r = expect(send("PASV"), 227);
        Matcher m = PASV.matcher(r.last());
        if (!m.find()) {
            throw new IOException("no address in " + r.text());
        }
        String host = m.group(1) + "." + m.group(2) + "." + m.group(3) + "." + m.group(4);
        int port = Integer.parseInt(m.group(5)) * 256 + Integer.parseInt(m.group(6));
        Socket data = new Socket();
        data.connect(new InetSocketAddress(host, port), 10_000);
        data.setSoTimeout(30_000);
        return data;
    }

    /** EPSV, returning just the port. */
    public int epsvPort() throws IOException {
        Reply r = expect(send("EPSV"), 229);
        Matcher m = EPSV.matcher(r.last());
        if (!m.find()) {
            throw new IOException("no port in " + r.text());
        }
        return Integer.parseInt(m.group(1));
    }

    public static Reply expect(Reply r, int code) throws IOException {
        if (r.code() != code) {
            throw new IOException("expected " + code + " but got: " + r.text());
        }
        return r;
    }

    /** Everything the server sends on {@code data} until it closes it. */
    public static byte[] drain(Socket data) throws IOException {
        try (data; InputStream d = data.getInputStream()) {
            return d.readAllBytes();
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                byte[] bytes = b.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.UTF_8);
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.UTF_8);
    }

    public Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
