package dev.ferry.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.testing.MutableClock;
import dev.ferry.core.user.JdbcUserStore;
import dev.ferry.core.user.User;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verified-credential cache through the one login path, against a real SQLite store. A
 * cache hit is proven by closing the hashing pool: a login that still succeeds cannot have hashed.
 */
class VerifiedCredentialCacheTest {

    private static final InetAddress CLIENT = InetAddress.getLoopbackAddress();

    @TempDir
    Path dir;

    private JdbcUserStore store;
    private final PasswordHasher hasher = new PasswordHasher(new Argon2Params(1024, 1, 1));
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
    private HashingPool pool;

    @BeforeEach
    void setUp() throws Exception {
        store = JdbcUserStore.sqlite(dir.resolve("users.db"));
        store.create(User.withDefaults("alice", hasher.hash("right".toCharArray())));
        pool = new HashingPool(1, 4);
    }

    @AfterEach
    void tearDown() {
        pool.close();
        store.close();
    }

    private Authenticator authenticator(Duration lifetime) {
        return new Authenticator(store, hasher, pool, Duration.ZERO, clock, LoginDefender.disabled(), java.util.Optional.empty(),
                new VerifiedCredentialCache(lifetime, clock));
    }

    @Test
    void aRepeatedLoginSkipsTheHash() throws Exception {
        Authenticator auth = authenticator(Duration.ofMinutes(10));
        assertThat(auth.authenticate("alice", "right", CLIENT, "test")).isInstanceOf(AuthResult.Success.class);
        pool.close(); // from now on, any login that needs a hash is refused as Busy
        assertThat(auth.authenticate("alice", "right", CLIENT, "test")).isInstanceOf(AuthResult.Success.class);
        assertThat(auth.authenticate("alice", "wrong", CLIENT, "test")).isInstanceOf(AuthResult.Busy.class);
    }

    @Test
    void loginsThatMissTogetherShareOneHash() throws Exception {
        // One hashing thread with room for 4 waiting: 20 logins at once, each hashing, would
        // mostly be refused as Busy. Sharing the one verification, all 20 get in; a wrong password
        // shared the same way fails for all 20.
        store.create(User.withDefaults("bob", new PasswordHasher(new Argon2Params(65_536, 2, 1)).hash("slow".toCharArray())));
        Authenticator auth = authenticator(Duration.ofMinutes(10));
        assertThat(together(20, () -> auth.authenticate("bob", "wrong", CLIENT, "test")))
                .containsOnly(new AuthResult.Failure(AuthResult.Reason.BAD_PASSWORD));
        assertThat(together(20, () -> auth.authenticate("bob", "slow", CLIENT, "test")))
                .allMatch(r -> r instanceof AuthResult.Success);
    }

    @Test
    void aUserThatDoesNotExistSharesItsDummyHashAlike() throws Exception {
        // Otherwise simultaneous guesses would be refused as Busy for a name that does not exist and
        // not for one that does, telling the two apart.
        Authenticator auth = authenticator(Duration.ofMinutes(10));
        assertThat(together(20, () -> auth.authenticate("nobody", "guess", CLIENT, "test")))
                .containsOnly(new AuthResult.Failure(AuthResult.Reason.UNKNOWN_USER));
    }

    @Test
    void anImportedHashIsUpgradedOnceByASharedBurstAndThenRemembered() throws Exception {
        // bcrypt, cost 4, of "correct horse" (as an import from another server would bring it).
        store.create(User.withDefaults("carol", "$2b$04$abcdefghijklmnopqrstuujydOTSfIH/d5oUHpsygqV5X9xJLQc6e"));
        Authenticator auth = authenticator(Duration.ofMinutes(10));
        assertThat(together(10, () -> auth.authenticate("carol", "correct horse", CLIENT, "test")))
                .allMatch(r -> r instanceof AuthResult.Success);
        assertThat(store.find("carol").orElseThrow().passwordHash()).startsWith("$argon2id$");
        pool.close(); // the burst's one upgrade was remembered: the next login needs no hash
        assertThat(auth.authenticate("carol", "correct horse", CLIENT, "test")).isInstanceOf(AuthResult.Success.class);
    }

