package dev.ferry.core.config;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Every server setting, in one table: YAML keys, {@code serve} flags, environment variables, the
 * README's configuration reference and validation all come from here.
 */
public final class Settings {

    private Settings() {}

    public static final Setting<Path> DATA = new Setting<>("data", "./ferry-data", Parsers::path, "DIR",
            "data directory: user store, homes, keys (env FERRY_DATA)");
    public static final Setting<String> USERS = new Setting<>("users", "", Parsers::text, "JDBC-URL",
            "user store; empty = SQLite at <data>/users.db; or jdbc:postgresql://host/db?user=..&password=..");

    public static final Setting<Integer> FTP_PORT = new Setting<>("ftp-port", "2121", Parsers::port, "N",
            "FTP control port; 0 = pick a free one (printed); off = no FTP");
    public static final Setting<List<InetAddress>> BIND = new Setting<>("bind", "", Parsers::addresses, "ADDR[,ADDR]",
            "addresses to listen on; empty = every interface, IPv4 and IPv6");
    public static final Setting<PortRange> PASSIVE_PORTS = new Setting<>("passive-ports", "any", PortRange::parse, "A-B",
            "ports for passive data connections; 'any' lets the OS choose");
    public static final Setting<Optional<InetAddress>> PASSIVE_ADDRESS = new Setting<>("passive-address", "", Parsers::optionalAddress, "ADDR",
            "address PASV advertises (behind NAT); empty = the address the client connected to");

    public static final Setting<Integer> MAX_SESSIONS = new Setting<>("max-sessions", "10000", Parsers::positive, "N",
            "most concurrent sessions in total (421 beyond)");
    public static final Setting<Integer> MAX_SESSIONS_PER_IP = new Setting<>("max-sessions-per-ip", "100", Parsers::nonNegative, "N",
            "most concurrent sessions from one client address; 0 = no limit");
    public static final Setting<Duration> IDLE_TIMEOUT = new Setting<>("idle-timeout", "300s", Parsers::duration, "DURATION",
            "close a session idle this long (421)");
    public static final Setting<Duration> DATA_TIMEOUT = new Setting<>("data-timeout", "60s", Parsers::duration, "DURATION",
            "wait this long for a data connection, or for a stalled transfer to move");
    public static final Setting<Duration> SHUTDOWN_GRACE = new Setting<>("shutdown-grace", "10s", Parsers::duration, "DURATION",
            "on SIGTERM/SIGINT, let running transfers finish for this long");
    public static final Setting<Duration> LOGIN_FAILURE_DELAY = new Setting<>("login-failure-delay", "1s", Parsers::duration, "DURATION",
            "delay before answering a failed login (parks only that session)");
    public static final Setting<Duration> LOGIN_CACHE = new Setting<>("login-cache", "0s", Parsers::duration, "DURATION",
            "remember a verified login this long (keyed digest in memory) so repeat logins skip the hash; 0s = off (see SECURITY.md)");
    public static final Setting<Integer> HASH_THREADS = new Setting<>("hash-threads", "0", Parsers::nonNegative, "N",
            "threads verifying passwords; 0 = one per core");
    public static final Setting<Integer> HASH_QUEUE = new Setting<>("hash-queue", "256", Parsers::positive, "N",
            "logins waiting for a hashing thread before new ones get 421 'try later'");

    public static final Setting<Long> ARGON2_MEMORY = new Setting<>("argon2-memory", "19MiB", Units::parseSize, "SIZE",
            "Argon2id memory per new password hash (OWASP: 19MiB with 2 iterations)");
    public static final Setting<Integer> ARGON2_ITERATIONS = new Setting<>("argon2-iterations", "2", Parsers::positive, "N",
            "Argon2id iterations per new password hash");
    public static final Setting<Integer> ARGON2_PARALLELISM = new Setting<>("argon2-parallelism", "1", Parsers::positive, "N",
            "Argon2id lanes per new password hash");
    public static final Setting<String> LOG_LEVEL = new Setting<>("log-level", "info", Parsers::logLevel, "LEVEL",
            "log detail: error, warn, info, debug or trace");

    /** Every setting, in the order help and docs list them. */
    public static final List<Setting<?>> ALL = List.of(
            DATA, USERS, FTP_PORT, BIND, PASSIVE_PORTS, PASSIVE_ADDRESS,
            MAX_SESSIONS, MAX_SESSIONS_PER_IP, IDLE_TIMEOUT, DATA_TIMEOUT, SHUTDOWN_GRACE,
            LOGIN_FAILURE_DELAY, LOGIN_CACHE, HASH_THREADS, HASH_QUEUE, ARGON2_MEMORY, ARGON2_ITERATIONS, ARGON2_PARALLELISM,
            LOG_LEVEL);

    public static Optional<Setting<?>> byKey(String key) {
        return ALL.stream().filter(s -> s.key().equals(key)).findFirst();
    }
}
