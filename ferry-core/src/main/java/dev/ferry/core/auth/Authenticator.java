package dev.ferry.core.auth;

import dev.ferry.core.tls.ClientCertLogin;
import dev.ferry.core.user.AuthorizedKey;
import dev.ferry.core.session.OnFreshThread;
import dev.ferry.core.user.User;
import dev.ferry.core.user.UserStore;
import dev.ferry.core.user.UserStoreException;
import java.net.InetAddress;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one login path for every protocol. It looks the user up, verifies the password on the
 * {@link HashingPool} (against a dummy hash when the user does not exist, so both cases cost the
 * same), applies the account's rules (disabled, expired, allowed addresses), upgrades old hash
 * formats, delays failures, tells the {@link LoginDefender} of each failure (and refuses banned
 * clients before any hashing), admits anonymous logins when they are enabled, and writes one log
 * line per attempt (logger {@code ferry.login}).
 */
public final class Authenticator {

    private static final Logger LOG = LoggerFactory.getLogger("ferry.login");
    /** What logins as a user that does not exist share their dummy hash under (no stored hash is this). */
    private static final String UNKNOWN_USER = "\0no such user";

    private final UserStore store;
    private final PasswordHasher hasher;
    private final HashingPool pool;
    private final Duration failureDelay;
    private final Clock clock;
    private final LoginDefender defender;
    private final Optional<AnonymousAccess> anonymous;
    private final VerifiedCredentialCache verified;

    public Authenticator(UserStore store, PasswordHasher hasher, HashingPool pool, Duration failureDelay, Clock clock) {
        this(store, hasher, pool, failureDelay, clock, LoginDefender.disabled(), Optional.empty(), VerifiedCredentialCache.off());
    }

    /**
     * @param defender  counts failures and bans; a banned client is refused before any hashing
     * @param anonymous anonymous FTP access, when enabled
     * @param verified  recent successful logins, which then skip the hash (see that class)
     */
    public Authenticator(UserStore store, PasswordHasher hasher, HashingPool pool, Duration failureDelay, Clock clock,
                         LoginDefender defender, Optional<AnonymousAccess> anonymous, VerifiedCredentialCache verified) {
        this.verified = verified;
        this.store = store;
        this.hasher = hasher;
        this.pool = pool;
        this.failureDelay = failureDelay;
        this.clock = clock;
        this.defender = defender;
        this.anonymous = anonymous;
    }

    /**
     * Checks a password login on a connection without a client certificate. Parks the calling
     * thread while hashing and, on failure, for the failure delay. An account that needs a client
     * certificate as well as its password ({@code cert-and-password}) cannot log in this way.
     */
    public AuthResult authenticate(String name, String password, InetAddress client, String protocol)
            throws InterruptedException {
        return passwordLogin(name, password, client, protocol, Optional.empty());
    }

    private AuthResult passwordLogin(String name, String password, InetAddress client, String protocol,
                                     Optional<String> certificateName) throws InterruptedException {
        // Off the caller's thread, which may be a session's for its whole life: the store, the JCA
        // and the logger leave per-thread caches behind (see OnFreshThread).
        return OnFreshThread.call(() -> checkPassword(name, password, client, protocol, certificateName));
    }

