package dev.ferry.core.user;

import java.time.Instant;
import java.util.Optional;

/**
 * An account. The password is held only as a self-describing hash string (Argon2id PHC format for
 * accounts made here; bcrypt or SHA-512-crypt for imported ones until their next login).
 *
 * @param name         login name
 * @param passwordHash encoded hash; never a password
 * @param home         the home directory as configured; empty means {@code <data>/home/<name>}
 * @param permissions  what the user may do, and where
 * @param limits       quota, bandwidth, sessions, addresses
 * @param disabled     a disabled account cannot log in
 * @param expires      after this instant the account cannot log in
 * @param tls          the account's own TLS rules (FTPS), inheriting the server's by default
 */
public record User(String name, String passwordHash, Optional<String> home, Permissions permissions,
                   UserLimits limits, boolean disabled, Optional<Instant> expires, UserTls tls) {

    /** An account that inherits the server's TLS rules. */
    public User(String name, String passwordHash, Optional<String> home, Permissions permissions,
                UserLimits limits, boolean disabled, Optional<Instant> expires) {
        this(name, passwordHash, home, permissions, limits, disabled, expires, UserTls.INHERIT);
    }

    /** Compiled once: it is checked at every login. */
    private static final java.util.regex.Pattern VALID_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_@][A-Za-z0-9._@-]{0,63}");

    public static User withDefaults(String name, String passwordHash) {
        return new User(name, passwordHash, Optional.empty(), Permissions.ALL, UserLimits.NONE, false, Optional.empty());
    }

    public User withTls(UserTls tls) {
        return new User(name, passwordHash, home, permissions, limits, disabled, expires, tls);
    }

    public boolean isExpired(Instant now) {
        return expires.isPresent() && !now.isBefore(expires.get());
    }

    public User withPasswordHash(String hash) {
        return new User(name, hash, home, permissions, limits, disabled, expires, tls);
    }

    /** Valid login names: letters, digits, '.', '_', '-', '@'; 1 to 64 characters; not starting with '-' or '.'. */
    public static boolean isValidName(String name) {
        return name != null && VALID_NAME.matcher(name).matches();
    }

    /** A home an account may be given: an absolute path with no control characters (they would break every listing of it). */
    public static boolean isUsableHome(String path) {
        return path.startsWith("/") && path.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
    }

    @Override
    public String toString() {
        // Never print the hash by accident.
        return "User[" + name + "]";
    }
}
