package dev.ferry.core.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.user.User;
import dev.ferry.core.user.UserLimits;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The bucket's arithmetic: what it asks callers to wait. (How long transfers really take is
 * measured through the server in BandwidthTimingTest.)
 */
class TokenBucketTest {

    private static final long MIB = 1 << 20;

    @Test
    void aFullBucketLetsTheBurstThroughThenChargesByTheRate() {
        TokenBucket b = new TokenBucket(MIB);
        assertThat(b.reserve(MIB / 10)).as("the burst: a tenth of a second").isZero();
        long wait = b.reserve(MIB);
        assertThat(wait).as("one more second's worth waits about a second")
                .isBetween(990_000_000L, 1_000_000_000L);
        long next = b.reserve(MIB / 2);
        assertThat(next).as("debt accumulates: the next caller waits behind the first").isBetween(1_480_000_000L, 1_500_000_000L);
    }

    @Test
    void aLowerRateMakesLongerWaits() {
        TokenBucket b = new TokenBucket(MIB);
        b.reserve(MIB / 10);
        b.setRate(MIB / 4);
        assertThat(b.reserve(MIB / 4)).isBetween(990_000_000L, 1_000_000_000L);
        assertThatThrownBy(() -> b.setRate(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stepsAreATenthOfASecondWithinBounds() {
        assertThat(new TokenBucket(MIB).step()).isEqualTo(32 * 1024);
        assertThat(new TokenBucket(100_000).step()).isEqualTo(10_000);
        assertThat(new TokenBucket(100).step()).isEqualTo(1024);
    }

    @Test
    void aUsersLimitIsCombinedWithTheServersAndNoLimitMeansNoThrottle() {
        BandwidthLimits limits = new BandwidthLimits(0, 8 * MIB);
        User alice = user("alice", MIB);
        Throttle one = limits.throttle(alice, Direction.DOWNLOAD);
        assertThat(one.isUnlimited()).isFalse();
        assertThat(one.step()).as("the slower bucket sets the step").isEqualTo(32 * 1024);
        assertThat(limits.throttle(user("bob", 0), Direction.UPLOAD)).isSameAs(Throttle.NONE);
        assertThat(limits.throttle(user("bob", 0), Direction.DOWNLOAD).isUnlimited()).as("server-wide limit").isFalse();
        assertThat(BandwidthLimits.unlimited().throttle(alice, Direction.UPLOAD)).isSameAs(Throttle.NONE);
    }

    private static User user(String name, long downRate) {
        User base = User.withDefaults(name, "h");
        return new User(name, "h", Optional.empty(), base.permissions(), new UserLimits(0, 0, 0, downRate, 0, List.of(), List.of()),
                false, Optional.empty());
    }
}
