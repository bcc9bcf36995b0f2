package dev.ferry.core.tls;

import java.util.Locale;

/**
 * Whether a protected data connection must resume the TLS session of its control connection.
 * Requiring it (vsftpd's require_ssl_reuse) means a stranger who races the client to a passive
 * port cannot take its data connection: only the holder of the control session's secrets can
 * resume it.
 */
public enum TlsReuse {
    REQUIRED("required"),
    /** For clients that cannot resume, such as python's stock ftplib.FTP_TLS. */
    OPTIONAL("optional");

    private final String word;

    TlsReuse(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static TlsReuse parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        for (TlsReuse r : values()) {
            if (r.word.equals(s)) {
                return r;
            }
        }
        throw new IllegalArgumentException("not a TLS reuse setting: '" + text + "' (required or optional)");
    }
}
