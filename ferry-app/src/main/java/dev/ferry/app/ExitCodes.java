package dev.ferry.app;

/** Process exit codes, in the spirit of sysexits.h, so scripts can tell failures apart. */
public final class ExitCodes {
    public static final int OK = 0;
    /** A general failure. */
    public static final int FAILURE = 1;
    /** Bad command-line usage. */
    public static final int USAGE = 2;
    /** A named user or file does not exist. */
    public static final int NOT_FOUND = 3;
    /** Login failed. */
    public static final int AUTH = 4;
    /** A transfer failed, or its data did not match the server's (size, checksum). */
    public static final int TRANSFER = 5;
    /** The server could not be reached, its identity not confirmed, or the connection was lost for good. */
    public static final int CONNECTION = 6;
    /** The server refused the operation (permission, quota, unsupported command). */
    public static final int REFUSED = 7;
    /** Interrupted (Ctrl-C), as shells report 128 + SIGINT. */
    public static final int INTERRUPTED = 130;
    /** Configuration is invalid. */
    public static final int CONFIG = 78;
    /** A service (user store, network) is unavailable. */
    public static final int UNAVAILABLE = 69;
    /** An internal error. */
    public static final int SOFTWARE = 70;

    private ExitCodes() {}
}
