package dev.ferry.core.tls;

/** A certificate, key or CA file cannot be used; the message names the file and the problem. */
public final class TlsConfigException extends Exception {
    public TlsConfigException(String message) {
        super(message);
    }

    public TlsConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
