package dev.ferry.app.testing;

import dev.ferry.app.FerryServer;
import dev.ferry.core.auth.Argon2Params;
import dev.ferry.core.auth.PasswordHasher;
import dev.ferry.core.config.ServerConfig;
import dev.ferry.core.config.Setting;
import dev.ferry.core.config.Settings;
import dev.ferry.core.user.BanStore;
import dev.ferry.core.user.JdbcUserStore;
import dev.ferry.core.user.User;
import dev.ferry.core.user.UserStore;
import dev.ferry.core.user.UserStores;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPReply;

/**
 * A real Ferry server for a test: the production composition root, on an ephemeral loopback
 * port, with its own data directory. Passwords are hashed with a cheap Argon2id setting so that
 * hundreds of logins stay fast; one test elsewhere exercises the default cost.
 */
public final class TestServer implements AutoCloseable {

    /** Cheap but real Argon2id, for tests only. */
    public static final Argon2Params TEST_ARGON2 = new Argon2Params(1024, 1, 1);

    private final Path data;
    private final FerryServer server;
    private final JdbcUserStore store;
    private final PasswordHasher hasher = new PasswordHasher(TEST_ARGON2);
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    private TestServer(Path data, Map<Setting<?>, String> overrides) throws Exception {
        this.data = data;
        ServerConfig.Builder b = ServerConfig.builder()
                .set(Settings.DATA, data.toString())
                .set(Settings.FTP_PORT, "0")
                .set(Settings.SFTP_PORT, "off")
                .set(Settings.BIND, "127.0.0.1")
                .set(Settings.LOGIN_FAILURE_DELAY, "50ms")
                .set(Settings.MAX_SESSIONS_PER_IP, "0")
                .set(Settings.ARGON2_MEMORY, TEST_ARGON2.memoryKiB() + "KiB")
                .set(Settings.ARGON2_ITERATIONS, Integer.toString(TEST_ARGON2.iterations()));
        overrides.forEach(b::set);
        ServerConfig config = b.build();
        this.server = FerryServer.start(config, new PrintStream(console, true, StandardCharsets.UTF_8));
        this.store = UserStores.open(config);
    }

    public static TestServer start(Path data) throws Exception {
        return new TestServer(data, Map.of());
    }

    /** Starts with some settings changed, e.g. {@code Map.of(Settings.IDLE_TIMEOUT, "2s")}. */
    public static TestServer start(Path data, Map<Setting<?>, String> overrides) throws Exception {
        return new TestServer(data, new LinkedHashMap<>(overrides));
    }

    public int ftpPort() {
        return server.ftpPort();
    }

    /** The SSH port (SFTP/SCP); -1 unless the test started with {@code Settings.SFTP_PORT} "0". */
    public int sftpPort() {
        return server.sftpPort();
    }

    /** The implicit-FTPS port (with {@code Settings.FTPS_PORT} set to "0"), or -1. */
    public int ftpsPort() {
        return server.ftpsPort();
    }

    public Path dataDir() {
        return data;
    }

    public FerryServer server() {
        return server;
    }

    public UserStore users() {
        return store;
    }

    /** The bans in the server's store. */
    public BanStore bans() {
        return store;
    }

    /** What the server printed to its console (listener lines, first-start password). */
    public String console() {
        return console.toString(StandardCharsets.UTF_8);
    }

    /** Creates an account with default settings; returns its home directory (created). */
    public Path addUser(String name, String password) throws Exception {
        return addUser(name, password, UnaryOperator.identity());
    }

    /** Creates an account, letting the test adjust it (permissions, limits) before it is stored. */
    public Path addUser(String name, String password, UnaryOperator<User> adjust) throws Exception {
        User user = adjust.apply(User.withDefaults(name, hasher.hash(password.toCharArray())));
        store.create(user);
        Path home = user.home().map(Path::of).orElse(data.resolve("home").resolve(name));
        Files.createDirectories(home);
        return home;
    }

    /** A hash of {@code password} at the test cost, for accounts a test edits directly. */
    public String hash(String password) {
        return hasher.hash(password.toCharArray());
    }

    /** A connected Commons Net client, not logged in. */
    public FTPClient connect() throws IOException {
        FTPClient c = new FTPClient();
        c.setConnectTimeout(10_000);
        c.setDefaultTimeout(30_000);
        c.setControlEncoding("UTF-8");
        c.connect("127.0.0.1", ftpPort());
        c.setSoTimeout(30_000);
        if (!FTPReply.isPositiveCompletion(c.getReplyCode())) {
            throw new IOException("no 220 greeting: " + c.getReplyString());
        }
        return c;
    }

    /** A connected, logged-in client in passive binary mode. */
    public FTPClient login(String user, String password) throws IOException {
        FTPClient c = connect();
        if (!c.login(user, password)) {
            String reply = c.getReplyString();
            c.disconnect();
            throw new IOException("login failed: " + reply);
        }
        c.enterLocalPassiveMode();
        c.setFileType(FTP.BINARY_FILE_TYPE);
        return c;
    }

    @Override
    public void close() {
        server.shutdown(Duration.ofSeconds(2));
        store.close();
    }
}
