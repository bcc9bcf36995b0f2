package dev.ferry.core.auth;

import dev.ferry.core.session.OnFreshThread;
import dev.ferry.core.user.User;
import dev.ferry.core.user.UserStore;
import dev.ferry.core.user.UserStoreException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one login path for every protocol. It looks the user up, verifies the password on the
 * {@link HashingPool} (against a dummy hash when the user does not exist, so both cases cost the
 * same), applies the account's rules (disabled, expired, allowed addresses), upgrades old hash
 * formats, delays failures, and writes one log line per attempt (logger {@code ferry.login}).
 */
public final class Authenticator {

    private static final Logger LOG = LoggerFactory.getLogger("ferry.login");

    private final UserStore store;
    private final PasswordHasher hasher;
    private final HashingPool pool;
    private final Duration failureDelay;
    private final Clock clock;
    private final VerifiedCredentialCache verified;

    public Authenticator(UserStore store, PasswordHasher hasher, HashingPool pool, Duration failureDelay, Clock clock) {
        this(store, hasher, pool, failureDelay, clock, VerifiedCredentialCache.off());
    }

    /** @param verified recent successful logins, which then skip the hash (see the class) */
    public Authenticator(UserStore store, PasswordHasher hasher, HashingPool pool, Duration failureDelay, Clock clock,
                         VerifiedCredentialCache verified) {
        this.verified = verified;
        this.store = store;
        this.hasher = hasher;
        this.pool = pool;
        this.failureDelay = failureDelay;
        this.clock = clock;
    }

    /**
     * Checks a password login. Parks the calling thread while hashing and, on failure, for the
     * failure delay.
     */
    public AuthResult authenticate(String name, String password, InetAddress client, String protocol)
            throws InterruptedException {
        // Off the caller's thread, which may be a session's for its whole life: the store, the JCA
        // and the logger leave per-thread caches behind (see OnFreshThread).
        return OnFreshThread.call(() -> check(name, password, client, protocol));
    }

    private AuthResult check(String name, String password, InetAddress client, String protocol) throws InterruptedException {
        Optional<User> found;
        try {
            found = User.isValidName(name) ? store.find(name) : Optional.empty();
        } catch (UserStoreException e) {
            LOG.error("login error user={} client={} proto={} reason=store-unavailable detail=\"{}\"",
                    printable(name), client.getHostAddress(), protocol, e.getMessage());
            return new AuthResult.Unavailable(e.getMessage());
        }
        // A recent verification of this very password and stored hash stands in for the hash.
        boolean cached = found.isPresent() && verified.verified(found.get(), password);
        char[] secret = password.toCharArray();
        boolean passwordOk;
        try {
            passwordOk = cached || pool.run(() -> found.isPresent()
                    ? hasher.verify(found.get().passwordHash(), secret)
                    : dummy(secret));
        } catch (HashingPool.BusyException e) {
            LOG.warn("login refused user={} client={} proto={} reason=busy", printable(name), client.getHostAddress(), protocol);
            return new AuthResult.Busy();
        } finally {
            java.util.Arrays.fill(secret, '\0');
        }
        AuthResult.Reason reason = null;
        if (found.isEmpty()) {
            reason = AuthResult.Reason.UNKNOWN_USER;
        } else if (!passwordOk) {
            reason = AuthResult.Reason.BAD_PASSWORD;
        } else if (found.get().disabled()) {
            reason = AuthResult.Reason.DISABLED;
        } else if (found.get().isExpired(clock.instant())) {
            reason = AuthResult.Reason.EXPIRED;
        } else if (!found.get().limits().admits(client)) {
            reason = AuthResult.Reason.ADDRESS_DENIED;
        }
        if (reason != null) {
            LOG.warn("login failed user={} client={} proto={} reason={}", printable(name), client.getHostAddress(), protocol, reason.word());
            Thread.sleep(failureDelay);
            return new AuthResult.Failure(reason);
        }
        // A hit matched a hash that was already upgraded (or could not be) before it was remembered.
        User user = cached ? found.get() : upgradeHash(found.get(), password);
        if (!cached) {
            verified.remember(user, password);
        }
        LOG.info("login ok user={} client={} proto={}", user.name(), client.getHostAddress(), protocol);
        return new AuthResult.Success(user);
    }

    private boolean dummy(char[] secret) {
        hasher.verifyDummy(secret);
        return false;
    }

    /** Imported bcrypt/SHA-512-crypt hashes (or weaker Argon2 settings) become current Argon2id. */
    private User upgradeHash(User user, String password) throws InterruptedException {
        if (!hasher.needsRehash(user.passwordHash())) {
            return user;
        }
        char[] secret = password.toCharArray();
        try {
            String fresh = pool.run(() -> hasher.hash(secret));
            if (store.replacePasswordHash(user.name(), user.passwordHash(), fresh)) {
                LOG.info("password hash upgraded user={} to argon2id", user.name());
                return user.withPasswordHash(fresh);
            }
            return user;
        } catch (HashingPool.BusyException | UserStoreException e) {
            // The login itself succeeded; try again at the next one.
            return user;
        } finally {
            java.util.Arrays.fill(secret, '\0');
        }
    }

    /** A user name as it may appear in a log line: no control characters, bounded length. */
    static String printable(String name) {
        String s = name.length() > 64 ? name.substring(0, 64) + "..." : name;
        return s.replaceAll("[\\p{Cntrl}\\s\"]", "?");
    }
}
