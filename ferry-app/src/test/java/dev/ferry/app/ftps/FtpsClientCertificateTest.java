package dev.ferry.app.ftps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.app.testing.FtpsClients;
import dev.ferry.client.ftp.ReusingFtpsClient;
import dev.ferry.app.testing.TestCertificates;
import dev.ferry.app.testing.TestServer;
import dev.ferry.core.config.Settings;
import dev.ferry.core.tls.ClientCertLogin;
import dev.ferry.core.user.UserTls;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.apache.commons.net.ftp.FTPSClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Client certificates (mutual TLS) that stand in for, or add to, the password. */
class FtpsClientCertificateTest {

    @TempDir
    Path data;

    TestServer server;
    TestCertificates.Issued ca;
    X509Certificate serverCert;

    @BeforeEach
    void start() throws Exception {
        ca = TestCertificates.ca("Ferry test client CA");
        Path caFile = TestCertificates.writePem(data.resolve("conf/client-ca.pem"), ca.certificate());
        server = TestServer.start(data, Map.of(Settings.TLS_CLIENT_CA, caFile.toString()));
        serverCert = server.server().tls().orElseThrow().keys().material().certificate();
        server.addUser("alice", "alice-password-1", u -> u.withTls(tls(ClientCertLogin.CERT_OR_PASSWORD)));
        server.addUser("bob", "bob-password-1", u -> u.withTls(tls(ClientCertLogin.CERT_AND_PASSWORD)));
        server.addUser("carol", "carol-password-1");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static UserTls tls(ClientCertLogin mode) {
        return new UserTls(Optional.empty(), Optional.empty(), mode);
    }

    private FTPSClient connect(TestCertificates.Issued clientCert) throws Exception {
        SSLContext ctx = clientCert == null ? FtpsClients.trusting(serverCert)
                : FtpsClients.withClientCertificate(serverCert, clientCert.key(), clientCert.certificate(), ca.certificate());
        return FtpsClients.explicit(server.ftpPort(), new ReusingFtpsClient(false, ctx));
    }

    @Test
    void aCertificateNamingTheUserStandsInForThePassword() throws Exception {
        FTPSClient c = connect(TestCertificates.issue(ca, "alice"));
        assertThat(c.sendCommand("USER", "alice")).isEqualTo(232);
        assertThat(c.getReplyString()).contains("authorized by client certificate");
        assertThat(c.printWorkingDirectory()).isEqualTo("/");
        c.execPBSZ(0);
        c.execPROT("P");
        c.enterLocalPassiveMode();
        assertThat(c.listNames()).as("data connections resume the mutual-TLS session").isEmpty();
        assertThat(c.getReplyCode()).isEqualTo(226);
        c.disconnect();
        // Without a certificate the password still works for cert-or-password.
        FTPSClient p = connect(null);
        assertThat(p.login("alice", "alice-password-1")).isTrue();
        p.disconnect();
    }

    @Test
    void aCertificateForSomeoneElseOrAPasswordOnlyAccountIsNoLogin() throws Exception {
        FTPSClient c = connect(TestCertificates.issue(ca, "alice"));
        assertThat(c.sendCommand("USER", "carol")).as("carol's account takes passwords only").isEqualTo(331);
        assertThat(c.sendCommand("PASS", "wrong")).isEqualTo(530);
        c.disconnect();
        FTPSClient m = connect(TestCertificates.issue(ca, "mallory"));
        assertThat(m.sendCommand("USER", "alice")).as("a certificate naming another user").isEqualTo(331);
        m.disconnect();
    }

    @Test
    void certAndPasswordNeedsBoth() throws Exception {
        FTPSClient none = connect(null);
        assertThat(none.login("bob", "bob-password-1")).as("password alone").isFalse();
        assertThat(none.getReplyCode()).isEqualTo(530);
        none.disconnect();
        FTPSClient wrongName = connect(TestCertificates.issue(ca, "alice"));
        assertThat(wrongName.login("bob", "bob-password-1")).as("someone else's certificate").isFalse();
        wrongName.disconnect();
        FTPSClient both = connect(TestCertificates.issue(ca, "bob"));
        assertThat(both.sendCommand("USER", "bob")).as("the certificate alone is not enough").isEqualTo(331);
        assertThat(both.sendCommand("PASS", "wrong-password")).isEqualTo(530);
        both.disconnect();
        FTPSClient ok = connect(TestCertificates.issue(ca, "bob"));
        assertThat(ok.login("bob", "bob-password-1")).as(ok.getReplyString()).isTrue();
        ok.disconnect();
    }

    @Test
    void aCertificateFromAnUntrustedIssuerLogsNobodyIn() throws Exception {
        TestCertificates.Issued otherCa = TestCertificates.ca("Someone else's CA");
        TestCertificates.Issued forged = TestCertificates.issue(otherCa, "alice");
        SSLContext ctx = FtpsClients.withClientCertificate(serverCert, forged.key(), forged.certificate(), otherCa.certificate());
        FTPSClient c = FtpsClients.explicit(server.ftpPort(), new ReusingFtpsClient(false, ctx));
        assertThat(c.sendCommand("USER", "alice")).as("no certificate login without a trusted issuer").isEqualTo(331);
        c.disconnect();
    }
}
