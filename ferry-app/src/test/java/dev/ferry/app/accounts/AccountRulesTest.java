package dev.ferry.app.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.app.testing.TestServer;
import dev.ferry.core.auth.Argon2Params;
import dev.ferry.core.auth.PasswordHasher;
import dev.ferry.core.config.Settings;
import dev.ferry.core.user.User;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPConnectionClosedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-account and server-wide login rules, through the real server from 127.0.0.1. */
class AccountRulesTest {

    @TempDir
    Path data;

    /** Logs in and reports the reply code of PASS (or of the greeting, when refused at connect). */
    private static int loginCode(TestServer server, String user, String password) throws Exception {
        FTPClient c = new FTPClient();
        try {
            c.connect("127.0.0.1", server.ftpPort());
            c.login(user, password);
            return c.getReplyCode();
        } catch (FTPConnectionClosedException e) {
            return c.getReplyCode();
        } finally {
            if (c.isConnected()) {
                c.disconnect();
            }
        }
    }

    @Test
    void disabledExpiredAndAddressRulesOfAnAccount() throws Exception {
        try (TestServer server = TestServer.start(data)) {
            server.addUser("ok", "ok-pass-1");
            server.addUser("off", "off-pass-1", Accounts.disabled());
            server.addUser("old", "old-pass-1", Accounts.expires(Instant.now().minusSeconds(60)));
            server.addUser("later", "later-pass-1", Accounts.expires(Instant.now().plusSeconds(3600)));
            server.addUser("lan", "lan-pass-1", Accounts.addresses("10.0.0.0/8", ""));
            server.addUser("local", "local-pass-1", Accounts.addresses("127.0.0.0/8,10.0.0.0/8", ""));
            server.addUser("notlocal", "notlocal-pass-1", Accounts.addresses("127.0.0.0/8", "127.0.0.1"));

            assertThat(loginCode(server, "ok", "ok-pass-1")).isEqualTo(230);
            assertThat(loginCode(server, "off", "off-pass-1")).as("disabled").isEqualTo(530);
            assertThat(loginCode(server, "old", "old-pass-1")).as("expired").isEqualTo(530);
            assertThat(loginCode(server, "later", "later-pass-1")).as("not yet expired").isEqualTo(230);
            assertThat(loginCode(server, "lan", "lan-pass-1")).as("allowed only from 10/8").isEqualTo(530);
            assertThat(loginCode(server, "local", "local-pass-1")).as("allowed from 127/8").isEqualTo(230);
            assertThat(loginCode(server, "notlocal", "notlocal-pass-1")).as("deny wins over allow").isEqualTo(530);

            // A change by the administrator applies at the next login, without a restart.
            Cli.Result r = Cli.run(Cli.at(data, "user", "set", "off", "--enabled"));
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(loginCode(server, "off", "off-pass-1")).isEqualTo(230);
        }
    }

    @Test
    void theRefusalLooksTheSameWhateverTheReason() throws Exception {
        try (TestServer server = TestServer.start(data)) {
            server.addUser("off", "off-pass-1", Accounts.disabled());
            List<String> replies = new ArrayList<>();
            for (String[] attempt : new String[][] {{"off", "off-pass-1"}, {"off", "wrong"}, {"ghost", "whatever"}}) {
                FTPClient c = server.connect();
                c.login(attempt[0], attempt[1]);
                replies.add(c.getReplyString());
                c.disconnect();
            }
            assertThat(replies).containsOnly(replies.get(0));
        }
    }

    @Test
    void serverWideAllowAndDenyListsRefuseAtConnect() throws Exception {
        try (TestServer server = TestServer.start(data, Map.of(Settings.ALLOW, "10.0.0.0/8"))) {
            assertThat(Greeting.of(server.ftpPort())).startsWith("421").contains("not accepted");
        }
        try (TestServer server = TestServer.start(data, Map.of(Settings.DENY, "127.0.0.0/8"))) {
            assertThat(Greeting.of(server.ftpPort())).startsWith("421");
        }
        try (TestServer server = TestServer.start(data, Map.of(Settings.ALLOW, "127.0.0.1,::1", Settings.DENY, "192.0.2.0/24"))) {
            assertThat(Greeting.of(server.ftpPort())).startsWith("220");
        }
    }

