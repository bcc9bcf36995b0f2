package dev.ferry.core.user;

/** A user-store operation failed; the message is fit for an administrator to read. */
public final class UserStoreException extends Exception {

    public enum Reason { NOT_FOUND, ALREADY_EXISTS, INVALID, UNAVAILABLE }

    private final Reason reason;

    /** There is no account {@code name}. */
    public static UserStoreException noUser(String name) {
        return new UserStoreException(Reason.NOT_FOUND, "no user '" + name + "'");
    }

    public UserStoreException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public UserStoreException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
