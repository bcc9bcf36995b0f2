package dev.ferry.core.tls;

import java.util.Locale;

/**
 * What a client certificate means for one account. The certificate must chain to the server's
 * {@code --tls-client-ca} and name the account in its subject's common name (CN).
 */
public enum ClientCertLogin {
    /** Passwords only; a certificate is ignored. */
    PASSWORD("password"),
    /** A matching certificate stands in for the password; the password still works without one. */
    CERT_OR_PASSWORD("cert-or-password"),
    /** Both: a matching certificate and the password. */
    CERT_AND_PASSWORD("cert-and-password");

    private final String word;

    ClientCertLogin(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static ClientCertLogin parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        for (ClientCertLogin m : values()) {
            if (m.word.equals(s)) {
                return m;
            }
        }
        throw new IllegalArgumentException("not a client certificate mode: '" + text
                + "' (password, cert-or-password or cert-and-password)");
    }
}
