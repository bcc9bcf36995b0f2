package dev.ferry.core.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.net.Cidr;
import dev.ferry.core.vfs.VirtualPath;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every user store must have, written once and run against each backend
 * ({@link SqliteUserStoreTest}, {@link PostgresUserStoreTest}). Each test starts from an empty
 * store of its own.
 */
abstract class UserStoreContract {

    /** Opens the test's store; a second call opens a second, independent pool on the same database (a second node). */
    abstract JdbcUserStore openStore() throws Exception;

    JdbcUserStore store;
    private final List<JdbcUserStore> opened = new ArrayList<>();

    @BeforeEach
    void open() throws Exception {
        store = node();
    }

    @AfterEach
    void closeStores() {
        opened.forEach(JdbcUserStore::close);
    }

    JdbcUserStore node() throws Exception {
        JdbcUserStore s = openStore();
        opened.add(s);
        return s;
    }

    static User fullUser(String name) throws Exception {
        Permissions perms = new Permissions(EnumSet.of(Permission.LIST, Permission.DOWNLOAD, Permission.RENAME),
                Map.of(VirtualPath.of("/incoming"), EnumSet.of(Permission.UPLOAD), VirtualPath.of("/pub/x"), Permissions.READ_ONLY.base()));
        UserLimits limits = new UserLimits(10L << 30, 5000, 1 << 20, 2 << 20, 3,
                List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("2001:db8::/32")), List.of(Cidr.parse("10.6.6.6")));
        return new User(name, "$argon2id$v=19$m=1024,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
                Optional.of("/srv/ftp/" + name), perms, limits, true, Optional.of(Instant.parse("2030-01-01T00:00:00Z")),
                new UserTls(Optional.of(dev.ferry.core.tls.TlsPolicy.parse("login")), Optional.empty(),
                        dev.ferry.core.tls.ClientCertLogin.parse("cert-or-password")));
    }

    @Test
    void everySettingSurvivesARoundTrip() throws Exception {
        User u = fullUser("alice");
        store.create(u);
        assertThat(store.find("alice")).contains(u);
        assertThat(store.find("nobody")).isEmpty();
    }

    @Test
    void defaultsSurviveARoundTrip() throws Exception {
        User u = User.withDefaults("bob", "$6$salt$hash");
        store.create(u);
        assertThat(store.find("bob")).contains(u);
    }

    @Test
    void listIsOrderedByName() throws Exception {
        for (String n : List.of("carol", "alice", "bob")) {
            store.create(User.withDefaults(n, "h"));
        }
        assertThat(store.list()).extracting(User::name).containsExactly("alice", "bob", "carol");
    }

    @Test
    void aTakenNameIsRefused() throws Exception {
        store.create(User.withDefaults("alice", "h1"));
        assertThatThrownBy(() -> store.create(User.withDefaults("alice", "h2")))
                .isInstanceOfSatisfying(UserStoreException.class, e -> assertThat(e.reason()).isEqualTo(UserStoreException.Reason.ALREADY_EXISTS));
        assertThat(store.find("alice").orElseThrow().passwordHash()).isEqualTo("h1");
    }

    @Test
    void anInvalidNameIsRefused() {
        assertThatThrownBy(() -> store.create(User.withDefaults("-rf", "h")))
                .isInstanceOfSatisfying(UserStoreException.class, e -> assertThat(e.reason()).isEqualTo(UserStoreException.Reason.INVALID));
    }

    @Test
    void updateReplacesSettings() throws Exception {
        store.create(User.withDefaults("alice", "h"));
        User changed = fullUser("alice");
        store.update(changed);
        assertThat(store.find("alice")).contains(changed);
        assertThatThrownBy(() -> store.update(User.withDefaults("ghost", "h")))
                .isInstanceOfSatisfying(UserStoreException.class, e -> assertThat(e.reason()).isEqualTo(UserStoreException.Reason.NOT_FOUND));
    }

    @Test
    void everyReadSeesWhatAnotherNodeChangedBeforeIt() throws Exception {
        // The login's reads keep their prepared statements per connection: each read must still
        // see every change committed before it, on every connection of the pool.
        store.create(User.withDefaults("alice", "first"));
        JdbcUserStore other = node();
        java.util.concurrent.ExecutorService readers = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            for (String hash : List.of("second", "third", "fourth")) {
                String before = store.find("alice").orElseThrow().passwordHash();
                assertThat(other.replacePasswordHash("alice", before, hash)).isTrue();
                List<java.util.concurrent.Future<String>> seen = new ArrayList<>();
                for (int i = 0; i < 32; i++) {
                    seen.add(readers.submit(() -> store.find("alice").orElseThrow().passwordHash()));
                }
                for (var f : seen) {
                    assertThat(f.get()).isEqualTo(hash);
                }
            }
            User withTls = fullUser("alice").withPasswordHash("fourth");
            other.update(withTls);
            assertThat(store.findTls("alice")).contains(withTls.tls());
            other.delete("alice");
            assertThat(store.find("alice")).isEmpty();
            assertThat(store.findTls("alice")).isEmpty();
        } finally {
            readers.shutdownNow();
        }
    }

    @Test
    void deleteRemovesOnce() throws Exception {
        store.create(User.withDefaults("alice", "h"));
        assertThat(store.delete("alice")).isTrue();
        assertThat(store.delete("alice")).isFalse();
        assertThat(store.find("alice")).isEmpty();
    }

    @Test
    void passwordHashIsReplacedOnlyIfUnchanged() throws Exception {
        store.create(User.withDefaults("alice", "old"));
        assertThat(store.replacePasswordHash("alice", "stale", "new")).isFalse();
        assertThat(store.find("alice").orElseThrow().passwordHash()).isEqualTo("old");
        assertThat(store.replacePasswordHash("alice", "old", "new")).isTrue();
        assertThat(store.find("alice").orElseThrow().passwordHash()).isEqualTo("new");
    }

    @Test
    void usageIsUnknownUntilInitialisedAndThenAddsUp() throws Exception {
        store.create(withQuota("alice"));
        assertThat(store.usage("alice")).isEmpty();
        store.addUsage("alice", 100, 1); // unknown usage is not made up from deltas
        assertThat(store.usage("alice")).isEmpty();
        assertThat(store.initUsage("alice", new UserStore.Usage(1000, 3))).isTrue();
        assertThat(store.initUsage("alice", new UserStore.Usage(5, 5))).as("only while unknown").isFalse();
        store.addUsage("alice", 500, 2);
        store.addUsage("alice", -200, -1);
        assertThat(store.usage("alice")).contains(new UserStore.Usage(1300, 4));
        store.forgetUsage("alice");
        assertThat(store.usage("alice")).isEmpty();
        assertThatThrownBy(() -> store.usage("ghost"))
                .isInstanceOfSatisfying(UserStoreException.class, e -> assertThat(e.reason()).isEqualTo(UserStoreException.Reason.NOT_FOUND));
    }

    @Test
    void usageIsForgottenWhenAQuotaIsSetOnAnAccountThatHadNone() throws Exception {
        store.create(User.withDefaults("alice", "h"));
        store.setUsage("alice", new UserStore.Usage(42, 1)); // a stale figure from some earlier quota
        store.update(withQuota("alice"));
        assertThat(store.usage("alice")).as("untracked before: unknown now").isEmpty();
        store.initUsage("alice", new UserStore.Usage(7, 1));
        User moreQuota = withQuota("alice");
        store.update(new User("alice", "h", Optional.empty(), Permissions.ALL,
                new UserLimits(moreQuota.limits().quotaBytes() * 2, 0, 0, 0, 0, List.of(), List.of()), false, Optional.empty()));
        assertThat(store.usage("alice")).as("tracked all along: kept").contains(new UserStore.Usage(7, 1));
    }

    /** Several nodes (separate pools) adding at once: every delta lands. */
    @Test
    void concurrentUsageUpdatesFromSeveralNodesAreNeverLost() throws Exception {
        JdbcUserStore other = node();
        store.create(withQuota("alice"));
        store.initUsage("alice", new UserStore.Usage(0, 0));
        int threads = 8;
        int each = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                JdbcUserStore node = t % 2 == 0 ? store : other;
                done.add(pool.submit((Callable<Void>) () -> {
                    for (int i = 0; i < each; i++) {
                        node.addUsage("alice", 3, 1);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.usage("alice")).contains(new UserStore.Usage(3L * threads * each, (long) threads * each));
    }

    @Test
    void bansAreStoredReplacedListedAndPruned() throws Exception {
        Instant now = Instant.parse("2025-01-01T12:00:00Z");
        Cidr a = Cidr.parse("192.0.2.7/32");
        Cidr b = Cidr.parse("2001:db8:1:2::/64");
        Ban first = new Ban(a, now.plus(15, ChronoUnit.MINUTES), 1, "10 failed logins within 10m", now);
        store.putBan(first);
        store.putBan(new Ban(b, now.minus(1, ChronoUnit.MINUTES), 1, "old", now.minus(1, ChronoUnit.HOURS)));
        assertThat(store.findBan(a)).contains(first);
        Ban second = new Ban(a, now.plus(30, ChronoUnit.MINUTES), 2, "again", now.plus(5, ChronoUnit.MINUTES));
        store.putBan(second);
        assertThat(store.findBan(a)).as("replaced, created kept")
                .contains(new Ban(a, second.until(), 2, "again", now));
        assertThat(store.listBans()).extracting(Ban::network).containsExactlyInAnyOrder(a, b);
        assertThat(store.activeBans(now)).extracting(Ban::network).containsExactly(a);
        assertThat(store.pruneBans(now)).isEqualTo(1);
        assertThat(store.listBans()).extracting(Ban::network).containsExactly(a);
        assertThat(store.deleteBan(a)).isTrue();
        assertThat(store.deleteBan(a)).isFalse();
        assertThat(store.listBans()).isEmpty();
    }

    @Test
    void bansAreSharedByNodes() throws Exception {
        JdbcUserStore other = node();
        Instant now = Instant.now();
        Cidr a = Cidr.parse("198.51.100.1");
        store.putBan(new Ban(a, now.plusSeconds(60), 1, "test", now));
        assertThat(other.activeBans(now)).extracting(Ban::network).containsExactly(a);
    }

    @Test
    void reopeningKeepsDataAndTheSchemaVersion() throws Exception {
        store.create(fullUser("alice"));
        JdbcUserStore again = node(); // migrations run again: nothing to do, nothing lost
        assertThat(again.find("alice")).contains(fullUser("alice"));
        assertThat(Migrations.latest()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void sshKeysAreKeptPerAccountAndGoWithIt() throws Exception {
        store.create(User.withDefaults("alice", "h"));
        store.create(User.withDefaults("bob", "h"));
        // A real ssh-ed25519 public key blob (type string, then 32 key bytes).
        String line = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGX1L0bKZ8d1hF8L3xq5yF4iJ0m4Y0lC9m9xk8v7dK2c alice@laptop";
        AuthorizedKey key = AuthorizedKey.parse(line, Instant.parse("2025-01-02T03:04:05Z"));
        store.addKey("alice", key);
        assertThat(store.keys("alice")).containsExactly(key);
        assertThat(store.keys("bob")).isEmpty();
        assertThatThrownBy(() -> store.addKey("alice", key)).isInstanceOf(UserStoreException.class)
                .satisfies(e -> assertThat(((UserStoreException) e).reason()).isEqualTo(UserStoreException.Reason.ALREADY_EXISTS));
        assertThatThrownBy(() -> store.addKey("nobody", key)).isInstanceOf(UserStoreException.class)
                .satisfies(e -> assertThat(((UserStoreException) e).reason()).isEqualTo(UserStoreException.Reason.NOT_FOUND));
        assertThat(node().keys("alice")).containsExactly(key);
        assertThat(store.deleteKey("bob", key.fingerprint())).isFalse();
        assertThat(store.deleteKey("alice", key.fingerprint())).isTrue();
        assertThat(store.keys("alice")).isEmpty();
        store.addKey("alice", key);
        store.delete("alice");
        store.create(User.withDefaults("alice", "h"));
        assertThat(store.keys("alice")).as("a new account of the same name does not inherit keys").isEmpty();
    }

    static User withQuota(String name) {
        User base = User.withDefaults(name, "h");
        return new User(name, "h", Optional.empty(), Permissions.ALL, new UserLimits(1 << 20, 100, 0, 0, 0, List.of(), List.of()),
                false, Optional.empty());
    }
}
