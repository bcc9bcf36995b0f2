package dev.ferry.core.auth;

import dev.ferry.core.config.Units;
import dev.ferry.core.net.Cidr;
import dev.ferry.core.user.Ban;
import dev.ferry.core.user.BanStore;
import dev.ferry.core.user.UserStoreException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bans client networks that keep failing to log in. A network with {@code banAfter} failed
 * logins within {@code window} is banned for {@code banFor}; each ban of the same network that
 * follows soon after doubles, up to {@code banMax}. A banned network is refused at connect and
 * at every login attempt. Networks on the safelist are never banned.
 *
 * <p>A "network" is one IPv4 address, or an IPv6 /64: one host commonly holds a whole /64, so
 * banning single IPv6 addresses would stop nobody.
 *
 * <p>Bans are kept in the user store ({@link BanStore}), so they survive a restart and nodes that
 * share a PostgreSQL store share them; this class keeps a copy of the active ones, re-read at most
 * every {@value #REFRESH_MILLIS} ms, so that a connect costs no database round trip. Failures are
 * counted in memory, per process.
 */
public final class LoginDefender {

    private static final Logger LOG = LoggerFactory.getLogger("ferry.login");
    static final long REFRESH_MILLIS = 1000;
    /** Networks whose failures are tracked at once; beyond, the stalest are forgotten. */
    private static final int MAX_TRACKED = 100_000;

    /**
     * @param banAfter failures within the window that lead to a ban; 0 = never ban
     * @param window   how far back failures count
     * @param banFor   the first ban's length
     * @param banMax   the longest ban
     * @param safelist networks that are never banned
     */
    public record Policy(int banAfter, Duration window, Duration banFor, Duration banMax, List<Cidr> safelist) {
        public Policy {
            safelist = List.copyOf(safelist);
            if (banFor.compareTo(banMax) > 0) {
                banMax = banFor;
            }
        }

        /** How long after its ban ended a network is still remembered as an offender. */
        Duration memory() {
            Duration day = Duration.ofDays(1);
            return banMax.compareTo(day) > 0 ? banMax : day;
        }
    }

    private final BanStore store;
    private final Policy policy;
    private final Clock clock;
    private final Map<Cidr, ArrayDeque<Instant>> failures = new ConcurrentHashMap<>();
    private final ReentrantLock reload = new ReentrantLock();
    private final AtomicLong lastTrim = new AtomicLong();
    private volatile Map<Cidr, Ban> active = Map.of();
    private volatile long loadedAt;

    public LoginDefender(BanStore store, Policy policy, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.clock = clock;
        load();
    }

    /** A defender that never bans and remembers nothing. */
    public static LoginDefender disabled() {
        return new LoginDefender(NoBans.INSTANCE, new Policy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO, List.of()),
                Clock.systemUTC());
    }

    public Policy policy() {
        return policy;
    }

    /** The network a ban on {@code address} covers. */
    public static Cidr networkOf(InetAddress address) {
        InetAddress a = Cidr.canonical(address);
        return new Cidr(a.getAddress(), a instanceof Inet4Address ? 32 : 64);
    }

    public boolean isSafelisted(InetAddress address) {
        return Cidr.anyContains(policy.safelist(), address);
    }

    /** The ban in force on {@code client}'s network, if any. */
    public Optional<Ban> banOf(InetAddress client) {
        if (isSafelisted(client)) {
            return Optional.empty();
        }
        refreshIfStale();
        Ban ban = active.get(networkOf(client));
        return ban != null && ban.isActive(clock.instant()) ? Optional.of(ban) : Optional.empty();
    }

    /** The reply text for a banned client (without a final period), or empty when it is not banned. */
    public Optional<String> refusal(InetAddress client) {
        return banOf(client).map(b -> "Too many failed logins from your address; try again after "
                + b.until().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    /** Counts a failed login from {@code client}; bans its network when that makes too many. */
    public void loginFailed(InetAddress client) {
        if (policy.banAfter() <= 0 || isSafelisted(client)) {
            return;
        }
        Cidr network = networkOf(client);
        Instant now = clock.instant();
        Instant horizon = now.minus(policy.window());
        int[] count = {0};
        failures.compute(network, (k, times) -> {
            ArrayDeque<Instant> t = times == null ? new ArrayDeque<>() : times;
            while (!t.isEmpty() && !t.peekFirst().isAfter(horizon)) {
                t.pollFirst();
            }
            t.addLast(now);
            count[0] = t.size();
            return count[0] >= policy.banAfter() ? null : t;
        });
        if (count[0] >= policy.banAfter()) {
            ban(network, now, count[0]);
        } else if (failures.size() > MAX_TRACKED) {
            trim(horizon);
        }
    }

    private void ban(Cidr network, Instant now, int count) {
        Optional<Ban> previous;
        try {
            previous = store.findBan(network);
        } catch (UserStoreException e) {
            LOG.warn("cannot read bans: {}", e.getMessage());
            previous = Optional.empty();
        }
        int offences = previous.filter(p -> p.until().plus(policy.memory()).isAfter(now)).map(p -> p.offences() + 1).orElse(1);
        Duration length = length(offences);
        Ban ban = new Ban(network, now.plus(length).truncatedTo(java.time.temporal.ChronoUnit.MILLIS), offences,
                count + " failed logins within " + Units.formatDuration(policy.window()), previous.map(Ban::created).orElse(now));
        try {
            store.putBan(ban);
            store.pruneBans(now.minus(policy.memory()));
        } catch (UserStoreException e) {
            // Still enforced here until the next restart; say so.
            LOG.error("cannot store the ban of {}: {}", network, e.getMessage());
        }
        Map<Cidr, Ban> copy = new HashMap<>(active);
        copy.put(network, ban);
        active = Map.copyOf(copy);
        LOG.warn("ban network={} until={} for={} offences={} reason=\"{}\"", describe(network), ban.until(),
                Units.formatDuration(length), offences, ban.reason());
    }

    /** banFor, doubled for each earlier offence, at most banMax. */
    Duration length(int offences) {
        Duration d = policy.banFor();
        for (int i = 1; i < offences && d.compareTo(policy.banMax()) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(policy.banMax()) > 0 ? policy.banMax() : d;
    }

    /** "192.0.2.7" for a single address, the block otherwise. */
    public static String describe(Cidr network) {
        String s = network.toString();
        return s.endsWith("/32") ? s.substring(0, s.length() - 3) : s;
    }

    private void refreshIfStale() {
        if (System.nanoTime() - loadedAt > REFRESH_MILLIS * 1_000_000 && reload.tryLock()) {
            try {
                load();
            } finally {
                reload.unlock();
            }
        }
    }

    private void load() {
        try {
            Map<Cidr, Ban> fresh = new HashMap<>();
            for (Ban b : store.activeBans(clock.instant())) {
                fresh.put(b.network(), b);
            }
            active = Map.copyOf(fresh);
        } catch (UserStoreException e) {
            LOG.warn("cannot read bans (keeping the ones known): {}", e.getMessage());
        }
        loadedAt = System.nanoTime();
    }

    /** Forgets networks with no recent failure, at most once a second; if still too many, any. */
    private void trim(Instant horizon) {
        long now = System.nanoTime();
        long last = lastTrim.get();
        if (now - last < 1_000_000_000L || !lastTrim.compareAndSet(last, now)) {
            return;
        }
        for (Cidr network : failures.keySet()) {
            // Inside compute, like every other access to a network's deque.
            failures.computeIfPresent(network, (k, t) -> t.isEmpty() || !t.peekLast().isAfter(horizon) ? null : t);
        }
        Iterator<Cidr> it = failures.keySet().iterator();
        while (failures.size() > MAX_TRACKED / 2 && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    /** The store of a disabled defender. */
    private enum NoBans implements BanStore {
        INSTANCE;

        @Override
        public Optional<Ban> findBan(Cidr network) {
            return Optional.empty();
        }

        @Override
        public List<Ban> listBans() {
            return List.of();
        }

        @Override
        public List<Ban> activeBans(Instant now) {
            return List.of();
        }

        @Override
        public void putBan(Ban ban) {
        }

        @Override
        public boolean deleteBan(Cidr network) {
            return false;
        }

        @Override
        public int pruneBans(Instant endedBefore) {
            return 0;
        }
    }
}
