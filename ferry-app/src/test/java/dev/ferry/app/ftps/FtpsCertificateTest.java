package dev.ferry.app.ftps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.app.testing.TestCertificates;
import dev.ferry.app.testing.TestServer;
import dev.ferry.core.config.Settings;
import dev.ferry.core.tls.Fingerprints;
import dev.ferry.core.tls.SelfSignedCertificate;
import dev.ferry.core.tls.TlsConfigException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the server's certificate comes from, what it negotiates, and reloading a changed certificate. */
class FtpsCertificateTest {

    @TempDir
    Path data;

    /** The certificate the server presents after AUTH TLS on {@code port} (any certificate accepted). */
    static X509Certificate presented(int port, String protocol, String... suites) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            line(in);
            out.write("AUTH TLS\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(line(in)).startsWith("234");
            SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(s, "127.0.0.1", port, true);
            tls.setEnabledProtocols(new String[] {protocol});
            if (suites.length > 0) {
                tls.setEnabledCipherSuites(suites);
            }
            tls.startHandshake();
            return (X509Certificate) tls.getSession().getPeerCertificates()[0];
        }
    }

    private static String line(InputStream in) throws java.io.IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            b.append((char) c);
        }
        return b.toString();
    }

    @Test
    void selfSignedCertificateIsGeneratedOnceKeptAndItsFingerprintPrinted() throws Exception {
        String fingerprint;
        try (TestServer server = TestServer.start(data)) {
            X509Certificate cert = presented(server.ftpPort(), "TLSv1.3");
            fingerprint = Fingerprints.sha256(cert);
            assertThat(server.console()).contains("self-signed, generated now")
                    .contains("TLS certificate SHA-256 fingerprint: " + fingerprint);
            assertThat(fingerprint).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
            assertThat(cert.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList())
                    .contains("127.0.0.1", "localhost");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(SelfSignedCertificate.keyFile(data))))
                    .isEqualTo("rw-------");
        }
        try (TestServer again = TestServer.start(data)) {
            assertThat(Fingerprints.sha256(presented(again.ftpPort(), "TLSv1.3"))).isEqualTo(fingerprint);
            assertThat(again.console()).doesNotContain("generated now").contains(fingerprint);
        }
    }

    @Test
    void pemCertificateWithSeparateRsaKeyFromConfig() throws Exception {
        var issued = TestCertificates.selfSigned("ftp.example.test", TestCertificates.rsaKey());
        Path cert = TestCertificates.writePem(data.resolve("conf/cert.pem"), issued.certificate());
        // traditional "BEGIN RSA PRIVATE KEY" form
        Path key = TestCertificates.writePem(data.resolve("conf/key.pem"), issued.keys());
        try (TestServer server = TestServer.start(data, Map.of(Settings.TLS_CERT, cert.toString(), Settings.TLS_KEY, key.toString()))) {
            X509Certificate seen = presented(server.ftpPort(), "TLSv1.2");
            assertThat(seen).isEqualTo(issued.certificate());
            assertThat(server.console()).contains(Fingerprints.sha256(issued.certificate()));
        }
        assertThat(SelfSignedCertificate.certFile(data)).as("no self-signed certificate when one is configured").doesNotExist();
    }

    @Test
    void pemCertificateAndKeyInOneFile() throws Exception {
        var issued = TestCertificates.selfSigned("one-file.test", TestCertificates.ecKey());
        Path both = TestCertificates.writePem(data.resolve("conf/both.pem"), issued.certificate(),
                new JcaPKCS8Generator(issued.key(), null));
        try (TestServer server = TestServer.start(data, Map.of(Settings.TLS_CERT, both.toString()))) {
            assertThat(presented(server.ftpPort(), "TLSv1.3")).isEqualTo(issued.certificate());
        }
    }

    @Test
    void pkcs12KeystoreFromConfig() throws Exception {
        var issued = TestCertificates.selfSigned("p12.test", TestCertificates.ecKey());
        Path p12 = TestCertificates.writePkcs12(data.resolve("conf/server.p12"), issued, "store-secret");
        try (TestServer server = TestServer.start(data, Map.of(Settings.TLS_KEYSTORE, p12.toString(),
                Settings.TLS_KEYSTORE_PASSWORD, "store-secret"))) {
            assertThat(presented(server.ftpPort(), "TLSv1.3")).isEqualTo(issued.certificate());
        }
        assertThatThrownBy(() -> TestServer.start(data, Map.of(Settings.TLS_KEYSTORE, p12.toString(),
                Settings.TLS_KEYSTORE_PASSWORD, "wrong"))).isInstanceOf(TlsConfigException.class)
                .hasMessageContaining("wrong --tls-keystore-password?");
    }

    @Test
    void changedCertificateFilesAreUsedByTheNextConnectionAndBrokenOnesIgnored() throws Exception {
        var first = TestCertificates.selfSigned("first.test", TestCertificates.ecKey());
        var second = TestCertificates.selfSigned("second.test", TestCertificates.ecKey());
        Path cert = TestCertificates.writePem(data.resolve("conf/cert.pem"), first.certificate());
        Path key = TestCertificates.writePem(data.resolve("conf/key.pem"), new JcaPKCS8Generator(first.key(), null));
        try (TestServer server = TestServer.start(data, Map.of(Settings.TLS_CERT, cert.toString(), Settings.TLS_KEY, key.toString()))) {
            assertThat(presented(server.ftpPort(), "TLSv1.3")).isEqualTo(first.certificate());

            // A half-written renewal (certificate of the new key, key still old) is refused; the old pair stays.
            TestCertificates.writePem(cert, second.certificate());
            touch(cert, 5);
            Thread.sleep(1100);
            assertThat(presented(server.ftpPort(), "TLSv1.3")).isEqualTo(first.certificate());

            TestCertificates.writePem(key, new JcaPKCS8Generator(second.key(), null));
            touch(key, 10);
            X509Certificate seen = null;
            for (int i = 0; i < 50; i++) {
                seen = presented(server.ftpPort(), "TLSv1.3");
                if (seen.equals(second.certificate())) {
                    break;
                }
                Thread.sleep(200);
            }
            assertThat(seen).as("the renewed certificate is served without a restart").isEqualTo(second.certificate());
        }
    }

    private static void touch(Path file, int secondsAhead) throws java.io.IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(secondsAhead)));
    }

    @Test
    void unusableCertificateSettingsStopTheStartWithAClearMessage() throws Exception {
        var a = TestCertificates.selfSigned("a.test", TestCertificates.ecKey());
        var b = TestCertificates.selfSigned("b.test", TestCertificates.ecKey());
        Path cert = TestCertificates.writePem(data.resolve("conf/a.pem"), a.certificate());
        Path wrongKey = TestCertificates.writePem(data.resolve("conf/b.key"), new JcaPKCS8Generator(b.key(), null));
        assertThatThrownBy(() -> TestServer.start(data, Map.of(Settings.TLS_CERT, cert.toString(), Settings.TLS_KEY, wrongKey.toString())))
                .isInstanceOf(TlsConfigException.class).hasMessageContaining("does not match the certificate");
        assertThatThrownBy(() -> TestServer.start(data, Map.of(Settings.TLS_KEY, wrongKey.toString())))
                .isInstanceOf(TlsConfigException.class).hasMessageContaining("--tls-key needs --tls-cert");
        assertThatThrownBy(() -> TestServer.start(data, Map.of(Settings.TLS_CERT, data.resolve("missing.pem").toString())))
                .isInstanceOf(TlsConfigException.class).hasMessageContaining("missing.pem");
        var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(org.bouncycastle.openssl.PKCS8Generator.AES_256_CBC)
                .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).setPassword("pw".toCharArray()).build();
        Path encrypted = TestCertificates.writePem(data.resolve("conf/enc.key"), new JcaPKCS8Generator(a.key(), encryptor));
        assertThatThrownBy(() -> TestServer.start(data, Map.of(Settings.TLS_CERT, cert.toString(), Settings.TLS_KEY, encrypted.toString())))
                .isInstanceOf(TlsConfigException.class).hasMessageContaining("encrypted");
    }

    @Test
    void onlyModernProtocolsAndAeadSuitesAreNegotiated() throws Exception {
        try (TestServer server = TestServer.start(data)) {
            assertThat(presented(server.ftpPort(), "TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384")).isNotNull();
            assertThat(presented(server.ftpPort(), "TLSv1.2", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256")).isNotNull();
            assertThatThrownBy(() -> presented(server.ftpPort(), "TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"))
                    .as("CBC suites are not offered").isInstanceOf(SSLHandshakeException.class);
        }
    }
}
