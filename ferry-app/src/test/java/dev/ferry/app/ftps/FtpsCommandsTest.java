package dev.ferry.app.ftps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.app.testing.FtpsClients;
import dev.ferry.client.ftp.ReusingFtpsClient;
import dev.ferry.app.testing.TestServer;
import dev.ferry.core.config.Settings;
import dev.ferry.core.tls.ClientCertLogin;
import dev.ferry.core.tls.TlsPolicy;
import dev.ferry.core.user.UserTls;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPSClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AUTH, PBSZ, PROT, CCC and the TLS policy, server-wide and per user, through the real server. */
class FtpsCommandsTest {

    @TempDir
    Path data;

    TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(Map<dev.ferry.core.config.Setting<?>, String> settings) throws Exception {
        server = TestServer.start(data, settings);
        server.addUser("alice", "alice-password-1");
    }

    private SSLContext trust() throws Exception {
        return FtpsClients.trusting(server);
    }

    private FTPSClient tls() throws Exception {
        return FtpsClients.explicit(server.ftpPort(), new ReusingFtpsClient(false, trust()));
    }

    @Test
    void featAdvertisesTlsAndSecurityCommandsNeedAuthFirst() throws Exception {
        start(Map.of());
        FTPClient c = server.connect();
        assertThat(c.features()).isTrue();
        assertThat(c.getReplyString()).contains(" AUTH TLS\r\n", " PBSZ\r\n", " PROT\r\n");
        assertThat(c.sendCommand("PBSZ", "0")).isEqualTo(503);
        assertThat(c.sendCommand("PROT", "P")).isEqualTo(503);
        assertThat(c.getReplyString()).contains("AUTH TLS first");
        assertThat(c.sendCommand("CCC")).isEqualTo(533);
        assertThat(c.sendCommand("AUTH", "KERBEROS_V4")).isEqualTo(504);
        assertThat(c.sendCommand("AUTH")).isEqualTo(501);
        // With TLS optional, a clear-text login still works.
        assertThat(c.login("alice", "alice-password-1")).isTrue();
        assertThat(c.sendCommand("AUTH", "TLS")).as("AUTH after login").isEqualTo(503);
        c.disconnect();
    }

    @Test
    void protocolOfPbszProtAndCccInsideTls() throws Exception {
        start(Map.of());
        FTPSClient c = tls();
        assertThat(c.sendCommand("PROT", "P")).as("PROT before PBSZ").isEqualTo(503);
        assertThat(c.sendCommand("PBSZ", "x")).isEqualTo(501);
        assertThat(c.sendCommand("PBSZ", "4294967296")).as("RFC 2228: 32 bits").isEqualTo(501);
        assertThat(c.sendCommand("PBSZ", "\u0660")).as("ASCII digits only").isEqualTo(501);
        assertThat(c.sendCommand("ADAT", "AAAA")).as("RFC 2228, not used with TLS").isEqualTo(502);
        assertThat(c.sendCommand("MIC", "AAAA")).isEqualTo(502);
        assertThat(c.sendCommand("PBSZ", "1024")).isEqualTo(200);
        assertThat(c.getReplyString()).startsWith("200 PBSZ=0");
        assertThat(c.sendCommand("PROT", "S")).isEqualTo(536);
        assertThat(c.sendCommand("PROT", "E")).isEqualTo(536);
        assertThat(c.sendCommand("PROT", "Q")).isEqualTo(504);
        assertThat(c.sendCommand("PROT", "C")).isEqualTo(200);
        assertThat(c.sendCommand("PROT", "P")).isEqualTo(200);
        assertThatThrownBy(c::execCCC).hasMessageContaining("534 CCC refused: the control connection stays encrypted");
        assertThat(c.sendNoOp()).as("still talking TLS").isTrue();
        assertThat(c.sendCommand("AUTH", "TLS")).isEqualTo(503);
        assertThat(c.login("alice", "alice-password-1")).isTrue();
        assertThat(c.sendCommand("STAT")).isEqualTo(211);
        assertThat(c.getReplyString()).contains("Control connection: protected by TLSv1.3", "data connections: private (PROT P)");
        c.disconnect();
    }

    @Test
    void authSslIsASynonymThatAlsoProtectsData() throws Exception {
        start(Map.of());
        ReusingFtpsClient client = new ReusingFtpsClient(false, trust());
        client.setAuthValue("SSL");
        FTPSClient c = FtpsClients.explicit(server.ftpPort(), client);
        assertThat(c.login("alice", "alice-password-1")).isTrue();
        assertThat(c.sendCommand("STAT")).isEqualTo(211);
        assertThat(c.getReplyString()).contains("data connections: private (PROT P)");
        c.disconnect();
    }

