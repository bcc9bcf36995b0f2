package dev.ferry.app.ftps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.app.testing.FtpsClients;
import dev.ferry.client.ftp.ReusingFtpsClient;
import dev.ferry.app.testing.TestServer;
import dev.ferry.core.config.Settings;
import dev.ferry.core.tls.CertificateFiles;
import dev.ferry.core.tls.SelfSignedCertificate;
import dev.ferry.core.tls.TlsReuse;
import dev.ferry.core.user.UserTls;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.apache.commons.net.ftp.FTPSClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PROT P transfers through the real server, and the data-connection session-reuse check. */
class FtpsTransferTest {

    @TempDir
    Path data;

    TestServer server;
    SSLContext trust;
    byte[] content;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(data, Map.of(Settings.FTPS_PORT, "0"));
        server.addUser("alice", "alice-password-1");
        // The self-signed certificate the server generated, read from its file, is the client's trust anchor.
        X509Certificate cert = CertificateFiles.readCertificates(SelfSignedCertificate.certFile(data)).getFirst();
        trust = FtpsClients.trusting(cert);
        content = new byte[3_000_000];
        new Random(7).nextBytes(content);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private FTPSClient reusing() throws Exception {
        return FtpsClients.loginPrivate(FtpsClients.explicit(server.ftpPort(), new ReusingFtpsClient(false, trust)),
                "alice", "alice-password-1");
    }

    @Test
    void sessionReusingClientUploadsListsAndDownloadsOverPrivateDataConnections() throws Exception {
        FTPSClient c = reusing();
        assertThat(c.storeFile("a.bin", new ByteArrayInputStream(content))).as(c.getReplyString()).isTrue();
        assertThat(Files.readAllBytes(data.resolve("home/alice/a.bin"))).isEqualTo(content);
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        assertThat(c.retrieveFile("a.bin", back)).as(c.getReplyString()).isTrue();
        assertThat(back.toByteArray()).isEqualTo(content);
        assertThat(c.listNames()).containsExactly("a.bin");
        assertThat(c.mlistDir()).extracting(f -> f.getName()).containsExactly("a.bin");
        // a resumed download over TLS
        c.setRestartOffset(1_000_000);
        back.reset();
        assertThat(c.retrieveFile("a.bin", back)).isTrue();
        assertThat(back.toByteArray()).isEqualTo(Arrays.copyOfRange(content, 1_000_000, content.length));
        c.logout();
        c.disconnect();
    }

    @Test
    void tls12ClientResumesBySessionId() throws Exception {
        ReusingFtpsClient client = new ReusingFtpsClient(false, trust);
        client.setEnabledProtocols(new String[] {"TLSv1.2"});
        FTPSClient c = FtpsClients.loginPrivate(FtpsClients.explicit(server.ftpPort(), client), "alice", "alice-password-1");
        assertThat(c.storeFile("b.bin", new ByteArrayInputStream(content))).as(c.getReplyString()).isTrue();
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        assertThat(c.retrieveFile("b.bin", back)).isTrue();
        assertThat(back.toByteArray()).isEqualTo(content);
        assertThat(c.sendCommand("STAT")).isEqualTo(211);
        assertThat(c.getReplyString()).contains("protected by TLSv1.2 TLS_ECDHE_ECDSA_WITH_AES_");
        c.disconnect();
    }

    @Test
    void implicitFtpsOnItsOwnPort() throws Exception {
        assertThat(server.console()).containsPattern("FTPS \\(implicit TLS\\) listening on 127\\.0\\.0\\.1:" + server.ftpsPort());
        FTPSClient c = FtpsClients.loginPrivate(FtpsClients.explicit(server.ftpsPort(), new ReusingFtpsClient(true, trust)),
                "alice", "alice-password-1");
        assertThat(c.storeFile("i.bin", new ByteArrayInputStream(content))).as(c.getReplyString()).isTrue();
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        assertThat(c.retrieveFile("i.bin", back)).isTrue();
        assertThat(back.toByteArray()).isEqualTo(content);
        assertThat(c.sendCommand("AUTH", "TLS")).isEqualTo(503);
        assertThat(c.features()).isTrue();
        assertThat(c.getReplyStrings()).as("no AUTH where it cannot work").noneMatch(l -> l.contains("AUTH"))
                .anyMatch(l -> l.trim().equals("PBSZ")).anyMatch(l -> l.trim().equals("PROT"));
        c.disconnect();
        // Without PBSZ and PROT, data connections are private there from the start.
        FTPSClient bare = FtpsClients.explicit(server.ftpsPort(), new ReusingFtpsClient(true, trust));
        assertThat(bare.login("alice", "alice-password-1")).isTrue();
        assertThat(bare.sendCommand("STAT")).isEqualTo(211);
        assertThat(bare.getReplyString()).contains("data connections: private (PROT P)");
        bare.disconnect();
    }

