package dev.ferry.client.remote;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;

/**
 * Why a connection failed, in a user's words: the libraries' own messages name their classes
 * ({@code DefaultConnectFuture[...]: Failed (ConnectException) to execute},
 * {@code sun.security.provider.certpath.SunCertPathBuilderException: ...}) or nothing at all.
 */
public final class Causes {

    private Causes() {}

    /** A short phrase for {@code e}, from the most telling cause in its chain. */
    public static String plain(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            switch (t) {
                case UnknownHostException u -> {
                    return "unknown host" + (u.getMessage() == null ? "" : " " + u.getMessage());
                }
                case UnresolvedAddressException u -> {
                    return "unknown host";
                }
                case ConnectException c -> {
                    String m = c.getMessage() == null ? "" : c.getMessage().toLowerCase(java.util.Locale.ROOT);
                    return m.contains("refused") ? "connection refused" : m.contains("timed out") ? "timed out"
                            : m.isEmpty() ? "cannot connect" : m;
                }
                case NoRouteToHostException n -> {
                    return "no route to host";
                }
                case SocketTimeoutException s -> {
                    return "timed out";
                }
                case CertificateExpiredException x -> {
                    return "the server's certificate has expired";
                }
                case CertPathBuilderException x -> {
                    return "the server's certificate is not trusted (no chain to a trusted CA)";
                }
                case CertPathValidatorException x -> {
                    return "the server's certificate is not trusted (" + x.getReason() + ")";
                }
                default -> { }
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() != null ? root.getMessage() : e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
