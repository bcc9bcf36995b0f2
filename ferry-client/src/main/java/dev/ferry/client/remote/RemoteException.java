package dev.ferry.client.remote;

import java.io.IOException;

/**
 * A remote operation that failed, with a kind that decides the exit code and whether a retry can
 * help. The message is one line for the user; it never contains a password.
 */
public final class RemoteException extends IOException {

    public enum Kind {
        /** The server could not be reached, or the connection dropped: a retry may succeed. */
        CONNECTION(true),
        /** Login refused. */
        AUTH(false),
        /** No such file or directory. */
        NOT_FOUND(false),
        /** The server refused the operation (permissions, quota, name taken). */
        REFUSED(false),
        /** A transfer broke off or was refused for a transient reason (4xx): a retry may succeed. */
        TRANSFER(true),
        /** The data arrived but does not match (size or checksum). */
        VERIFY(false),
        /** The server does not offer what was asked (a command, TLS). */
        UNSUPPORTED(false),
        /** The server's identity could not be confirmed (TLS certificate, SSH host key). */
        UNTRUSTED(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    private final Kind kind;

    public RemoteException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public RemoteException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public boolean retryable() {
        return kind.retryable();
    }
}
