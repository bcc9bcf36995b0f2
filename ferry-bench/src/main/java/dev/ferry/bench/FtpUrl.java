package dev.ferry.bench;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The server under test, from {@code ftp://user:password@host:port/dir}. The directory (default
 * the login directory) is where the benchmark keeps its files.
 */
public record FtpUrl(String host, int port, String user, String password, String directory) {

    public static FtpUrl parse(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + text);
        }
        if (!"ftp".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("only ftp:// URLs are supported, not " + text);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("no host in " + text);
        }
        String user = "anonymous";
        String password = "bench@";
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? "" : decode(info.substring(colon + 1));
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        return new FtpUrl(uri.getHost(), uri.getPort() < 0 ? 21 : uri.getPort(), user, password,
                path.length() > 1 ? path.substring(1) : "");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** A path for the benchmark's files, inside the URL's directory. */
    public String file(String name) {
        return directory.isEmpty() ? name : directory + "/" + name;
    }

    /** For tables and JSON: the password is never shown. */
    public String display() {
        return "ftp://" + user + "@" + host + ":" + port + "/" + directory;
    }
}
