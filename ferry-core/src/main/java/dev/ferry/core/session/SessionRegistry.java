package dev.ferry.core.session;

import dev.ferry.core.net.Cidr;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every live session of every protocol, with the limits on how many there may be: in total, per
 * client address and per user. The one owner of those counters.
 */
public final class SessionRegistry {

    /** The outcome of asking for a session or a login. */
    public sealed interface Admission {
        record Admitted(Session session) implements Admission {}
        record Refused(String reason) implements Admission {}
    }

    private final int maxTotal;
    private final int maxPerAddress;
    private final ConnectionGate gate;
    private final AtomicLong ids = new AtomicLong();
    /** Transfers started and not yet ended, counted by the sessions themselves ({@link Session#transferStarted}). */
    private final AtomicLong transfersRunning = new AtomicLong();
    private final AtomicInteger total = new AtomicInteger();
    private final Map<Long, Session> sessions = new ConcurrentHashMap<>();
    private final Map<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();
    private final Map<String, Integer> perUser = new ConcurrentHashMap<>();

    /**
     * @param maxTotal      most sessions in all
     * @param maxPerAddress most sessions from one client address; 0 for no limit
     */
    public SessionRegistry(int maxTotal, int maxPerAddress) {
        this(maxTotal, maxPerAddress, ConnectionGate.OPEN);
    }

    /** @param gate asked first whether an address may connect at all (address rules, bans) */
    public SessionRegistry(int maxTotal, int maxPerAddress, ConnectionGate gate) {
        this.maxTotal = maxTotal;
        this.maxPerAddress = maxPerAddress;
        this.gate = gate;
    }

    /** Admits a new connection, or says why not. A refused connection holds no slot. */
    public Admission open(String protocol, InetAddress client, Runnable closer) {
        InetAddress key = Cidr.canonical(client);
        Optional<String> refused = gate.refusal(key);
        if (refused.isPresent()) {
            return new Admission.Refused(refused.get());
        }
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            return new Admission.Refused("Too many users connected, try later");
        }
        if (!tryAcquire(perAddress, key, maxPerAddress)) {
            total.decrementAndGet();
            return new Admission.Refused("Too many connections from your address, try later");
        }
        Session s = new Session(ids.incrementAndGet(), protocol, key, closer, transfersRunning);
        sessions.put(s.id(), s);
        return new Admission.Admitted(s);
    }

    /**
     * Records that a session logged in as {@code user}; refuses when that user already has
     * {@code maxForUser} sessions (0 = no limit).
     */
    public boolean login(Session session, String user, int maxForUser) {
        session.user().ifPresent(previous -> logout(session));
        if (!tryAcquire(perUser, user, maxForUser)) {
            return false;
        }
        session.setUser(user);
        return true;
    }

    /** Forgets a session's login (REIN), keeping the connection. */
    public void logout(Session session) {
        session.user().ifPresent(u -> {
            release(perUser, u);
            session.setUser(null);
        });
    }

    /** Removes a closed session. Safe to call more than once. */
    public void close(Session session) {
        if (sessions.remove(session.id()) == null) {
            return;
        }
        logout(session);
        release(perAddress, session.client());
        total.decrementAndGet();
    }

    public int count() {
        return total.get();
    }

    public int countForUser(String user) {
        return perUser.getOrDefault(user, 0);
    }

    public List<Session> snapshot() {
        return new ArrayList<>(sessions.values());
    }

    /**
     * Transfers in progress: started and not yet ended, whether or not their session is still
     * registered (a session closed by a shutdown leaves the registry before its transfer has closed
     * its file).
     */
    public long activeTransfers() {
        return transfersRunning.get();
    }

    /**
     * Closes every session's connection (the end of a shutdown), all at once, each on a thread of
     * its own, waiting at most {@code deadline} in all: one that cannot finish (a client that
     * stopped reading its last reply) must not hold up the others or the shutdown.
     */
    public void closeAll(Duration deadline) {
        List<Thread> closers = new ArrayList<>();
        for (Session s : snapshot()) {
            closers.add(Thread.ofVirtual().name("ferry-close-" + s.id()).start(s::close));
        }
        long end = System.nanoTime() + deadline.toNanos();
        for (Thread t : closers) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                t.join(Duration.ofNanos(left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Takes a slot under {@code key} unless {@code limit} (0 = none) are taken; atomic per key. */
    private static <K> boolean tryAcquire(Map<K, Integer> counts, K key, int limit) {
        boolean[] taken = {false};
        counts.compute(key, (k, n) -> {
            int now = n == null ? 0 : n;
            if (limit > 0 && now >= limit) {
                return n;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }

    private static <K> void release(Map<K, Integer> counts, K key) {
        counts.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
    }
}