    private AuthResult checkPassword(String name, String password, InetAddress client, String protocol,
                                     Optional<String> certificateName) throws InterruptedException {
        if (defender.banOf(client).isPresent()) {
            LOG.warn("login failed user={} client={} proto={} reason={}", printable(name), client.getHostAddress(), protocol,
                    AuthResult.Reason.BANNED.word());
            Thread.sleep(failureDelay);
            return new AuthResult.Failure(AuthResult.Reason.BANNED);
        }
        if (anonymous.isPresent() && anonymous.get().matches(name)) {
            // The password of an anonymous login is by custom an e-mail address; it is not logged.
            LOG.info("login ok user={} client={} proto={} anonymous=yes", AnonymousAccess.ACCOUNT, client.getHostAddress(), protocol);
            return new AuthResult.Success(anonymous.get().user());
        }
        Optional<User> found;
        try {
            found = User.isValidName(name) ? store.find(name) : Optional.empty();
        } catch (UserStoreException e) {
            return unavailable(name, client, protocol, e);
        }
        // A recent verification of this very password and stored hash stands in for the hash.
        boolean cached = found.isPresent() && verified.verified(found.get(), password);
        char[] secret = password.toCharArray();
        boolean passwordOk = cached;
        boolean shared = false; // the answer of a login that ran the same check at the same moment
        try {
            if (!cached) {
                VerifiedCredentialCache.Verdict v = found.isPresent()
                        ? verified.verifyOnce(name, found.get().passwordHash(), password,
                                () -> pool.run(() -> hasher.verify(found.get().passwordHash(), secret)))
                        : verified.verifyOnce(name, UNKNOWN_USER, password, () -> pool.run(() -> dummy(secret)));
                passwordOk = v.ok();
                shared = v.shared();
            }
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
        } else {
            User u = found.get();
            boolean certificateMissing = u.tls().clientCert() == ClientCertLogin.CERT_AND_PASSWORD
                    && !certificateName.equals(Optional.of(u.name()));
            reason = accountRefusal(u, client)
                    .or(() -> certificateMissing ? Optional.of(AuthResult.Reason.CERTIFICATE_REFUSED) : Optional.empty())
                    .orElse(null);
        }
        if (reason != null) {
            LOG.warn("login failed user={} client={} proto={} reason={}", printable(name), client.getHostAddress(), protocol, reason.word());
            defender.loginFailed(client);
            Thread.sleep(failureDelay);
            return new AuthResult.Failure(reason);
        }
        // A hit matched a hash that was already upgraded (or could not be) before it was remembered;
        // a shared answer's login upgrades and remembers it.
        User user = cached || shared ? found.get() : upgradeHash(found.get(), password);
        if (!cached && !shared) {
            verified.remember(user, password);
        }
        LOG.info("login ok user={} client={} proto={}", user.name(), client.getHostAddress(), protocol);
        return new AuthResult.Success(user);
    }

    // --- client certificates (mutual TLS) -------------------------------------------------------

    /**
     * A password login on a connection that may carry a verified client certificate: as
     * {@link #authenticate(String, String, InetAddress, String)}, and an account set to
     * {@code cert-and-password} also needs a certificate naming it.
     *
     * @param certificateName the common name of the client's verified certificate, if any
     */
    public AuthResult authenticate(String name, String password, InetAddress client, String protocol,
                                   Optional<String> certificateName) throws InterruptedException {
        return passwordLogin(name, password, client, protocol, certificateName);
    }

    /**
     * A login by client certificate alone. TLS has already checked the certificate's chain against
     * the client CAs; here the account must exist, accept certificates instead of passwords
     * ({@code cert-or-password}), be the one the certificate names, and pass the same account
     * rules as a password login (disabled, expired, allowed addresses).
     */
    public AuthResult authenticateCertificate(String name, String certificateName, InetAddress client, String protocol)
            throws InterruptedException {
        if (defender.banOf(client).isPresent()) {
            LOG.warn("login failed user={} client={} proto={} reason={} method=certificate", printable(name),
                    client.getHostAddress(), protocol, AuthResult.Reason.BANNED.word());
            Thread.sleep(failureDelay);
            return new AuthResult.Failure(AuthResult.Reason.BANNED);
        }
        Optional<User> found;
        try {
            found = User.isValidName(name) ? store.find(name) : Optional.empty();
        } catch (UserStoreException e) {
            return unavailable(name, client, protocol, e);
        }
        AuthResult.Reason reason = null;
        if (found.isEmpty()) {
            reason = AuthResult.Reason.UNKNOWN_USER;
        } else if (found.get().tls().clientCert() != ClientCertLogin.CERT_OR_PASSWORD || !certificateName.equals(name)) {
            reason = AuthResult.Reason.CERTIFICATE_REFUSED;
        } else {
            reason = accountRefusal(found.get(), client).orElse(null);
        }
        if (reason != null) {
            LOG.warn("login failed user={} client={} proto={} reason={} method=certificate", printable(name), client.getHostAddress(),
                    protocol, reason.word());
            defender.loginFailed(client);
            Thread.sleep(failureDelay);
            return new AuthResult.Failure(reason);
        }
        LOG.info("login ok user={} client={} proto={} method=certificate", name, client.getHostAddress(), protocol);
        return new AuthResult.Success(found.get());
    }