    @Test
    void sessionsPerUserAreLimited() throws Exception {
        try (TestServer server = TestServer.start(data)) {
            server.addUser("two", "two-pass-1", Accounts.maxSessions(2));
            FTPClient a = server.login("two", "two-pass-1");
            FTPClient b = server.login("two", "two-pass-1");
            assertThat(loginCode(server, "two", "two-pass-1")).as("a third session").isEqualTo(530);
            a.logout();
            a.disconnect();
            long deadline = System.nanoTime() + 5_000_000_000L;
            int code;
            while ((code = loginCode(server, "two", "two-pass-1")) != 230 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(code).as("a slot is free again").isEqualTo(230);
            b.disconnect();
        }
    }

    /** The delay after a failed login parks that session only: others log in and work meanwhile. */
    @Test
    void theFailureDelayParksOnlyThatSession() throws Exception {
        try (TestServer server = TestServer.start(data, Map.of(Settings.LOGIN_FAILURE_DELAY, "3s"))) {
            server.addUser("alice", "alice-pass-1");
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                FTPClient slow = server.connect();
                long start = System.nanoTime();
                Future<Integer> failing = pool.submit(() -> {
                    slow.login("alice", "wrong");
                    return slow.getReplyCode();
                });
                Thread.sleep(200); // the failing login is now waiting out its delay
                long t0 = System.nanoTime();
                FTPClient fast = server.login("alice", "alice-pass-1");
                assertThat(fast.listNames()).isNotNull();
                double fastSeconds = (System.nanoTime() - t0) / 1e9;
                fast.disconnect();
                assertThat(failing.get()).isEqualTo(530);
                double slowSeconds = (System.nanoTime() - start) / 1e9;
                assertThat(slowSeconds).as("the failed login waited its delay").isGreaterThanOrEqualTo(2.9);
                assertThat(fastSeconds).as("meanwhile another session logged in and listed").isLessThan(2.5);
                slow.disconnect();
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /**
     * With one hashing thread and a queue of one, a burst of logins against a deliberately costly
     * hash fills the queue: the overflow gets 421 "try later" at once instead of waiting.
     */
    @Test
    void aFullHashingQueueAnswers421TryLater() throws Exception {
        try (TestServer server = TestServer.start(data, Map.of(Settings.HASH_THREADS, "1", Settings.HASH_QUEUE, "1"))) {
            String costly = new PasswordHasher(new Argon2Params(64 * 1024, 8, 1)).hash("slow-pass-1".toCharArray());
            server.users().create(User.withDefaults("slow", costly));
            int clients = 8;
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<String> replies = new ArrayList<>();
            try {
                List<FTPClient> connected = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    FTPClient c = server.connect();
                    assertThat(c.user("slow")).isEqualTo(331);
                    connected.add(c);
                }
                List<Future<String>> results = new ArrayList<>();
                for (FTPClient c : connected) {
                    results.add(pool.submit((Callable<String>) () -> {
                        try {
                            c.pass("slow-pass-1");
                        } catch (FTPConnectionClosedException e) {
                            // 421 closes the connection; the reply is still readable
                        }
                        return c.getReplyString().trim();
                    }));
                }
                for (Future<String> f : results) {
                    replies.add(f.get());
                }
                for (FTPClient c : connected) {
                    if (c.isConnected()) {
                        c.disconnect();
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(replies).anySatisfy(r -> assertThat(r).startsWith("230"));
            assertThat(replies).anySatisfy(r -> assertThat(r).startsWith("421").contains("try again later"));
            assertThat(replies).allSatisfy(r -> assertThat(r).matches("(230|421) .*"));
        }
    }

    @Test
    void anAnonymousUploadDirectoryNeedsAnAnonymousDirectory() {
        assertThatThrownBy(() -> TestServer.start(data, Map.of(Settings.ANONYMOUS_UPLOAD, "incoming")))
                .hasMessageContaining("'anonymous-upload' needs 'anonymous'");
    }
}
