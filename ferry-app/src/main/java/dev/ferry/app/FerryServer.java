package dev.ferry.app;

import dev.ferry.core.auth.Argon2Params;
import dev.ferry.core.auth.Authenticator;
import dev.ferry.core.auth.HashingPool;
import dev.ferry.core.auth.PasswordHasher;
import dev.ferry.core.auth.VerifiedCredentialCache;
import dev.ferry.core.config.ServerConfig;
import dev.ferry.core.config.Settings;
import dev.ferry.core.session.SessionRegistry;
import dev.ferry.core.session.UserContexts;
import dev.ferry.core.transfer.StallWatchdog;
import dev.ferry.core.user.JdbcUserStore;
import dev.ferry.core.user.UserStores;
import dev.ferry.core.vfs.HomeDirectories;
import dev.ferry.ftp.FtpContext;
import dev.ferry.ftp.FtpServer;
import dev.ferry.ftp.command.CommandTable;
import dev.ferry.ftp.data.PassivePortPool;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: the one place where the server's parts are built and wired together,
 * with plain constructors. Used by {@code ferry serve} and, in-process, by the integration tests.
 */
public final class FerryServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FerryServer.class);

    private final ServerConfig config;
    private final Path dataDir;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final SessionRegistry sessions;
    private FtpServer ftp;
    private int ftpPort = -1;

    private FerryServer(ServerConfig config) {
        this.config = config;
        this.dataDir = config.get(Settings.DATA).toAbsolutePath().normalize();
        this.sessions = new SessionRegistry(config.get(Settings.MAX_SESSIONS), config.get(Settings.MAX_SESSIONS_PER_IP));
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
        ensureLayout(dataDir);
        JdbcUserStore store = UserStores.open(config);
        resources.add(store);
        PasswordHasher hasher = hasher(config);
        HashingPool pool = new HashingPool(config.get(Settings.HASH_THREADS), config.get(Settings.HASH_QUEUE));
        resources.add(pool);
        out.println("Ferry " + FerryMain.VERSION + ": data in " + dataDir + ", users in " + store.description());
        InitialUser.ensure(store, hasher, dataDir, out);

        Authenticator authenticator = new Authenticator(store, hasher, pool, config.get(Settings.LOGIN_FAILURE_DELAY), Clock.systemUTC(),
                new VerifiedCredentialCache(config.get(Settings.LOGIN_CACHE), Clock.systemUTC()));
        HomeDirectories homes = new HomeDirectories(dataDir);
        StallWatchdog watchdog = new StallWatchdog(config.get(Settings.DATA_TIMEOUT));
        resources.add(watchdog);

        int port = config.get(Settings.FTP_PORT);
        if (port >= 0) {
            FtpContext ctx = new FtpContext(authenticator, new UserContexts(homes), sessions, new PassivePortPool(config.get(Settings.PASSIVE_PORTS)),
                    watchdog, CommandTable.standard(), config.get(Settings.PASSIVE_ADDRESS),
                    config.get(Settings.IDLE_TIMEOUT), config.get(Settings.DATA_TIMEOUT));
            ftp = new FtpServer(ctx, config.get(Settings.BIND), port);
            for (InetSocketAddress a : ftp.start()) {
                ftpPort = a.getPort();
                out.println("FTP listening on " + describe(a));
            }
        }
        out.flush();
    }

    static PasswordHasher hasher(ServerConfig config) {
        long kib = config.get(Settings.ARGON2_MEMORY) / 1024;
        return new PasswordHasher(new Argon2Params((int) Math.min(kib, Integer.MAX_VALUE), config.get(Settings.ARGON2_ITERATIONS),
                config.get(Settings.ARGON2_PARALLELISM)));
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
        long deadline = System.nanoTime() + grace.toNanos();
        long active;
        while ((active = sessions.activeTransfers()) > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (active > 0) {
            LOG.warn("shutdown grace period over; aborting {} transfer(s)", active);
        }
        sessions.closeAll();
        close();
    }

    @Override
    public void close() {
        if (ftp != null) {
            ftp.close();
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
}
