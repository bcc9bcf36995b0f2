package dev.ferry.app.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import dev.ferry.core.user.AuthorizedKey;

/**
 * MINA SSHD's client against a {@link TestServer}: it trusts exactly the host keys whose
 * fingerprints the server printed at start, as a careful user would.
 */
public final class SshClients implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern HOST_KEY = Pattern.compile("^SFTP host key \\S+ (SHA256:\\S+)$", Pattern.MULTILINE);

    /** What an exec request printed and returned. */
    public record Exec(int exit, String out, String err, byte[] outBytes) {}

    private final SshClient client;
    private final int port;
    private final Set<String> trusted;

    private SshClients(SshClient client, int port, Set<String> trusted) {
        this.client = client;
        this.port = port;
        this.trusted = trusted;
    }

    public static SshClients forServer(TestServer server) {
        Matcher m = HOST_KEY.matcher(server.console());
        Set<String> fps = m.results().map(r -> r.group(1)).collect(Collectors.toSet());
        if (fps.isEmpty()) {
            throw new IllegalStateException("the server printed no host key: " + server.console());
        }
        SshClient c = SshClient.setUpDefaultClient();
        c.setServerKeyVerifier((session, address, key) -> fps.contains(fingerprint(key)));
        CoreModuleProperties.IDLE_TIMEOUT.set(c, Duration.ofMinutes(2));
        c.start();
        return new SshClients(c, server.sftpPort(), fps);
    }

    public SshClient client() {
        return client;
    }

    public Set<String> trustedFingerprints() {
        return trusted;
    }

    /** A session, not yet authenticated. */
    public ClientSession connect(String user) throws IOException {
        return client.connect(user, "127.0.0.1", port).verify(WAIT).getSession();
    }

    public ClientSession password(String user, String password) throws IOException {
        ClientSession s = connect(user);
        s.addPasswordIdentity(password);
        s.auth().verify(WAIT);
        return s;
    }

    public ClientSession key(String user, KeyPair key) throws IOException {
        ClientSession s = connect(user);
        s.addPublicKeyIdentity(key);
        s.auth().verify(WAIT);
        return s;
    }

    public SftpClient sftp(String user, String password) throws IOException {
        return SftpClientFactory.instance().createSftpClient(password(user, password)).singleSessionInstance();
    }

    public static Exec exec(ClientSession s, String command) throws IOException {
        return exec(s, command, new byte[0]);
    }

    /** Runs {@code command} with {@code stdin} as its input (then end of file). */
    public static Exec exec(ClientSession s, String command, byte[] stdin) throws IOException {
        try (ChannelExec ch = s.createExecChannel(command)) {
            ch.setIn(new java.io.ByteArrayInputStream(stdin));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            ch.setOut(out);
            ch.setErr(err);
            ch.open().verify(WAIT);
            ch.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), WAIT);
            Integer status = ch.getExitStatus();
            return new Exec(status == null ? -1 : status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                    out.toByteArray());
        }
    }

    public static KeyPair ed25519() throws Exception {
        var g = org.apache.sshd.common.util.security.SecurityUtils.getKeyPairGenerator(
                org.apache.sshd.common.util.security.SecurityUtils.EDDSA);
        g.initialize(255);
        return g.generateKeyPair();
    }

    /** The key as an authorized_keys line, as {@code ferry user key add} reads it. */
    public static AuthorizedKey authorized(KeyPair key) {
        ByteArrayBuffer b = new ByteArrayBuffer();
        b.putRawPublicKey(key.getPublic());
        String line = "ssh-ed25519 " + java.util.Base64.getEncoder().encodeToString(b.getCompactData()) + " test-key";
        return AuthorizedKey.parse(line, java.time.Instant.now());
    }

    public static String fingerprint(java.security.PublicKey key) {
        ByteArrayBuffer b = new ByteArrayBuffer();
        b.putRawPublicKey(key);
        return AuthorizedKey.fingerprint(b.getCompactData());
    }

    @Override
    public void close() {
        client.stop();
    }
}