    @Test
    void clearTextCommandsPipelinedAfterAuthAreDropped() throws Exception {
        start(Map.of());
        // STARTTLS injection (CVE-2011-0411 style): bytes sent in the clear right behind AUTH TLS must not
        // be executed as if they had come through TLS.
        try (Socket s = new Socket("127.0.0.1", server.ftpPort())) {
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            readLine(in); // 220
            out.write("AUTH TLS\r\nUSER alice\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readLine(in)).startsWith("234");
            var tls = (javax.net.ssl.SSLSocket) trust().getSocketFactory().createSocket(s, "127.0.0.1", server.ftpPort(), true);
            tls.startHandshake();
            tls.getOutputStream().write("PASS alice-password-1\r\n".getBytes(StandardCharsets.US_ASCII));
            tls.getOutputStream().flush();
            assertThat(readLine(tls.getInputStream())).startsWith("503"); // "Login with USER first": the clear USER was dropped
        }
    }

    private static String readLine(InputStream in) throws java.io.IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            b.append((char) c);
        }
        return b.toString().trim();
    }

    @Test
    void serverPolicyLoginRefusesClearLoginBeforeThePassword() throws Exception {
        start(Map.of(Settings.TLS, "login"));
        FTPClient plain = server.connect();
        assertThat(plain.sendCommand("USER", "alice")).isEqualTo(530);
        assertThat(plain.getReplyString()).contains("TLS required: send AUTH TLS first");
        assertThat(plain.sendCommand("USER", "nobody-at-all")).as("the same for every name").isEqualTo(530);
        plain.disconnect();
        FTPSClient c = tls();
        assertThat(c.login("alice", "alice-password-1")).isTrue();
        // login: clear data connections remain allowed
        c.enterLocalPassiveMode();
        assertThat(c.listNames()).isEmpty();
        assertThat(c.getReplyCode()).isEqualTo(226);
        c.disconnect();
    }

    @Test
    void serverPolicyAllRequiresProtectedDataConnections() throws Exception {
        start(Map.of(Settings.TLS, "all"));
        FTPSClient c = tls();
        assertThat(c.login("alice", "alice-password-1")).isTrue();
        c.enterLocalPassiveMode();
        assertThat(c.listNames()).isNull();
        assertThat(c.getReplyCode()).isEqualTo(521);
        assertThat(c.storeFile("x.bin", new ByteArrayInputStream(new byte[1]))).isFalse();
        assertThat(c.getReplyCode()).isEqualTo(521);
        c.execPBSZ(0);
        assertThat(c.sendCommand("PROT", "C")).isEqualTo(534);
        c.execPROT("P");
        assertThat(c.storeFile("x.bin", new ByteArrayInputStream(new byte[] {42}))).as(c.getReplyString()).isTrue();
        assertThat(c.listNames()).containsExactly("x.bin");
        c.disconnect();
    }

    @Test
    void perUserPoliciesOverrideTheServer() throws Exception {
        start(Map.of());
        server.addUser("bob", "bob-password-1",
                u -> u.withTls(new UserTls(Optional.of(TlsPolicy.LOGIN), Optional.empty(), ClientCertLogin.PASSWORD)));
        server.addUser("carol", "carol-password-1",
                u -> u.withTls(new UserTls(Optional.of(TlsPolicy.ALL), Optional.empty(), ClientCertLogin.PASSWORD)));
        FTPClient plain = server.connect();
        assertThat(plain.sendCommand("USER", "bob")).isEqualTo(530);
        assertThat(plain.getReplyString()).contains("TLS required");
        assertThat(plain.login("alice", "alice-password-1")).as("alice inherits 'optional'").isTrue();
        plain.disconnect();

        FTPSClient c = tls();
        assertThat(c.login("carol", "carol-password-1")).isTrue();
        c.enterLocalPassiveMode();
        assertThat(c.listNames()).isNull();
        assertThat(c.getReplyCode()).isEqualTo(521);
        c.disconnect();
    }

    @Test
    void aServerWideRequirementCanBeRelaxedForOneUser() throws Exception {
        start(Map.of(Settings.TLS, "login"));
        server.addUser("legacy", "legacy-password-1",
                u -> u.withTls(new UserTls(Optional.of(TlsPolicy.OPTIONAL), Optional.empty(), ClientCertLogin.PASSWORD)));
        FTPClient plain = server.connect();
        assertThat(plain.login("legacy", "legacy-password-1")).as(plain.getReplyString()).isTrue();
        plain.disconnect();
    }
}
