package dev.ferry.app.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.app.testing.SshClients;
import dev.ferry.app.testing.TestServer;
import dev.ferry.core.config.Setting;
import dev.ferry.core.config.Settings;
import dev.ferry.core.user.User;
import dev.ferry.core.user.UserLimits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.apache.sshd.sftp.client.SftpClient;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Users' files in a bucket: two Ferry nodes on one S3-compatible store (s3proxy on loopback, a
 * real S3 API over HTTP with SigV4), FTP and SFTP through the real servers, and the objects
 * checked in the bucket itself.
 */
class S3StorageTest {

    private static final String BUCKET = "ferry-test";
    private static final String KEY_ID = "test-access-key";
    private static final String SECRET = "test-secret-key-0123456789";

    @TempDir
    static Path tmp;

    static {
        try {
            tmp = Files.createTempDirectory("s3test");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static S3Proxy proxy;
    static S3Client s3;
    static TestServer nodeA;
    static TestServer nodeB;

    @BeforeAll
    static void start() throws Exception {
        // jclouds' in-memory store: flat keys, as S3 keeps them (its filesystem store makes real
        // directories of prefixes, which S3 does not).
        BlobStoreContext context = ContextBuilder.newBuilder("transient").credentials(KEY_ID, SECRET)
                .build(BlobStoreContext.class);
        proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, KEY_ID, SECRET).build();
        proxy.start();
        for (int i = 0; i < 500 && !"STARTED".equals(proxy.getState()); i++) {
            Thread.sleep(10);
        }
        URI endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        s3 = S3Client.builder().endpointOverride(endpoint).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET)))
                .httpClient(UrlConnectionHttpClient.create())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
        s3.createBucket(b -> b.bucket(BUCKET));
        Map<Setting<?>, String> settings = Map.of(Settings.STORAGE, "s3://" + BUCKET + "/homes",
                Settings.S3_ENDPOINT, endpoint.toString(), Settings.S3_ACCESS_KEY, KEY_ID, Settings.S3_SECRET_KEY, SECRET,
                Settings.SFTP_PORT, "0");
        nodeA = TestServer.start(Files.createDirectories(tmp.resolve("a")), settings);
        nodeB = TestServer.start(Files.createDirectories(tmp.resolve("b")), settings);
        for (TestServer n : List.of(nodeA, nodeB)) {
            n.addUser("alice", "alice-password-1");
            n.addUser("quinn", "quinn-password-1", u -> new User(u.name(), u.passwordHash(), u.home(), u.permissions(),
                    new UserLimits(1024 * 1024, 0, 0, 0, 0, List.of(), List.of()), false, u.expires()));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (TestServer n : new TestServer[] {nodeA, nodeB}) {
            if (n != null) {
                n.close();
            }
        }
        if (s3 != null) {
            s3.close();
        }
        if (proxy != null) {
            proxy.stop();
        }
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static List<String> keys(String prefix) {
        List<String> out = new ArrayList<>();
        for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents()) {
            out.add(o.key());
        }
        return out;
    }

    static byte[] object(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
    }

    static FTPClient ftp(TestServer node, String user, String password) throws Exception {
        FTPClient c = node.login(user, password);
        c.setFileType(FTP.BINARY_FILE_TYPE);
        c.enterLocalPassiveMode();
        return c;
    }

    static byte[] retrieve(FTPClient c, String path) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(c.retrieveFile(path, out)).as(c.getReplyString()).isTrue();
        return out.toByteArray();
    }

    @Test
    void ftpOnOneNodeIsObjectsInTheBucketAndTheOtherNodeServesThem() throws Exception {
        byte[] data = random(3_000_000, 1);
        FTPClient a = ftp(nodeA, "alice", "alice-password-1");
        try {
            assertThat(a.makeDirectory("docs")).isTrue();
            assertThat(a.storeFile("docs/report.bin", new ByteArrayInputStream(data))).as(a.getReplyString()).isTrue();
            assertThat(a.getReplyCode()).isEqualTo(226);
        } finally {
            a.disconnect();
        }
        assertThat(keys("homes/alice/")).contains("homes/alice/docs/", "homes/alice/docs/report.bin");
        assertThat(object("homes/alice/docs/report.bin")).isEqualTo(data);

        FTPClient b = ftp(nodeB, "alice", "alice-password-1");
        try {
            FTPFile[] listed = b.mlistDir("docs");
            assertThat(listed).extracting(FTPFile::getName).containsExactly("report.bin");
            assertThat(listed[0].getSize()).isEqualTo(data.length);
            assertThat(retrieve(b, "docs/report.bin")).isEqualTo(data);
            // REST: the second half only, from a ranged GET.
            b.setRestartOffset(2_000_000);
            assertThat(retrieve(b, "docs/report.bin")).isEqualTo(Arrays.copyOfRange(data, 2_000_000, data.length));
            assertThat(b.sendCommand("SIZE", "docs/report.bin")).isEqualTo(213);
            assertThat(b.rename("docs/report.bin", "docs/final.bin")).isTrue();
            assertThat(b.rename("docs", "archive")).as("a directory: every object under it moves").isTrue();
            assertThat(b.listNames("archive")).containsExactly("final.bin");
            assertThat(b.removeDirectory("archive")).as("not empty").isFalse();
            assertThat(b.getReplyCode()).isEqualTo(550);
            assertThat(b.deleteFile("archive/final.bin")).isTrue();
            assertThat(b.removeDirectory("archive")).isTrue();
            assertThat(b.retrieveFile("nope.bin", new ByteArrayOutputStream())).isFalse();
            assertThat(b.getReplyCode()).isEqualTo(550);
            assertThat(b.changeWorkingDirectory("/../../other-user")).isFalse();
        } finally {
            b.disconnect();
        }
        assertThat(keys("homes/alice/")).isEmpty();
    }

    @Test
    void anInterruptedUploadResumesWithRestAndAppendsWithAppe() throws Exception {
        byte[] data = random(1_500_000, 2);
        FTPClient c = ftp(nodeA, "alice", "alice-password-1");
        try {
            assertThat(c.storeFile("part.bin", new ByteArrayInputStream(Arrays.copyOf(data, 600_000)))).isTrue();
            c.setRestartOffset(600_000);
            assertThat(c.storeFile("part.bin", new ByteArrayInputStream(Arrays.copyOfRange(data, 600_000, data.length))))
                    .as(c.getReplyString()).isTrue();
            assertThat(object("homes/alice/part.bin")).isEqualTo(data);
            assertThat(c.appendFile("part.bin", new ByteArrayInputStream("tail".getBytes()))).isTrue();
            assertThat(object("homes/alice/part.bin")).hasSize(data.length + 4);
            assertThat(c.sendCommand("HASH", "part.bin")).as("the server hashes an object too").isEqualTo(213);
            assertThat(c.deleteFile("part.bin")).isTrue();
        } finally {
            c.disconnect();
        }
    }

    @Test
    void sftpWorksOnTheSameObjects() throws Exception {
        byte[] data = random(700_000, 3);
        try (SshClients ssh = SshClients.forServer(nodeB); SftpClient c = ssh.sftp("alice", "alice-password-1")) {
            c.mkdir("up");
            try (OutputStream out = c.write("up/s.bin")) {
                out.write(data);
            }
            assertThat(object("homes/alice/up/s.bin")).isEqualTo(data);
            try (InputStream in = c.read("up/s.bin")) {
                assertThat(in.readAllBytes()).isEqualTo(data);
            }
            List<String> names = new ArrayList<>();
            c.readDir("up").forEach(e -> names.add(e.getFilename()));
            assertThat(names).contains("s.bin");
            assertThat(c.stat("up/s.bin").getSize()).isEqualTo(data.length);
            c.rename("up/s.bin", "up/t.bin");
            c.remove("up/t.bin");
            c.rmdir("up");
        }
        assertThat(keys("homes/alice/up")).isEmpty();
    }

    @Test
    void theQuotaHoldsAndTheBytesWithinItAreStored() throws Exception {
        FTPClient c = ftp(nodeA, "quinn", "quinn-password-1");
        try {
            assertThat(c.storeFile("big.bin", new ByteArrayInputStream(random(2 * 1024 * 1024, 4)))).isFalse();
            assertThat(c.getReplyCode()).isEqualTo(552);
        } finally {
            c.disconnect();
        }
        assertThat(object("homes/quinn/big.bin")).hasSize(1024 * 1024);
    }
}
