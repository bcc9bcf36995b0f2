package dev.ferry.client.remote;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A parsed {@code scheme://[user[:password]@]host[:port][/path]}. User, password and path are
 * percent-decoded (so {@code %40} in a user name is "@", {@code %20} in a path is a space). The path
 * is the path on the server, always absolute: for FTP as the server shows it after login (Ferry's
 * root is the user's home), for SFTP the server's absolute path.
 *
 * @param password present only when the URL carried one; callers treat it as a secret
 */
public record RemoteUrl(Protocol protocol, Optional<String> user, Optional<String> password, String host, int port,
                        String path) {

    /** Why a URL cannot be used; the message says what is wrong with it. */
    public static final class Invalid extends Exception {
        public Invalid(String message) {
            super(message);
        }
    }

    public static boolean looksLikeUrl(String text) {
        int i = text.indexOf("://");
        return i > 0 && Protocol.ofScheme(text.substring(0, i)).isPresent();
    }

    public static RemoteUrl parse(String text) throws Invalid {
        int schemeEnd = text.indexOf("://");
        if (schemeEnd <= 0) {
            throw new Invalid("not a URL: '" + text + "' (expected ftp://, ftps:// or sftp://host/path)");
        }
        String scheme = text.substring(0, schemeEnd);
        Protocol protocol = Protocol.ofScheme(scheme)
                .orElseThrow(() -> new Invalid("unsupported scheme '" + scheme + "' (use ftp, ftps or sftp)"));
        String rest = text.substring(schemeEnd + 3);
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String rawPath = slash < 0 ? "/" : rest.substring(slash);
        for (char c : new char[] {'?', '#'}) {
            if (rawPath.indexOf(c) >= 0 || authority.indexOf(c) >= 0) {
                throw new Invalid("'" + c + "' is not allowed in a " + scheme + " URL; write it as %" + String.format("%02X", (int) c));
            }
        }
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        int at = authority.lastIndexOf('@');
        String hostPort = authority;
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            hostPort = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            String u = colon < 0 ? userInfo : userInfo.substring(0, colon);
            if (u.isEmpty()) {
                throw new Invalid("empty user name in '" + redacted(text) + "'");
            }
            user = Optional.of(decode(u));
            if (colon >= 0) {
                password = Optional.of(decode(userInfo.substring(colon + 1)));
            }
        }
        String host;
        int port = protocol.defaultPort();
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw new Invalid("unclosed '[' in the host of '" + redacted(text) + "'");
            }
            host = hostPort.substring(1, close);
            String after = hostPort.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw new Invalid("unexpected '" + after + "' after the host");
                }
                port = port(after.substring(1));
            }
        } else {
            int colon = hostPort.lastIndexOf(':');
            host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            if (colon >= 0) {
                port = port(hostPort.substring(colon + 1));
            }
        }
        if (host.isEmpty()) {
            throw new Invalid("no host in '" + redacted(text) + "'");
        }
        String path = decode(rawPath);
        if (path.indexOf('\0') >= 0 || path.indexOf('\n') >= 0 || path.indexOf('\r') >= 0) {
            throw new Invalid("the path may not contain NUL, CR or LF");
        }
        return new RemoteUrl(protocol, user, password, host, port, path);
    }

    private static int port(String text) throws Invalid {
        try {
            int p = Integer.parseInt(text);
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new Invalid("invalid port '" + text + "' (1-65535)");
    }

    static String decode(String s) throws Invalid {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); ) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new Invalid("incomplete %-escape in '" + s + "' (a literal % is written %25)");
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new Invalid("bad %-escape '" + s.substring(i, i + 3) + "' (a literal % is written %25)");
                }
                out.write(hi * 16 + lo);
                i += 3;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                    b = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                out.writeBytes(b);
                i++;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The URL with its password replaced, for messages. */
    public static String redacted(String text) {
        return text.replaceAll("(://[^/@:]*):[^/@]*@", "$1:***@");
    }

    /** The same server (and user) at another path. */
    public RemoteUrl withPath(String newPath) {
        return new RemoteUrl(protocol, user, password, host, port, newPath);
    }

    /** scheme://user@host:port, without password or path: names the server in messages. */
    public String origin() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return protocol.scheme() + "://" + user.map(u -> u + "@").orElse("") + h + (port == protocol.defaultPort() ? "" : ":" + port);
    }

    @Override
    public String toString() {
        return origin() + path;
    }
}