    @Test
    void stockClientWithFreshDataSessionIsRefusedUnderRequiredReuse() throws Exception {

        FTPSClient c = FtpsClients.loginPrivate(FtpsClients.explicit(server.ftpPort(), new FTPSClient(false, trust)),
                "alice", "alice-password-1");
        boolean stored;
        try {
            stored = c.storeFile("refused.bin", new ByteArrayInputStream(new byte[10]));
        } catch (java.io.IOException refusedMidWrite) {
            stored = false;
            c.getReply();
        }
        assertThat(stored).isFalse();
        assertThat(c.getReplyCode()).isEqualTo(522);
        assertThat(c.getReplyString()).contains("does not resume the control connection's");
        assertThat(data.resolve("home/alice/refused.bin")).as("a refused upload leaves no file, not even an empty one").doesNotExist();
        Files.write(data.resolve("home/alice/keep.bin"), content);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        assertThat(c.retrieveFile("keep.bin", got)).isFalse();
        assertThat(got.size()).as("no byte of the file leaves on a refused connection").isZero();
        assertThat(c.getReplyCode()).isEqualTo(522);
        // the session goes on
        assertThat(c.sendNoOp()).isTrue();
        c.disconnect();
    }

    @Test
    void stockClientWorksWhenTheUserMayNotResume() throws Exception {
        server.users().update(server.users().find("alice").orElseThrow()
                .withTls(new UserTls(Optional.empty(), Optional.of(TlsReuse.OPTIONAL), UserTls.INHERIT.clientCert())));
        FTPSClient c = FtpsClients.loginPrivate(FtpsClients.explicit(server.ftpPort(), new FTPSClient(false, trust)),
                "alice", "alice-password-1");
        assertThat(c.storeFile("s.bin", new ByteArrayInputStream(content))).as(c.getReplyString()).isTrue();
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        assertThat(c.retrieveFile("s.bin", back)).isTrue();
        assertThat(back.toByteArray()).isEqualTo(content);
        c.disconnect();
    }

    @Test
    void anotherClientsSessionCannotTakeTheDataConnection() throws Exception {
        Files.write(data.resolve("home/alice/secret.bin"), content);
        server.addUser("mallory", "mallory-password-1");
        FTPSClient victim = reusing();
        FTPSClient thief = FtpsClients.loginPrivate(FtpsClients.explicit(server.ftpPort(), new ReusingFtpsClient(false, trust)),
                "mallory", "mallory-password-1");
        assertThat(thief.listNames()).isEmpty(); // the thief's own session is resumable and cached now

        assertThat(victim.sendCommand("EPSV")).isEqualTo(229);
        Matcher m = Pattern.compile("\\|\\|\\|(\\d+)\\|").matcher(victim.getReplyString());
        assertThat(m.find()).isTrue();
        int dataPort = Integer.parseInt(m.group(1));
        // The thief, from the same address (NAT), reaches the passive port first and resumes ITS OWN session.
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress("127.0.0.1", dataPort), 5000);
            assertThat(victim.sendCommand("RETR", "secret.bin")).isEqualTo(150);
            SSLSocket tls = FtpsClients.resumingLayer(trust, plain, thief.getRemotePort());
            byte[] got;
            try {
                tls.startHandshake();
                got = tls.getInputStream().readNBytes(content.length);
            } catch (java.io.IOException closedByServer) {
                got = new byte[0];
            }
            assertThat(got.length).as("no file bytes reach the thief").isZero();
        }
        assertThat(victim.getReply()).isEqualTo(522);
        victim.disconnect();
        thief.disconnect();
    }

    @Test
    void aborWorksOnAPrivateTransfer() throws Exception {
        byte[] big = new byte[64 * 1024 * 1024];
        Files.write(data.resolve("home/alice/big.bin"), big);
        FTPSClient c = reusing();
        InputStream in = c.retrieveFileStream("big.bin");
        assertThat(in).as(c.getReplyString()).isNotNull();
        assertThat(in.readNBytes(100_000)).hasSize(100_000);
        assertThat(c.sendCommand("STAT")).isEqualTo(213);
        assertThat(c.getReplyString()).contains("Sending /big.bin");
        // RFC 959: the transfer's own 426 first, then 226 for ABOR
        assertThat(c.sendCommand("ABOR")).isEqualTo(426);
        assertThat(c.getReply()).isEqualTo(226);
        in.close();
        assertThat(c.sendNoOp()).isTrue();
        assertThat(c.listNames()).contains("big.bin");
        c.disconnect();
    }
}
