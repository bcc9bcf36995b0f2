package dev.ferry.client.remote;

import java.util.Locale;
import java.util.Optional;

/** The URL schemes the client speaks. */
public enum Protocol {
    /** Plain FTP. */
    FTP("ftp", 21),
    /** FTP with explicit TLS (AUTH TLS on the normal port), control and data channels protected. */
    FTPS("ftps", 21),
    /** SFTP over SSH. */
    SFTP("sftp", 22);

    private final String scheme;
    private final int defaultPort;

    Protocol(String scheme, int defaultPort) {
        this.scheme = scheme;
        this.defaultPort = defaultPort;
    }

    public String scheme() {
        return scheme;
    }

    public int defaultPort() {
        return defaultPort;
    }

    public static Optional<Protocol> ofScheme(String scheme) {
        String s = scheme.toLowerCase(Locale.ROOT);
        for (Protocol p : values()) {
            if (p.scheme.equals(s)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
