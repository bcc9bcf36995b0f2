package dev.ferry.app;

import dev.ferry.core.auth.Argon2Params;
import dev.ferry.core.auth.AnonymousAccess;
import dev.ferry.core.auth.Authenticator;
import dev.ferry.core.auth.LoginDefender;
import dev.ferry.core.auth.HashingPool;
import dev.ferry.core.auth.PasswordHasher;
import dev.ferry.core.config.ConfigException;
import dev.ferry.core.auth.VerifiedCredentialCache;
import dev.ferry.core.config.ServerConfig;
import dev.ferry.core.config.Settings;
import dev.ferry.core.net.AddressRules;
import dev.ferry.core.quota.QuotaLedgers;
import dev.ferry.core.session.ConnectionGate;
import dev.ferry.core.session.OnFreshThread;
import dev.ferry.core.session.SessionRegistry;
import dev.ferry.core.session.UserContexts;
import dev.ferry.core.transfer.BandwidthLimits;
import dev.ferry.core.transfer.StallWatchdog;
import dev.ferry.core.tls.ServerTls;
import dev.ferry.core.tls.TlsConfigException;
import dev.ferry.core.tls.TlsSetup;
import dev.ferry.core.user.JdbcUserStore;
import dev.ferry.core.user.User;
import dev.ferry.core.user.UserStoreException;
import dev.ferry.core.user.UserStores;
import dev.ferry.core.vfs.HomeDirectories;
import dev.ferry.core.vfs.LocalStorage;
import dev.ferry.core.vfs.Storage;
import dev.ferry.s3.S3Storage;
import dev.ferry.ftp.FtpContext;
import dev.ferry.ftp.FtpServer;
import dev.ferry.ftp.command.CommandTable;
import dev.ferry.ftp.data.PassivePortPool;
import dev.ferry.ftp.tls.FtpTls;
import dev.ferry.sftp.SftpContext;
import dev.ferry.sftp.SftpServer;
import dev.ferry.sftp.ssh.HostKeys;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: the one place where the server's parts are built and wired together,
 * with plain constructors. Used by {@code ferry serve} and, in-process, by the integration tests.
 */
