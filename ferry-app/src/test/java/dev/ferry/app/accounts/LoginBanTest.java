package dev.ferry.app.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.app.testing.TestServer;
import dev.ferry.core.config.Setting;
import dev.ferry.core.config.Settings;
import dev.ferry.core.user.Ban;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPConnectionClosedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LoginDefender through the real server. The tests connect from loopback, which the default
 * safelist protects, so they empty it with {@code --ban-safelist none}.
 */
class LoginBanTest {

    @TempDir
    Path data;

    private static Map<Setting<?>, String> banAfter3(String banFor) {
        Map<Setting<?>, String> m = new LinkedHashMap<>();
        m.put(Settings.BAN_SAFELIST, "none");
        m.put(Settings.BAN_AFTER, "3");
        m.put(Settings.BAN_WINDOW, "1m");
        m.put(Settings.BAN_FOR, banFor);
        return m;
    }

    /** Three wrong passwords in one session (the third also closes it, as vsftpd does). */
    private static void failThreeTimes(TestServer server) throws Exception {
        FTPClient c = server.connect();
        try {
            for (int i = 0; i < 3; i++) {
                assertThat(c.login("alice", "wrong-" + i)).isFalse();
            }
        } catch (java.io.IOException closed) {
            // the server hangs up after the third failure
        } finally {
            c.disconnect();
        }
    }

    private static String waitForGreeting(TestServer server, String prefix, Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        String g;
        while (!(g = Greeting.of(server.ftpPort())).startsWith(prefix) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return g;
    }

    @Test
    void nFailuresBanTheAddressUntilTheBanEndsAndTheNextBanIsLonger() throws Exception {
        try (TestServer server = TestServer.start(data, banAfter3("3s"))) {
            server.addUser("alice", "alice-pass-1");
            FTPClient early = server.connect(); // connected before the ban
            try {
                assertThat(Greeting.of(server.ftpPort())).startsWith("220");
                failThreeTimes(server);

                assertThat(Greeting.of(server.ftpPort())).as("banned at connect")
                        .startsWith("421").contains("Too many failed logins from your address");
                // Even the right password, in a session opened before the ban: 421, and the server hangs up.
                assertThatThrownBy(() -> early.login("alice", "alice-pass-1")).isInstanceOf(FTPConnectionClosedException.class);
                assertThat(early.getReplyCode()).isEqualTo(421);
                assertThat(early.getReplyString()).contains("Too many failed logins");
                List<Ban> bans = server.bans().activeBans(Instant.now());
                assertThat(bans).hasSize(1);
                assertThat(bans.get(0).network().toString()).isEqualTo("127.0.0.1/32");
                assertThat(bans.get(0).offences()).isEqualTo(1);
            } finally {
                early.disconnect();
            }

            assertThat(waitForGreeting(server, "220", Duration.ofSeconds(10))).as("the ban ends after --ban-for").startsWith("220");
            FTPClient ok = server.login("alice", "alice-pass-1");
            ok.disconnect();

            failThreeTimes(server);
            Ban second = server.bans().activeBans(Instant.now()).get(0);
            assertThat(second.offences()).isEqualTo(2);
            assertThat(Duration.between(Instant.now(), second.until())).as("a repeat offence doubles the ban")
                    .isBetween(Duration.ofSeconds(4), Duration.ofSeconds(6));
        }
    }

    @Test
    void aBanSurvivesARestartAndFerryBanDelLiftsIt() throws Exception {
        try (TestServer server = TestServer.start(data, banAfter3("1h"))) {
            server.addUser("alice", "alice-pass-1");
            failThreeTimes(server);
            assertThat(Greeting.of(server.ftpPort())).startsWith("421");
        }
        try (TestServer restarted = TestServer.start(data, banAfter3("1h"))) {
            assertThat(Greeting.of(restarted.ftpPort())).as("still banned after a restart").startsWith("421");

            Cli.Result list = Cli.run(Cli.at(data, "ban", "list"));
            assertThat(list.code()).as(list.toString()).isZero();
            assertThat(list.out()).startsWith("127.0.0.1\t").contains("3 failed logins within 1m");

            Cli.Result del = Cli.run(Cli.at(data, "ban", "del", "127.0.0.1"));
            assertThat(del.code()).as(del.toString()).isZero();
            assertThat(del.out()).contains("lifted the ban on 127.0.0.1");
            assertThat(waitForGreeting(restarted, "220", Duration.ofSeconds(5))).as("the running server sees it within seconds")
                    .startsWith("220");
            FTPClient ok = restarted.login("alice", "alice-pass-1");
            ok.disconnect();

            Cli.Result again = Cli.run(Cli.at(data, "ban", "del", "127.0.0.1"));
            assertThat(again.code()).isEqualTo(3);
            assertThat(again.err()).contains("no ban covers 127.0.0.1");
        }
    }

    @Test
    void theDefaultSafelistNeverBansLoopback() throws Exception {
        try (TestServer server = TestServer.start(data, Map.of(Settings.BAN_AFTER, "2"))) {
            server.addUser("alice", "alice-pass-1");
            for (int i = 0; i < 3; i++) {
                failThreeTimes(server);
            }
            assertThat(Greeting.of(server.ftpPort())).startsWith("220");
            assertThat(server.bans().listBans()).isEmpty();
        }
    }
}
