package dev.ferry.core.config;

import dev.ferry.core.net.Cidr;
import dev.ferry.core.tls.TlsPolicy;
import dev.ferry.core.tls.TlsReuse;
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

    public static final Setting<String> STORAGE = new Setting<>("storage", "", Parsers::text, "URL",
            "where users' files are; empty = directories under <data>/home; s3://bucket[/prefix] = an S3-compatible bucket that several nodes share");
    public static final Setting<String> S3_ENDPOINT = new Setting<>("s3-endpoint", "", Parsers::text, "URL",
            "address of an S3-compatible store (MinIO, Ceph, s3proxy), path-style; empty = AWS");
    public static final Setting<String> S3_REGION = new Setting<>("s3-region", "us-east-1", Parsers::text, "NAME",
            "the bucket's region");
    public static final Setting<String> S3_ACCESS_KEY = new Setting<>("s3-access-key", "", Parsers::text, "ID",
            "access key id; empty = the AWS default chain (AWS_ACCESS_KEY_ID, ~/.aws, an instance role)");
    public static final Setting<String> S3_SECRET_KEY = new Setting<>("s3-secret-key", "", Parsers::text, "SECRET",
            "its secret key (better in env FERRY_S3_SECRET_KEY than on the command line)");

    public static final Setting<Integer> FTP_PORT = new Setting<>("ftp-port", "2121", Parsers::port, "N",
            "FTP control port; 0 = pick a free one (printed); off = no FTP");
    public static final Setting<List<InetAddress>> BIND = new Setting<>("bind", "", Parsers::addresses, "ADDR[,ADDR]",
            "addresses to listen on; empty = every interface, IPv4 and IPv6");
    public static final Setting<PortRange> PASSIVE_PORTS = new Setting<>("passive-ports", "any", PortRange::parse, "A-B",
            "ports for passive data connections; 'any' lets the OS choose");
    public static final Setting<Optional<InetAddress>> PASSIVE_ADDRESS = new Setting<>("passive-address", "", Parsers::optionalAddress, "ADDR",
            "address PASV advertises (behind NAT); empty = the address the client connected to");

    // --- TLS (FTPS) -------------------------------------------------------------------------
    public static final Setting<Integer> FTPS_PORT = new Setting<>("ftps-port", "off", Parsers::port, "N",
            "implicit-TLS FTPS port (990 by convention); 0 = pick a free one; off = none (explicit AUTH TLS works on the FTP port)");
    public static final Setting<TlsPolicy> TLS = new Setting<>("tls", "optional", TlsPolicy::parse, "POLICY",
            "TLS policy: optional, login (no login without AUTH TLS) or all (data connections too); users may override");
    public static final Setting<TlsReuse> TLS_REUSE = new Setting<>("tls-reuse", "required", TlsReuse::parse, "MODE",
            "required: PROT P data connections must resume the control connection's TLS session; optional; users may override");
    public static final Setting<Optional<Path>> TLS_CERT = new Setting<>("tls-cert", "", Parsers::optionalPath, "FILE",
            "PEM certificate chain, server first; empty = self-signed <data>/tls/ferry-cert.pem (generated); reloaded on change");
    public static final Setting<Optional<Path>> TLS_KEY = new Setting<>("tls-key", "", Parsers::optionalPath, "FILE",
            "PEM private key of --tls-cert (unencrypted PKCS#8, RSA or EC); empty = in the --tls-cert file");
    public static final Setting<Optional<Path>> TLS_KEYSTORE = new Setting<>("tls-keystore", "", Parsers::optionalPath, "FILE",
            "PKCS#12 file with key and certificate chain, instead of --tls-cert; reloaded on change");
    public static final Setting<String> TLS_KEYSTORE_PASSWORD = new Setting<>("tls-keystore-password", "", Parsers::text, "SECRET",
            "password of --tls-keystore (better in env FERRY_TLS_KEYSTORE_PASSWORD than on the command line)");
    public static final Setting<Optional<Path>> TLS_CLIENT_CA = new Setting<>("tls-client-ca", "", Parsers::optionalPath, "FILE",
            "PEM CA certificates for client certificates (mutual TLS, CN = user name); empty = none asked for");

    // --- SFTP/SCP (SSH) -------------------------------------------------------------------
    public static final Setting<Integer> SFTP_PORT = new Setting<>("sftp-port", "2222", Parsers::port, "N",
            "SSH port for SFTP and SCP; 0 = pick a free one (printed); off = no SSH");
    public static final Setting<Boolean> SSH_LEGACY = new Setting<>("ssh-legacy", "false", Parsers::bool, "BOOL",
            "also offer older SSH algorithms (NIST-curve ECDH, group14, SHA-1 MACs, CBC ciphers, ssh-rsa) for old clients");

    public static final Setting<Integer> MAX_SESSIONS = new Setting<>("max-sessions", "10000", Parsers::positive, "N",
            "most concurrent sessions in total (421 beyond)");
    public static final Setting<Integer> MAX_SESSIONS_PER_IP = new Setting<>("max-sessions-per-ip", "100", Parsers::nonNegative, "N",
            "most concurrent sessions from one client address; 0 = no limit");
    public static final Setting<Duration> IDLE_TIMEOUT = new Setting<>("idle-timeout", "300s", Parsers::duration, "DURATION",
            "close a session idle this long (421)");
    public static final Setting<Integer> IDLE_PARKING_FROM = new Setting<>("idle-parking-from", "1000", Parsers::nonNegative, "N",
            "once this many sessions are open, a plain-FTP session waiting for a command holds no thread "
                    + "(about 1.7 KB less each; a parked wait costs a few more system calls and context switches); 0 = always");
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

    // --- accounts: bandwidth, addresses, bans, anonymous FTP (issue 3) ---------------------------

    public static final Setting<Long> UP_RATE = new Setting<>("up-rate", "0", Units::parseRate, "RATE",
            "server-wide upload limit, shared by every session (e.g. 10MiB/s); 0 = none");
    public static final Setting<Long> DOWN_RATE = new Setting<>("down-rate", "0", Units::parseRate, "RATE",
            "server-wide download limit, shared by every session (e.g. 10MiB/s); 0 = none");
    public static final Setting<List<Cidr>> ALLOW = new Setting<>("allow", "", Cidr::parseList, "CIDR[,CIDR]",
            "only these client networks may connect (421 otherwise); empty = any");
    public static final Setting<List<Cidr>> DENY = new Setting<>("deny", "", Cidr::parseList, "CIDR[,CIDR]",
            "these client networks may never connect (421); wins over allow");
    public static final Setting<Integer> BAN_AFTER = new Setting<>("ban-after", "10", Parsers::nonNegative, "N",
            "ban an address after N failed logins within ban-window; 0 = never ban");
    public static final Setting<Duration> BAN_WINDOW = new Setting<>("ban-window", "10m", Parsers::duration, "DURATION",
            "the window in which ban-after failures lead to a ban");
    public static final Setting<Duration> BAN_FOR = new Setting<>("ban-for", "15m", Parsers::duration, "DURATION",
            "length of a first ban; each repeat offence doubles it, up to ban-max");
    public static final Setting<Duration> BAN_MAX = new Setting<>("ban-max", "1d", Parsers::duration, "DURATION",
            "longest ban for repeat offenders");
    public static final Setting<List<Cidr>> BAN_SAFELIST = new Setting<>("ban-safelist", "127.0.0.0/8,::1", Cidr::parseList,
            "CIDR[,CIDR]", "networks never banned (monitoring, test suites); 'none' = empty");
    public static final Setting<String> ANONYMOUS = new Setting<>("anonymous", "", Parsers::text, "DIR",
            "serve DIR read-only to FTP logins 'anonymous' and 'ftp' (any password); empty = off");
    public static final Setting<String> ANONYMOUS_UPLOAD = new Setting<>("anonymous-upload", "", Parsers::relativeDirectory, "SUBDIR",
            "an upload-only directory inside the anonymous one (no list, download, overwrite or delete); empty = none");

    /** The settings of issue 3, in help order. */
    private static final List<Setting<?>> ACCOUNTS = List.of(
            UP_RATE, DOWN_RATE, ALLOW, DENY, BAN_AFTER, BAN_WINDOW, BAN_FOR, BAN_MAX, BAN_SAFELIST, ANONYMOUS, ANONYMOUS_UPLOAD);

    /** Every setting, in the order help and docs list them. */
    public static final List<Setting<?>> ALL = concat(List.of(
            DATA, USERS, STORAGE, S3_ENDPOINT, S3_REGION, S3_ACCESS_KEY, S3_SECRET_KEY, FTP_PORT, BIND, PASSIVE_PORTS, PASSIVE_ADDRESS,
            FTPS_PORT, TLS, TLS_REUSE, TLS_CERT, TLS_KEY, TLS_KEYSTORE, TLS_KEYSTORE_PASSWORD, TLS_CLIENT_CA,
            SFTP_PORT, SSH_LEGACY,
            MAX_SESSIONS, MAX_SESSIONS_PER_IP, IDLE_TIMEOUT, IDLE_PARKING_FROM, DATA_TIMEOUT, SHUTDOWN_GRACE,
            LOGIN_FAILURE_DELAY, LOGIN_CACHE, HASH_THREADS, HASH_QUEUE, ARGON2_MEMORY, ARGON2_ITERATIONS, ARGON2_PARALLELISM,
            LOG_LEVEL), ACCOUNTS);

    private static List<Setting<?>> concat(List<Setting<?>> a, List<Setting<?>> b) {
        List<Setting<?>> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }

    public static Optional<Setting<?>> byKey(String key) {
        return ALL.stream().filter(s -> s.key().equals(key)).findFirst();
    }
}
