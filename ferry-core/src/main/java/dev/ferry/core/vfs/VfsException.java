package dev.ferry.core.vfs;

/**
 * A file-system operation that cannot be done, with a reason each front-end maps to its own reply
 * (FTP code, SFTP status). The message is safe to show to the client: it never names a real
 * on-disk path, only the virtual one.
 */
public final class VfsException extends Exception {

    public enum Reason {
        /** Does not exist, or lies outside the home: deliberately the same reason (no oracle). */
        NOT_FOUND,
        /** The user's permissions forbid this operation here. */
        PERMISSION_DENIED,
        ALREADY_EXISTS,
        NOT_A_DIRECTORY,
        IS_A_DIRECTORY,
        DIRECTORY_NOT_EMPTY,
        /** A name that can never be valid (NUL byte, "." as a file name...). */
        INVALID_NAME,
        NAME_TOO_LONG,
        /** A write offset past the end of the file (REST beyond the size). */
        INVALID_OFFSET,
        /** The user's quota would be exceeded. */
        QUOTA_EXCEEDED,
        /** The storage failed (disk full, I/O error); may succeed later. */
        IO_ERROR
    }

    private final Reason reason;
    private final String virtualPath;

    public VfsException(Reason reason, String virtualPath, String message) {
        super(message, null, false, false);
        this.reason = reason;
        this.virtualPath = virtualPath;
    }

    public VfsException(Reason reason, String virtualPath, String message, Throwable cause) {
        super(message, cause, false, false);
        this.reason = reason;
        this.virtualPath = virtualPath;
    }

    public Reason reason() {
        return reason;
    }

    /** The path as the client spelled or resolved it; never an on-disk path. */
    public String virtualPath() {
        return virtualPath;
    }
}
