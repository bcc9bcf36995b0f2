package dev.ferry.ftp.tls;

/** A data connection that may not be used; the closing reply is {@code code text}. */
public final class DataConnectionRefused extends Exception {

    private final int code;

    public DataConnectionRefused(int code, String text) {
        super(text);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
