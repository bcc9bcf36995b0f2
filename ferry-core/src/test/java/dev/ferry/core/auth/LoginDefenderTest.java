package dev.ferry.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.net.Cidr;
import dev.ferry.core.testing.MutableClock;
import dev.ferry.core.user.Ban;
import dev.ferry.core.user.JdbcUserStore;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ban rules, on a real (SQLite) store and a clock the test moves. */
class LoginDefenderTest {

    @TempDir
    Path dir;

    private JdbcUserStore store;
    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
    private final LoginDefender.Policy policy = new LoginDefender.Policy(3, Duration.ofMinutes(10), Duration.ofMinutes(15),
            Duration.ofHours(2), List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1")));

    @BeforeEach
    void open() throws Exception {
        store = JdbcUserStore.sqlite(dir.resolve("users.db"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void bansAfterNFailuresWithinTheWindowAndNotBefore() throws Exception {
        LoginDefender d = new LoginDefender(store, policy, clock);
        InetAddress a = ip("192.0.2.10");
        d.loginFailed(a);
        d.loginFailed(a);
        assertThat(d.banOf(a)).isEmpty();
        assertThat(d.refusal(a)).isEmpty();
        d.loginFailed(a);
        Ban ban = d.banOf(a).orElseThrow();
        assertThat(ban.until()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
        assertThat(ban.offences()).isEqualTo(1);
        assertThat(d.refusal(a)).hasValueSatisfying(s -> assertThat(s).contains("try again after 2025-03-01T10:15:00Z"));
        assertThat(d.banOf(ip("192.0.2.11"))).as("a neighbour is not banned").isEmpty();
    }

    @Test
    void failuresOutsideTheWindowDoNotCount() throws Exception {
        LoginDefender d = new LoginDefender(store, policy, clock);
        InetAddress a = ip("192.0.2.10");
        d.loginFailed(a);
        d.loginFailed(a);
        clock.advance(Duration.ofMinutes(11));
        d.loginFailed(a);
        d.loginFailed(a);
        assertThat(d.banOf(a)).isEmpty();
        d.loginFailed(a);
        assertThat(d.banOf(a)).isPresent();
    }

    @Test
    void aBanEndsAndRepeatOffendersGetLongerBansUpToTheMaximum() throws Exception {
        LoginDefender d = new LoginDefender(store, policy, clock);
        InetAddress a = ip("203.0.113.5");
        Duration[] expected = {Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofMinutes(60), Duration.ofHours(2), Duration.ofHours(2)};
        for (int offence = 1; offence <= expected.length; offence++) {
            for (int i = 0; i < 3; i++) {
                d.loginFailed(a);
            }
            Ban ban = d.banOf(a).orElseThrow();
            assertThat(ban.offences()).isEqualTo(offence);
            assertThat(Duration.between(clock.instant(), ban.until())).isEqualTo(expected[offence - 1]);
            clock.advance(expected[offence - 1].plusSeconds(1));
            assertThat(d.banOf(a)).as("ban over").isEmpty();
        }
    }

    @Test
    void anOffenderIsForgottenAfterADayWithoutBans() throws Exception {
        LoginDefender d = new LoginDefender(store, policy, clock);
        InetAddress a = ip("203.0.113.5");
        for (int i = 0; i < 3; i++) {
            d.loginFailed(a);
        }
        clock.advance(Duration.ofMinutes(15).plusDays(1).plusSeconds(1));
        for (int i = 0; i < 3; i++) {
            d.loginFailed(a);
        }
        assertThat(d.banOf(a).orElseThrow().offences()).isEqualTo(1);
    }

    @Test
    void theSafelistIsNeverBanned() throws Exception {
        LoginDefender d = new LoginDefender(store, policy, clock);
        for (String s : List.of("127.0.0.1", "::1", "::ffff:127.0.0.1")) {
            for (int i = 0; i < 10; i++) {
                d.loginFailed(ip(s));
            }
            assertThat(d.banOf(ip(s))).as(s).isEmpty();
        }
        assertThat(store.listBans()).isEmpty();
    }

    @Test
    void ipv6IsBannedByItsSlash64() throws Exception {
        LoginDefender d = new LoginDefender(store, policy, clock);
        d.loginFailed(ip("2001:db8:1:2::1"));
        d.loginFailed(ip("2001:db8:1:2::99"));
        d.loginFailed(ip("2001:db8:1:2:ffff::7"));
        assertThat(d.banOf(ip("2001:db8:1:2:abcd::1"))).isPresent();
        assertThat(d.banOf(ip("2001:db8:1:3::1"))).isEmpty();
        assertThat(store.listBans()).extracting(Ban::network).containsExactly(Cidr.parse("2001:db8:1:2::/64"));
    }

    @Test
    void ipv4MappedAddressesAreTheSameClient() throws Exception {
        LoginDefender d = new LoginDefender(store, policy, clock);
        d.loginFailed(ip("::ffff:198.51.100.4"));
        d.loginFailed(ip("198.51.100.4"));
        d.loginFailed(ip("::ffff:198.51.100.4"));
        assertThat(d.banOf(ip("198.51.100.4"))).isPresent();
    }

    @Test
    void bansSurviveANewDefenderOnTheSameStore() throws Exception {
        LoginDefender d = new LoginDefender(store, policy, clock);
        InetAddress a = ip("192.0.2.10");
        for (int i = 0; i < 3; i++) {
            d.loginFailed(a);
        }
        LoginDefender afterRestart = new LoginDefender(store, policy, clock);
        assertThat(afterRestart.banOf(a)).isPresent();
    }

    @Test
    void banAfterZeroNeverBans() throws Exception {
        LoginDefender d = new LoginDefender(store, new LoginDefender.Policy(0, Duration.ofMinutes(10), Duration.ofMinutes(15),
                Duration.ofHours(1), List.of()), clock);
        for (int i = 0; i < 50; i++) {
            d.loginFailed(ip("192.0.2.10"));
        }
        assertThat(d.banOf(ip("192.0.2.10"))).isEmpty();
        assertThat(LoginDefender.disabled().banOf(ip("192.0.2.10"))).isEmpty();
    }

    @Test
    void aBanLiftedInTheStoreIsForgottenAfterTheRefresh() throws Exception {
        LoginDefender d = new LoginDefender(store, policy, clock);
        InetAddress a = ip("192.0.2.10");
        for (int i = 0; i < 3; i++) {
            d.loginFailed(a);
        }
        assertThat(store.deleteBan(LoginDefender.networkOf(a))).isTrue();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (d.banOf(a).isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(d.banOf(a)).isEmpty();
    }
}