public final class FerryServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FerryServer.class);

    /** How long a shutdown waits for the sessions' closes (each sends a 421 first, waiting at most 2 s for it). */
    private static final Duration SESSIONS_CLOSE_WAIT = Duration.ofSeconds(3);

    /** How long a shutdown waits for the transfers it aborted to finish closing their files. */
    private static final Duration ABORTED_TRANSFERS_WAIT = Duration.ofSeconds(5);

    private final ServerConfig config;
    private final Path dataDir;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private FtpServer ftp;
    private int ftpPort = -1;
    private FtpServer ftps;
    private int ftpsPort = -1;
    private TlsSetup tls;
    private SftpServer sftp;
    private int sftpPort = -1;

    private SessionRegistry sessions;

    private FerryServer(ServerConfig config) {
        this.config = config;
        this.dataDir = config.get(Settings.DATA).toAbsolutePath().normalize();
    }

    /** Builds and starts every configured listener; prints one line per listener to {@code out}. */
    public static FerryServer start(ServerConfig config, PrintStream out) throws Exception {
        FerryServer server = new FerryServer(config);
        try {
            server.startAll(out);
            return server;
        } catch (Exception e) {
            server.close();
            throw e;
        }
    }

    private void startAll(PrintStream out) throws Exception {
        if (config.get(Settings.FTP_PORT) < 0 && config.get(Settings.FTPS_PORT) < 0 && config.get(Settings.SFTP_PORT) < 0) {
            throw new ConfigException("every listener is off ('" + Settings.FTP_PORT.key() + "', '" + Settings.FTPS_PORT.key()
                    + "' and '" + Settings.SFTP_PORT.key() + "'): nothing to serve");
        }
        ensureLayout(dataDir);
        JdbcUserStore store = UserStores.open(config);
        resources.add(store);
        store.schemaNote().ifPresent(LOG::warn);
        PasswordHasher hasher = hasher(config);
        HashingPool pool = new HashingPool(config.get(Settings.HASH_THREADS), config.get(Settings.HASH_QUEUE));
        resources.add(pool);
        out.println("Ferry " + FerryMain.VERSION + ": data in " + dataDir + ", users in " + store.description());
        InitialUser.ensure(store, hasher, dataDir, out);

        // --- accounts: bans, address rules, anonymous FTP, quotas, bandwidth (issue 3) ---
        LoginDefender defender = new LoginDefender(store, new LoginDefender.Policy(config.get(Settings.BAN_AFTER),
                config.get(Settings.BAN_WINDOW), config.get(Settings.BAN_FOR), config.get(Settings.BAN_MAX),
                config.get(Settings.BAN_SAFELIST)), Clock.systemUTC());
        AddressRules rules = new AddressRules(config.get(Settings.ALLOW), config.get(Settings.DENY));
        ConnectionGate gate = ((ConnectionGate) client -> rules.admits(client) ? Optional.empty()
                : Optional.of("Connections from your address are not accepted")).then(defender::refusal);
        sessions = new SessionRegistry(config.get(Settings.MAX_SESSIONS), config.get(Settings.MAX_SESSIONS_PER_IP), gate);
        Optional<AnonymousAccess> anonymous = anonymousAccess(config);
        Authenticator authenticator = new Authenticator(store, hasher, pool, config.get(Settings.LOGIN_FAILURE_DELAY), Clock.systemUTC(),
                defender, anonymous, new VerifiedCredentialCache(config.get(Settings.LOGIN_CACHE), Clock.systemUTC()));
        Storage storage = storage(config, dataDir);
        if (storage instanceof AutoCloseable c) {
            resources.add(c);
        }
        if (!(storage instanceof LocalStorage)) {
            out.println("Files in " + storage.describe());
            if (anonymous.isPresent()) {
                storage = new AnonymousOnDisk(storage, anonymous.get().user(), dataDir);
            }
        }
        UserContexts userContexts = new UserContexts(storage, new QuotaLedgers(store),
                new BandwidthLimits(config.get(Settings.UP_RATE), config.get(Settings.DOWN_RATE)));
        // --- end accounts ---
        StallWatchdog watchdog = new StallWatchdog(config.get(Settings.DATA_TIMEOUT));
        resources.add(watchdog);

        int port = config.get(Settings.FTP_PORT);
        int implicitPort = config.get(Settings.FTPS_PORT);
        if (port >= 0 || implicitPort >= 0) {
            Optional<FtpTls> ftpTls = Optional.of(ftpTls(store, out));
            FtpContext ctx = new FtpContext(authenticator, userContexts, sessions, new PassivePortPool(config.get(Settings.PASSIVE_PORTS)),
                    watchdog, CommandTable.standard(), config.get(Settings.PASSIVE_ADDRESS),
                    config.get(Settings.IDLE_TIMEOUT), config.get(Settings.DATA_TIMEOUT), ftpTls, config.get(Settings.IDLE_PARKING_FROM));
            if (port >= 0) {
                ftp = new FtpServer(ctx, config.get(Settings.BIND), port);
                for (InetSocketAddress a : ftp.start()) {
                    ftpPort = a.getPort();
                    out.println("FTP listening on " + describe(a));
                }
            }
            if (implicitPort >= 0) {
                ftps = new FtpServer(ctx, config.get(Settings.BIND), implicitPort, true);
                for (InetSocketAddress a : ftps.start()) {
                    ftpsPort = a.getPort();
                    out.println("FTPS (implicit TLS) listening on " + describe(a));
                }
            }
        }

        // --- SFTP/SCP (SSH) ------------------------------------------------------------------
        // Bans and address rules come with the session registry's gate, asked at every connection.
        int sshPort = config.get(Settings.SFTP_PORT);
        if (sshPort >= 0) {
            SftpContext sctx = new SftpContext(authenticator, userContexts, sessions, store, storage,
                    dataDir.resolve("ssh"), config.get(Settings.IDLE_TIMEOUT), config.get(Settings.SSH_LEGACY));
            sftp = new SftpServer(sctx, config.get(Settings.BIND), sshPort);
            for (InetSocketAddress a : sftp.start()) {
                sftpPort = a.getPort();
                out.println("SFTP listening on " + describe(a));
            }
            for (HostKeys.HostKey k : sftp.hostKeys()) {
                out.println("SFTP host key " + k.type() + " " + k.fingerprint());
            }
        }
        out.flush();
    }

    /** Anonymous FTP when {@code --anonymous} names a directory; its upload directory is created. */
    private static Optional<AnonymousAccess> anonymousAccess(ServerConfig config) throws ConfigException, IOException {
        String dir = config.get(Settings.ANONYMOUS);
        String upload = config.get(Settings.ANONYMOUS_UPLOAD);
        if (dir.isEmpty()) {
            if (!upload.isEmpty()) {
                throw new ConfigException("'" + Settings.ANONYMOUS_UPLOAD.key() + "' needs '" + Settings.ANONYMOUS.key()
                        + "' (the anonymous directory it lies in)");
            }
            return Optional.empty();
        }
        Path root = Path.of(dir).toAbsolutePath().normalize();
        Files.createDirectories(upload.isEmpty() ? root : root.resolve(upload));
        return Optional.of(new AnonymousAccess(root, upload.isEmpty() ? Optional.empty() : Optional.of(upload)));
    }

    /** FTPS: the certificate (configured, or self-signed in the data directory), policy and per-user rules. */
    private FtpTls ftpTls(JdbcUserStore store, PrintStream out) throws TlsConfigException {
        tls = TlsSetup.fromConfig(config, dataDir);
        tls.notes().forEach(out::println);
        // Asked at USER on the session's own thread: the store's read runs on a fresh one, so that
        // the JDBC pool's and driver's per-thread caches do not stay with every idle session.
        FtpTls.AccountRules accounts = name -> {
            try {
                return User.isValidName(name) ? OnFreshThread.call(() -> store.findTls(name)) : Optional.empty();
            } catch (UserStoreException e) {
                return Optional.empty(); // the login itself will report the store as unavailable
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty(); // PASS checks the account's own rules again
            }
        };
        return new FtpTls(tls.tls(), config.get(Settings.TLS), config.get(Settings.TLS_REUSE), config.get(Settings.DATA_TIMEOUT), accounts);
    }

    static PasswordHasher hasher(ServerConfig config) throws ConfigException {
        long kib = config.get(Settings.ARGON2_MEMORY) / 1024;
        try {
            return new PasswordHasher(new Argon2Params((int) Math.min(kib, Integer.MAX_VALUE), config.get(Settings.ARGON2_ITERATIONS),
                    config.get(Settings.ARGON2_PARALLELISM)));
        } catch (IllegalArgumentException e) { // a setting out of Argon2's range, not a defect of ours
            throw new ConfigException("argon2 settings ('" + Settings.ARGON2_MEMORY.key() + "', '" + Settings.ARGON2_ITERATIONS.key()
                    + "', '" + Settings.ARGON2_PARALLELISM.key() + "'): " + e.getMessage());
        }
    }

    private static String describe(InetSocketAddress a) {
        if (a.getAddress().isAnyLocalAddress()) {
            return "port " + a.getPort() + " on every interface (IPv4 and IPv6)";
        }
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** The FTP control port actually bound (useful with --ftp-port 0), or -1 when FTP is off. */
    public int ftpPort() {
        return ftpPort;
    }

    /** The implicit-FTPS port actually bound, or -1 when it is off. */
    public int ftpsPort() {
        return ftpsPort;
    }

    /** The SSH (SFTP/SCP) port actually bound, or -1 when SSH is off. */
    public int sftpPort() {
        return sftpPort;
    }

    /** The server's TLS, once FTP or FTPS is on: its certificate, for tests and diagnostics. */
    public Optional<ServerTls> tls() {
        return Optional.ofNullable(tls).map(TlsSetup::tls);
    }

    public Path dataDir() {
        return dataDir;
    }

    public SessionRegistry sessions() {
        return sessions;
    }

    /**
     * Graceful stop: no new connections, running transfers get up to {@code grace} to finish, then
     * every session is closed (421) and the resources released.
     */
    public void shutdown(Duration grace) {
        if (ftp != null) {
            ftp.stopAccepting();
        }
        if (ftps != null) {
            ftps.stopAccepting();
        }
        if (sftp != null) {
            sftp.stopAccepting();
        }
        if (sessions == null) {
            close();
            return;
        }
        long active = awaitTransfers(System.nanoTime() + grace.toNanos());
        if (active > 0) {
            LOG.warn("shutdown grace period over; aborting {} transfer(s)", active);
        }
        sessions.closeAll(SESSIONS_CLOSE_WAIT);
        // The aborted transfers close their files on their own threads, and each close records
        // the upload's bytes in the user store: closing the store before that would lose them.
        awaitTransfers(System.nanoTime() + ABORTED_TRANSFERS_WAIT.toNanos());
        close();
    }

    /** Waits until no transfer is active or the deadline passes; returns how many are still active. */
    private long awaitTransfers(long deadline) {
        long active;
        while ((active = sessions.activeTransfers()) > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return active;
    }

    @Override
    public void close() {
        if (ftp != null) {
            ftp.close();
        }
        if (ftps != null) {
            ftps.close();
        }
        if (sftp != null) {
            sftp.close();
        }
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", resources.get(i).getClass().getSimpleName(), e.toString());
            }
        }
        resources.clear();
    }

    /** Makes sure a fresh data directory has the layout the docs describe. */
    static void ensureLayout(Path dataDir) throws IOException {
        Files.createDirectories(dataDir.resolve("home"));
    }

    /** Local homes by default; with {@code storage: s3://bucket[/prefix]}, the bucket (checked now, so a wrong key fails the start). */
    private static Storage storage(ServerConfig config, Path dataDir) throws IOException, ConfigException {
        String url = config.get(Settings.STORAGE).trim();
        if (url.isEmpty() || url.equals("local")) {
            return new LocalStorage(new HomeDirectories(dataDir));
        }
        String endpoint = config.get(Settings.S3_ENDPOINT).trim();
        try {
            return S3Storage.connect(java.net.URI.create(url), endpoint.isEmpty() ? java.util.Optional.empty()
                            : java.util.Optional.of(java.net.URI.create(endpoint)), config.get(Settings.S3_REGION),
                    config.get(Settings.S3_ACCESS_KEY), config.get(Settings.S3_SECRET_KEY), dataDir.resolve("spool"));
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
