package dev.ferry.core.auth;

import dev.ferry.core.user.User;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers recent successful logins, so that a client that logs in again and again (a sync tool,
 * a monitoring probe, a benchmark) does not pay a memory-hard hash each time. Off unless the
 * {@code login-cache} setting gives it a lifetime; SECURITY.md says what it trades.
 *
 * <p>What is kept per user is an HMAC-SHA256, under a random key made at start and never stored,
 * of the user name, the password and the stored password hash the login was verified against;
 * never the password. A later login hits only when all three match and the entry is younger than
 * the lifetime, so a password changed in the store (by this server or by {@code ferry user passwd}
 * in another process) invalidates the entry at once: the stored hash it was bound to is gone. A
 * miss, or a wrong password, takes the ordinary path with its full hash (or the dummy hash) and
 * failure delay, shared only by identical attempts at the same moment (below). Only
 * the password check is skipped: disabled, expired and address rules are applied at every login.
 *
 * <p>Logins that miss at the same moment with the same user, password and stored hash (a client
 * opening several connections at once, a burst after a restart) share one hash: the first runs
 * it and the others wait for its answer, which is theirs too (the same three inputs give the same
 * result). Each still takes its own failure path if the answer is no. Logins as a user that does
 * not exist share their dummy hash the same way, so sharing cannot tell the two apart.
 */
public final class VerifiedCredentialCache {

    /** Most users remembered at once; past it, an arbitrary entry makes room. */
    static final int MAX_ENTRIES = 65_536;

    private static final String MAC = "HmacSHA256";

    private record Entry(byte[] digest, Instant expires) {}

    private final Duration lifetime;
    private final Clock clock;
    private final SecretKeySpec key;
    /** Cloned per digest: a provider lookup (Mac.getInstance) would leave a thread-local on every session thread. */
    private final Mac prototype;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    /** Verifications under way, by digest (wrapped for content equality). */
    private final ConcurrentHashMap<ByteBuffer, CompletableFuture<Boolean>> running = new ConcurrentHashMap<>();

    /** A slow check's answer, and whether it was another login's, shared (that login also upgraded and remembered it). */
    record Verdict(boolean ok, boolean shared) {}

    /** The slow check of a password: the hash, on the hashing pool. */
    @FunctionalInterface
    interface SlowCheck {
        boolean verify() throws HashingPool.BusyException, InterruptedException;
    }

    /** @param lifetime how long a verified login is remembered; zero turns the cache off */
    public VerifiedCredentialCache(Duration lifetime, Clock clock) {
        if (lifetime.isNegative()) {
            throw new IllegalArgumentException("negative lifetime");
        }
        this.lifetime = lifetime;
        this.clock = clock;
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        this.key = new SecretKeySpec(k, MAC);
        try {
            this.prototype = Mac.getInstance(MAC);
            prototype.init(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    /** A cache that remembers nothing. */
    public static VerifiedCredentialCache off() {
        return new VerifiedCredentialCache(Duration.ZERO, Clock.systemUTC());
    }

    public boolean enabled() {
        return !lifetime.isZero();
    }

    /** True if {@code password} was verified for {@code user}, as stored now, within the lifetime. */
    boolean verified(User user, String password) {
        if (!enabled()) {
            return false;
        }
        Entry e = entries.get(user.name());
        if (e == null) {
            return false;
        }
        if (!clock.instant().isBefore(e.expires())) {
            entries.remove(user.name(), e);
            return false;
        }
        return MessageDigest.isEqual(e.digest(), digest(user.name(), password, user.passwordHash()));
    }

    /**
     * {@code check}'s answer for {@code password} against the stored hash {@code storedHash} of
     * the user {@code name} (for a user that does not exist, any fixed string: the dummy hash's
     * key), sharing it with the logins that ask the same at the same time (see above). With the
     * cache off, it just runs {@code check}. A shared check that failed (the pool busy, the first
     * caller interrupted) is run again by each waiter itself.
     */
    Verdict verifyOnce(String name, String storedHash, String password, SlowCheck check)
            throws HashingPool.BusyException, InterruptedException {
        if (!enabled()) {
            return new Verdict(check.verify(), false);
        }
        ByteBuffer key = ByteBuffer.wrap(digest(name, password, storedHash));
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> first = running.putIfAbsent(key, mine);
        if (first != null) {
            try {
                return new Verdict(first.get(), true);
            } catch (ExecutionException e) {
                return new Verdict(check.verify(), false);
            }
        }
        try {
            boolean ok = check.verify();
            mine.complete(ok);
            return new Verdict(ok, false);
        } catch (Throwable t) {
            mine.completeExceptionally(t);
            throw t;
        } finally {
            running.remove(key, mine);
        }
    }

    /** Records a login just verified the slow way. */
    void remember(User user, String password) {
        if (!enabled()) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES && !entries.containsKey(user.name())) {
            Iterator<String> it = entries.keySet().iterator();
            if (it.hasNext()) {
                entries.remove(it.next());
            }
        }
        entries.put(user.name(), new Entry(digest(user.name(), password, user.passwordHash()), clock.instant().plus(lifetime)));
    }

    /** Forgets one user (their password changed here, or the account went away). */
    public void forget(String name) {
        entries.remove(name);
    }

    int size() {
        return entries.size();
    }

    private Mac mac() throws GeneralSecurityException {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            Mac mac = Mac.getInstance(MAC);
            mac.init(key);
            return mac;
        }
    }

    private byte[] digest(String name, String password, String storedHash) {
        try {
            Mac mac = mac();
            mac.update(name.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(password.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(storedHash.getBytes(StandardCharsets.UTF_8));
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