    // --- SSH public keys --------------------------------------------------------------------------

    /**
     * Checks an SSH public-key login. SSH asks whether a key would do before the client proves it
     * holds the private key, and clients offer their keys one after another, so this neither
     * delays a refusal, nor counts it towards a ban, nor logs a success: a banned client is
     * refused, the key must be one of the account's, and the account must be allowed to log in
     * from here now (the same rules as a password login). Once the SSH layer has verified the
     * signature it calls {@link #keyLoginSucceeded}.
     *
     * @param keyBlob the public key in SSH wire format
     */
    public AuthResult checkKey(String name, byte[] keyBlob, InetAddress client, String protocol) {
        String fingerprint = AuthorizedKey.fingerprint(keyBlob);
        if (defender.banOf(client).isPresent()) {
            LOG.warn("login failed user={} client={} proto={} reason={} method=publickey", printable(name),
                    client.getHostAddress(), protocol, AuthResult.Reason.BANNED.word());
            return new AuthResult.Failure(AuthResult.Reason.BANNED);
        }
        Optional<User> found;
        List<AuthorizedKey> keys;
        try {
            found = User.isValidName(name) ? store.find(name) : Optional.empty();
            keys = found.isPresent() ? store.keys(name) : List.of();
        } catch (UserStoreException e) {
            return unavailable(name, client, protocol, e);
        }
        boolean listed = keys.stream().anyMatch(k -> k.fingerprint().equals(fingerprint)
                && MessageDigest.isEqual(k.blob(), keyBlob));
        AuthResult.Reason reason = null;
        if (found.isEmpty()) {
            reason = AuthResult.Reason.UNKNOWN_USER;
        } else if (!listed) {
            reason = AuthResult.Reason.UNKNOWN_KEY;
        } else {
            reason = accountRefusal(found.get(), client).orElse(null);
        }
        if (reason != null) {
            LOG.info("login key refused user={} client={} proto={} key={} reason={}", printable(name), client.getHostAddress(),
                    protocol, fingerprint, reason.word());
            return new AuthResult.Failure(reason);
        }
        return new AuthResult.Success(found.get());
    }

    /** Logs a public-key login whose signature the SSH layer has verified. */
    public void keyLoginSucceeded(User user, InetAddress client, String protocol, String fingerprint) {
        LOG.info("login ok user={} client={} proto={} method=publickey key={}", user.name(), client.getHostAddress(), protocol, fingerprint);
    }

    /**
     * The account rules every login method applies once the credentials are good: disabled,
     * expired, or not allowed from this address.
     */
    private Optional<AuthResult.Reason> accountRefusal(User user, InetAddress client) {
        if (user.disabled()) {
            return Optional.of(AuthResult.Reason.DISABLED);
        }
        if (user.isExpired(clock.instant())) {
            return Optional.of(AuthResult.Reason.EXPIRED);
        }
        if (!user.limits().admits(client)) {
            return Optional.of(AuthResult.Reason.ADDRESS_DENIED);
        }
        return Optional.empty();
    }

    private static AuthResult unavailable(String name, InetAddress client, String protocol, UserStoreException e) {
        LOG.error("login error user={} client={} proto={} reason=store-unavailable detail=\"{}\"",
                printable(name), client.getHostAddress(), protocol, e.getMessage());
        return new AuthResult.Unavailable(e.getMessage());
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
