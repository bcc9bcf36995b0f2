package dev.ferry.client.auth;

import java.util.Arrays;
import java.util.Optional;

/**
 * Who logs in. The password is a char array so it can be wiped after the login; it is empty for
 * SSH key authentication, or for anonymous FTP where the server asks none.
 */
public record Credentials(String user, Optional<char[]> password, String source) {

    public static final String ANONYMOUS = "anonymous";

    public void wipe() {
        password.ifPresent(p -> Arrays.fill(p, '\0'));
    }

    @Override
    public String toString() {
        return "Credentials[" + user + ", password " + (password.isPresent() ? "from " + source : "none") + "]";
    }
}
