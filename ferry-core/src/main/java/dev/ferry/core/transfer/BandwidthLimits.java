package dev.ferry.core.transfer;

import dev.ferry.core.user.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The bandwidth limits of this process: a token bucket per user and direction, shared by all
 * of that user's sessions in every protocol, and one per direction for the whole server. A
 * transfer is paced by both: it waits for whichever of the two is the slower.
 */
public final class BandwidthLimits {

    private record Key(String user, Direction direction) {}

    private final Optional<TokenBucket> serverUp;
    private final Optional<TokenBucket> serverDown;
    private final Map<Key, TokenBucket> users = new ConcurrentHashMap<>();

    /** @param serverUpRate, serverDownRate bytes per second for the whole server; 0 = no limit */
    public BandwidthLimits(long serverUpRate, long serverDownRate) {
        this.serverUp = serverUpRate > 0 ? Optional.of(new TokenBucket(serverUpRate)) : Optional.empty();
        this.serverDown = serverDownRate > 0 ? Optional.of(new TokenBucket(serverDownRate)) : Optional.empty();
    }

    /** No limits at all. */
    public static BandwidthLimits unlimited() {
        return new BandwidthLimits(0, 0);
    }

    /**
     * The throttle for one of {@code user}'s transfers. The user's rate is the one the account has
     * now; a changed rate applies to every session of the user from the next login on.
     */
    public Throttle throttle(User user, Direction direction) {
        List<TokenBucket> buckets = new ArrayList<>(2);
        long rate = direction == Direction.UPLOAD ? user.limits().upRate() : user.limits().downRate();
        if (rate > 0) {
            TokenBucket bucket = users.computeIfAbsent(new Key(user.name(), direction), k -> new TokenBucket(rate));
            if (bucket.rate() != rate) {
                bucket.setRate(rate);
            }
            buckets.add(bucket);
        }
        (direction == Direction.UPLOAD ? serverUp : serverDown).ifPresent(buckets::add);
        return buckets.isEmpty() ? Throttle.NONE : new BucketThrottle(List.copyOf(buckets));
    }

    /** Paces by several buckets at once: takes from each, waits as long as the slowest asks. */
    private record BucketThrottle(List<TokenBucket> buckets) implements Throttle {

        @Override
        public void acquire(long bytes) throws InterruptedException {
            long wait = 0;
            for (TokenBucket b : buckets) {
                wait = Math.max(wait, b.reserve(bytes));
            }
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait); // parks a virtual thread
            }
        }

        @Override
        public long step() {
            long step = Long.MAX_VALUE;
            for (TokenBucket b : buckets) {
                step = Math.min(step, b.step());
            }
            return step;
        }
    }
}
