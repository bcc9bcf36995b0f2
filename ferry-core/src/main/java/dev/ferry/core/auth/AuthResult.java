package dev.ferry.core.auth;

import dev.ferry.core.user.User;

/** The outcome of a login attempt. */
public sealed interface AuthResult {

    /** Credentials good and the account may log in from here now. */
    record Success(User user) implements AuthResult {}

    /**
     * Refused. The reason is for the log only: every front-end shows the client the same reply
     * for every reason, so that a refusal tells an attacker nothing.
     */
    record Failure(Reason reason) implements AuthResult {}

    /** Too many logins are waiting for a hashing thread: the client should try again later. */
    record Busy() implements AuthResult {}

    /** The user store cannot be reached. */
    record Unavailable(String detail) implements AuthResult {}

    enum Reason {
        UNKNOWN_USER("unknown-user"),
        BAD_PASSWORD("bad-password"),
        DISABLED("disabled"),
        EXPIRED("expired"),
        ADDRESS_DENIED("address-denied"),
        /** The client's network is banned after too many failures; no password was checked. */
        BANNED("banned"),
        /** No client certificate for an account that needs one, or one naming someone else. */
        CERTIFICATE_REFUSED("certificate-refused"),
        /** An SSH public key that is not among the account's keys. */
        UNKNOWN_KEY("unknown-key");

        private final String word;

        Reason(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }
}
