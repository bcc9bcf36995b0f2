package dev.ferry.app.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.app.testing.SshClients;
import dev.ferry.app.testing.TestServer;
import dev.ferry.core.config.Setting;
import dev.ferry.core.config.Settings;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Host keys, algorithms and the commands an SSH client may run. */
class SshServerSettingsTest extends SftpServerTest {

    @Test
    void hostKeysArePrivateFilesAndTheClientSawAPrintedOne() throws Exception {
        for (String f : List.of("ssh_host_ed25519_key", "ssh_host_rsa_key")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("ssh").resolve(f)))).isEqualTo("rw-------");
        }
        assertThat(server.console()).containsPattern("SFTP host key ssh-ed25519 SHA256:[A-Za-z0-9+/]{43}\n")
                .containsPattern("SFTP host key ssh-rsa SHA256:[A-Za-z0-9+/]{43}\n")
                .containsPattern("SFTP listening on 127.0.0.1:\\d+");
        // SshClients only trusts printed fingerprints: a login at all proves the client saw one of them.
        try (ClientSession s = ssh.password(USER, PASSWORD)) {
            assertThat(ssh.trustedFingerprints()).contains(SshClients.fingerprint(s.getServerKey()));
        }
    }

    @Test
    void hostKeysAreKeptAcrossRestarts(@TempDir Path other) throws Exception {
        String first;
        try (TestServer a = TestServer.start(other, Map.<Setting<?>, String>of(Settings.SFTP_PORT, "0"))) {
            first = keyLines(a.console());
        }
        try (TestServer b = TestServer.start(other, Map.<Setting<?>, String>of(Settings.SFTP_PORT, "0"))) {
            assertThat(keyLines(b.console())).isEqualTo(first).isNotEmpty();
        }
    }

    private static String keyLines(String console) {
        return console.lines().filter(l -> l.startsWith("SFTP host key")).reduce("", (x, y) -> x + y + "\n");
    }

    @Test
    void hybridPostQuantumKeyExchangeIsPreferred() throws Exception {
        try (ClientSession s = ssh.password(USER, PASSWORD)) {
            assertThat(s.getServerKexProposals().get(KexProposalOption.ALGORITHMS))
                    .startsWith("mlkem768x25519-sha256,sntrup761x25519-sha512,sntrup761x25519-sha512@openssh.com,curve25519-sha256")
                    .doesNotContain("ecdh-sha2-nistp", "group14", "group1-", "sha1");
            assertThat(s.getServerKexProposals().get(KexProposalOption.SERVERKEYS)).isEqualTo("ssh-ed25519,rsa-sha2-512,rsa-sha2-256");
            assertThat(s.getServerKexProposals().get(KexProposalOption.S2CMAC)).isEqualTo("hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com");
            assertThat(s.getServerKexProposals().get(KexProposalOption.S2CCOMP)).isEqualTo("none");
            // Both hybrid exchanges work (MINA's client speaks both).
            assertThat(s.getKexNegotiationResult().get(KexProposalOption.ALGORITHMS)).matches("mlkem768x25519-sha256|sntrup761x25519-sha512");
        }
    }

    @Test
    void sha1RsaSignaturesAndCbcAreNotOfferedByDefault() throws Exception {
        SshClient c = SshClient.setUpDefaultClient();
        c.setServerKeyVerifier((session, address, key) -> true);
        c.setSignatureFactories(List.of(BuiltinSignatures.rsa));
        c.start();
        try {
            assertThatThrownBy(() -> c.connect(USER, "127.0.0.1", server.sftpPort()).verify(java.time.Duration.ofSeconds(10))
                    .getSession().auth().verify(java.time.Duration.ofSeconds(10))).isInstanceOf(Exception.class);
            c.setSignatureFactories(List.of(BuiltinSignatures.ed25519));
            c.setCipherFactories(List.<NamedFactory<Cipher>>of(BuiltinCiphers.aes128cbc));
            assertThatThrownBy(() -> c.connect(USER, "127.0.0.1", server.sftpPort()).verify(java.time.Duration.ofSeconds(10))
                    .getSession().auth().verify(java.time.Duration.ofSeconds(10))).isInstanceOf(Exception.class);
        } finally {
            c.stop();
        }
    }

    /** Each cipher moves a megabyte intact; MINA's own ChaCha20-Poly1305 checks ours. */
    @ParameterizedTest
    @ValueSource(strings = {"chacha20-poly1305@openssh.com", "aes128-gcm@openssh.com", "aes256-gcm@openssh.com", "aes128-ctr", "aes256-ctr"})
    void everyOfferedCipherCarriesData(String cipher) throws Exception {
        SshClient c = SshClient.setUpDefaultClient();
        c.setServerKeyVerifier((session, address, key) -> ssh.trustedFingerprints().contains(SshClients.fingerprint(key)));
        c.setCipherFactories(List.<NamedFactory<Cipher>>of(BuiltinCiphers.fromFactoryName(cipher)));
        c.start();
        byte[] data = new byte[1 << 20];
        new Random(7).nextBytes(data);
        try (ClientSession s = c.connect(USER, "127.0.0.1", server.sftpPort()).verify(java.time.Duration.ofSeconds(10)).getSession()) {
            s.addPasswordIdentity(PASSWORD);
            s.auth().verify(java.time.Duration.ofSeconds(10));
            assertThat(s.getKexNegotiationResult().get(KexProposalOption.S2CENC)).isEqualTo(cipher);
            try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(s)) {
                try (OutputStream out = sftp.write("cipher.bin")) {
                    out.write(data);
                }
                try (InputStream in = sftp.read("cipher.bin")) {
                    assertThat(in.readAllBytes()).isEqualTo(data);
                }
            }
        } finally {
            c.stop();
        }
    }

    /** A window smaller than one packet makes the server split packets; no byte may stay behind. */
    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aClientWithATinyWindowStillGetsEveryByte() throws Exception {
        byte[] data = new byte[700_001];
        new Random(11).nextBytes(data);
        Files.write(home.resolve("tiny-window.bin"), data);
        SshClient c = SshClient.setUpDefaultClient();
        c.setServerKeyVerifier((session, address, key) -> ssh.trustedFingerprints().contains(SshClients.fingerprint(key)));
        org.apache.sshd.core.CoreModuleProperties.WINDOW_SIZE.set(c, 20_000L);
        org.apache.sshd.core.CoreModuleProperties.MAX_PACKET_SIZE.set(c, 32_768L);
        c.start();
        try (ClientSession s = c.connect(USER, "127.0.0.1", server.sftpPort()).verify(java.time.Duration.ofSeconds(10)).getSession()) {
            s.addPasswordIdentity(PASSWORD);
            s.auth().verify(java.time.Duration.ofSeconds(10));
            try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(s); InputStream in = sftp.read("tiny-window.bin")) {
                assertThat(in.readAllBytes()).isEqualTo(data);
            }
            SshClients.Exec scp = SshClients.exec(s, "scp -f tiny-window.bin", new byte[] {0, 0, 0});
            byte[] header = "C0644 700001 tiny-window.bin\n".getBytes();
            byte[] sent = scp.outBytes();
            assertThat(scp.exit()).isZero();
            assertThat(sent).hasSize(header.length + data.length + 1);
            assertThat(java.util.Arrays.copyOfRange(sent, header.length, header.length + data.length)).isEqualTo(data);
        } finally {
            c.stop();
        }
    }

    @Test
    void checksumCommandsPrintLikeCoreutils() throws Exception {
        byte[] data = "checksum me\n".getBytes();
        Files.write(home.resolve("sum me.txt"), data);
        try (ClientSession s = ssh.password(USER, PASSWORD)) {
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
            String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
            SshClients.Exec r = SshClients.exec(s, "sha256sum 'sum me.txt'");
            assertThat(r.exit()).isZero();
            assertThat(r.out()).isEqualTo(sha + "  sum me.txt\n");
            r = SshClients.exec(s, "md5sum \"sum me.txt\" missing.txt");
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).isEqualTo(md5 + "  sum me.txt\n");
            assertThat(r.err()).isEqualTo("md5sum: missing.txt: No such file or directory\n");
        }
    }

    @Test
    void noOtherCommandsAndNoShell() throws Exception {
        try (ClientSession s = ssh.password(USER, PASSWORD)) {
            for (String cmd : List.of("ls", "cat /etc/passwd", "sha256sum x; rm -rf /", "sha256sum $(id)", "bash -c id", "scp -t")) {
                SshClients.Exec r = SshClients.exec(s, cmd);
                if (!cmd.equals("scp -t")) {
                    assertThat(r.exit()).as(cmd).isEqualTo(127);
                    assertThat(r.err()).as(cmd).startsWith("ferry: ");
                }
                assertThat(r.out()).as(cmd).doesNotContain("root:");
            }
        }
    }

    @Test
    void theLimitPerAddressHoldsForSshToo(@TempDir Path other) throws Exception {
        try (TestServer s = TestServer.start(other, Map.<Setting<?>, String>of(Settings.SFTP_PORT, "0",
                Settings.MAX_SESSIONS_PER_IP, "1"));
             SshClients clients = SshClients.forServer(s)) {
            s.addUser("limited", "limited-password-1");
            try (ClientSession first = clients.password("limited", "limited-password-1")) {
                assertThat(first.isAuthenticated()).isTrue();
                assertThatThrownBy(() -> clients.password("limited", "limited-password-1").close()).isInstanceOf(Exception.class);
            }
        }
    }

    @Test
    void legacyAlgorithmsOnlyWhenConfigured(@TempDir Path other) throws Exception {
        try (TestServer s = TestServer.start(other, Map.<Setting<?>, String>of(Settings.SFTP_PORT, "0", Settings.SSH_LEGACY, "true"))) {
            s.addUser("old", "old-password-1");
            SshClient c = SshClient.setUpDefaultClient();
            c.setServerKeyVerifier((session, address, key) -> true);
            c.setSignatureFactories(List.of(BuiltinSignatures.rsa));
            c.setCipherFactories(List.<NamedFactory<Cipher>>of(BuiltinCiphers.aes128cbc));
            c.start();
            try (ClientSession cs = c.connect("old", "127.0.0.1", s.sftpPort()).verify(java.time.Duration.ofSeconds(10)).getSession()) {
                cs.addPasswordIdentity("old-password-1");
                cs.auth().verify(java.time.Duration.ofSeconds(10));
                assertThat(cs.getKexNegotiationResult().get(KexProposalOption.SERVERKEYS)).isEqualTo("ssh-rsa");
                assertThat(cs.getKexNegotiationResult().get(KexProposalOption.S2CENC)).isEqualTo("aes128-cbc");
            } finally {
                c.stop();
            }
        }
    }

    @Test
    void anonymousFtpIsNotAnSshLogin(@TempDir Path other) throws Exception {
        Path pub = Files.createDirectories(other.resolve("pub"));
        try (TestServer s = TestServer.start(other.resolve("data"), Map.<Setting<?>, String>of(Settings.SFTP_PORT, "0",
                Settings.ANONYMOUS, pub.toString()));
             SshClients clients = SshClients.forServer(s)) {
            assertThatThrownBy(() -> clients.password("anonymous", "guest@example.com").close()).isInstanceOf(Exception.class);
            assertThatThrownBy(() -> clients.password("ftp", "guest@example.com").close()).isInstanceOf(Exception.class);
        }
    }

    @Test
    void sshOffMeansNoListener(@TempDir Path other) throws Exception {
        try (TestServer s = TestServer.start(other)) {
            assertThat(s.sftpPort()).isEqualTo(-1);
            assertThat(s.console()).doesNotContain("SFTP listening");
        }
    }
}