    private static java.util.List<AuthResult> together(int n, java.util.concurrent.Callable<AuthResult> login) throws Exception {
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(n);
        try (java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            java.util.List<java.util.concurrent.Future<AuthResult>> results = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                results.add(threads.submit(() -> {
                    start.await();
                    return login.call();
                }));
            }
            java.util.List<AuthResult> out = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<AuthResult> f : results) {
                out.add(f.get());
            }
            return out;
        }
    }

    @Test
    void offByDefaultEveryLoginHashes() throws Exception {
        Authenticator auth = authenticator(Duration.ZERO);
        assertThat(auth.authenticate("alice", "right", CLIENT, "test")).isInstanceOf(AuthResult.Success.class);
        pool.close();
        assertThat(auth.authenticate("alice", "right", CLIENT, "test")).isInstanceOf(AuthResult.Busy.class);
    }

    @Test
    void aWrongPasswordAfterACachedLoginStillFails() throws Exception {
        Authenticator auth = authenticator(Duration.ofMinutes(10));
        assertThat(auth.authenticate("alice", "right", CLIENT, "test")).isInstanceOf(AuthResult.Success.class);
        assertThat(auth.authenticate("alice", "wrong", CLIENT, "test"))
                .isEqualTo(new AuthResult.Failure(AuthResult.Reason.BAD_PASSWORD));
        assertThat(auth.authenticate("alice", "right ", CLIENT, "test"))
                .isEqualTo(new AuthResult.Failure(AuthResult.Reason.BAD_PASSWORD));
    }

    @Test
    void aPasswordChangedInTheStoreInvalidatesTheEntry() throws Exception {
        Authenticator auth = authenticator(Duration.ofMinutes(10));
        assertThat(auth.authenticate("alice", "right", CLIENT, "test")).isInstanceOf(AuthResult.Success.class);
        // As `ferry user passwd` in another process would: only the store changes.
        User alice = store.find("alice").orElseThrow();
        store.update(alice.withPasswordHash(hasher.hash("new".toCharArray())));
        assertThat(auth.authenticate("alice", "right", CLIENT, "test"))
                .isEqualTo(new AuthResult.Failure(AuthResult.Reason.BAD_PASSWORD));
        assertThat(auth.authenticate("alice", "new", CLIENT, "test")).isInstanceOf(AuthResult.Success.class);
    }

    @Test
    void accountRulesStillApplyOnAHit() throws Exception {
        Authenticator auth = authenticator(Duration.ofMinutes(10));
        assertThat(auth.authenticate("alice", "right", CLIENT, "test")).isInstanceOf(AuthResult.Success.class);
        User alice = store.find("alice").orElseThrow();
        store.update(new User(alice.name(), alice.passwordHash(), alice.home(), alice.permissions(), alice.limits(), true,
                alice.expires()));
        pool.close();
        assertThat(auth.authenticate("alice", "right", CLIENT, "test"))
                .isEqualTo(new AuthResult.Failure(AuthResult.Reason.DISABLED));
    }

    @Test
    void anEntryExpiresAfterItsLifetimeAndIsNotExtendedByHits() throws Exception {
        Authenticator auth = authenticator(Duration.ofMinutes(10));
        assertThat(auth.authenticate("alice", "right", CLIENT, "test")).isInstanceOf(AuthResult.Success.class);
        clock.advance(Duration.ofMinutes(9));
        HashingPool stopped = pool;
        stopped.close();
        assertThat(auth.authenticate("alice", "right", CLIENT, "test")).isInstanceOf(AuthResult.Success.class);
        clock.advance(Duration.ofMinutes(2)); // 11 minutes after the real verification
        assertThat(auth.authenticate("alice", "right", CLIENT, "test")).isInstanceOf(AuthResult.Busy.class);
    }

    @Test
    void theDigestIsKeyedPerInstance() {
        User alice = User.withDefaults("alice", "$argon2id$v=19$m=1024,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g");
        VerifiedCredentialCache a = new VerifiedCredentialCache(Duration.ofMinutes(1), clock);
        VerifiedCredentialCache b = new VerifiedCredentialCache(Duration.ofMinutes(1), clock);
        a.remember(alice, "pw");
        assertThat(a.verified(alice, "pw")).isTrue();
        assertThat(b.verified(alice, "pw")).isFalse();
        a.forget("alice");
        assertThat(a.verified(alice, "pw")).isFalse();
    }
}
