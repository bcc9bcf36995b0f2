package dev.ferry.core.tls;

import java.util.Locale;

/**
 * How much of a session must be encrypted: nothing, the login (and so every command after it), or
 * the login and every data connection too. Set for the server ({@code --tls}) and, optionally,
 * per user; a user's own setting replaces the server's.
 */
public enum TlsPolicy {
    /** TLS when the client asks for it. */
    OPTIONAL("optional"),
    /** No login without TLS on the control connection. */
    LOGIN("login"),
    /** As {@link #LOGIN}, and every data connection protected too (PROT P). */
    ALL("all");

    private final String word;

    TlsPolicy(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public boolean requiresLogin() {
        return this != OPTIONAL;
    }

    public boolean requiresData() {
        return this == ALL;
    }

    public static TlsPolicy parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        for (TlsPolicy p : values()) {
            if (p.word.equals(s)) {
                return p;
            }
        }
        throw new IllegalArgumentException("not a TLS policy: '" + text + "' (optional, login or all)");
    }
}
