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
        Path mirror = Files.createDirectories(tmp.resolve("mirror"));
        Files.writeString(mirror.resolve("README.mirror"), "public");
        Map<Setting<?>, String> settings = Map.of(Settings.STORAGE, "s3://" + BUCKET + "/homes",
                Settings.S3_ENDPOINT, endpoint.toString(), Settings.S3_ACCESS_KEY, KEY_ID, Settings.S3_SECRET_KEY, SECRET,
                Settings.SFTP_PORT, "0", Settings.ANONYMOUS, mirror.toString());
        nodeA = TestServer.start(Files.createDirectories(tmp.resolve("a")), settings);
        nodeB = TestServer.start(Files.createDirectories(tmp.resolve("b")), settings);
        for (TestServer n : List.of(nodeA, nodeB)) {
            n.addUser("alice", "alice-password-1");
            for (String quota : List.of("quinn", "rita", "sam")) {
                long bytes = quota.equals("sam") ? 10 * 1024 * 1024 : 1024 * 1024;
                n.addUser(quota, quota + "-password-1", u -> new User(u.name(), u.passwordHash(), u.home(), u.permissions(),
                        new UserLimits(bytes, 0, 0, 0, 0, List.of(), List.of()), false, u.expires()));
            }
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
            OutputStream out = c.storeFileStream("big.bin");
            try {
                out.write(random(2 * 1024 * 1024, 4));
                out.close();
            } catch (java.io.IOException cutOff) {
                // the server closes the data connection at the quota, perhaps while we still send
            }
            assertThat(c.completePendingCommand()).isFalse();
            assertThat(c.getReplyCode()).isEqualTo(552);
        } finally {
            c.disconnect();
        }
        assertThat(object("homes/quinn/big.bin")).hasSize(1024 * 1024);
    }

    static long bucketBytes(String prefix) {
        long n = 0;
        for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents()) {
            n += o.size();
        }
        return n;
    }

    @Test
    void aMadeDirectoryIsListedInItsParent() throws Exception {
        FTPClient c = ftp(nodeA, "alice", "alice-password-1");
        try {
            assertThat(c.makeDirectory("listed")).isTrue();
            assertThat(c.mlistDir("/")).filteredOn(f -> f.getName().equals("listed")).singleElement()
                    .satisfies(f -> assertThat(f.isDirectory()).isTrue());
            assertThat(c.listNames("/")).contains("listed");
            assertThat(c.removeDirectory("listed")).isTrue();
        } finally {
            c.disconnect();
        }
    }

    @Test
    void renamingAFileAwayWhileItIsRewrittenDoesNotGetPastTheQuota() throws Exception {
        // The old object stays in the bucket until the new one is stored: it is never counted as gone.
        try (SshClients ssh = SshClients.forServer(nodeA); SftpClient c = ssh.sftp("rita", "rita-password-1")) {
            try (OutputStream out = c.write("f0.bin")) {
                out.write(random(900_000, 6));
            }
            for (int i = 0; i < 3; i++) {
                try (OutputStream out = c.write("f0.bin")) { // WRITE|CREAT|TRUNC
                    c.rename("f0.bin", "k" + i + ".bin");
                    out.write(random(900_000, 7 + i));
                } catch (java.io.IOException quotaStop) {
                    // the write stops at the quota
                }
            }
        }
        assertThat(bucketBytes("homes/rita/")).isLessThanOrEqualTo(1024 * 1024);
        var usage = nodeA.users().usage("rita").orElseThrow();
        assertThat(usage.bytes()).as("the usage figure is what the bucket holds").isEqualTo(bucketBytes("homes/rita/"));
        assertThat(usage.files()).isEqualTo(keys("homes/rita/").size());
    }

    @Test
    void twoUploadsOfOneNewNameCountOneFile() throws Exception {
        FTPClient one = ftp(nodeA, "sam", "sam-password-1");
        FTPClient two = ftp(nodeA, "sam", "sam-password-1");
        try {
            OutputStream a = one.storeFileStream("same.bin");
            OutputStream b = two.storeFileStream("same.bin");
            a.write(new byte[100_000]);
            b.write(new byte[150_000]);
            a.close();
            assertThat(one.completePendingCommand()).isTrue();
            b.close();
            assertThat(two.completePendingCommand()).isTrue();
            assertThat(object("homes/sam/same.bin")).hasSize(150_000);
            var usage = nodeA.users().usage("sam").orElseThrow();
            assertThat(usage.bytes()).as("one object, counted once").isEqualTo(150_000);
            assertThat(usage.files()).isEqualTo(1);
            assertThat(one.deleteFile("same.bin")).isTrue();
            assertThat(nodeA.users().usage("sam").orElseThrow().files()).isZero();
        } finally {
            one.disconnect();
            two.disconnect();
        }
    }

    @Test
    void aFileBeingWrittenCanBeStatedAndAnOpenThatOnlyReadsStoresNothing() throws Exception {
        try (SshClients ssh = SshClients.forServer(nodeA); SftpClient c = ssh.sftp("alice", "alice-password-1")) {
            try (SftpClient.CloseableHandle h = c.open("growing.bin", SftpClient.OpenMode.Write, SftpClient.OpenMode.Create)) {
                c.write(h, 0, new byte[5000], 0, 5000);
                assertThat(c.stat(h).getSize()).as("fstat of an upload in progress").isEqualTo(5000);
                assertThat(c.stat("growing.bin").getSize()).isEqualTo(5000);
            }
            var stored = s3.headObject(b -> b.bucket(BUCKET).key("homes/alice/growing.bin")).lastModified();
            Thread.sleep(1100); // the store's clock ticks in seconds
            try (SftpClient.CloseableHandle h = c.open("growing.bin", SftpClient.OpenMode.Read, SftpClient.OpenMode.Write)) {
                byte[] ten = new byte[10];
                assertThat(c.read(h, 0, ten, 0, 10)).isEqualTo(10);
            }
            assertThat(s3.headObject(b -> b.bucket(BUCKET).key("homes/alice/growing.bin")).lastModified())
                    .as("not stored again").isEqualTo(stored);
            c.remove("growing.bin");
        }
    }

    @Test
    void anonymousFtpServesItsLocalDirectoryNeverAPrefixOfTheBucket() throws Exception {
        s3.putObject(b -> b.bucket(BUCKET).key("homes/anonymous/private.txt"),
                software.amazon.awssdk.core.sync.RequestBody.fromString("a real account's file"));
        FTPClient c = ftp(nodeA, "anonymous", "guest@example.com");
        try {
            assertThat(c.listNames()).containsExactly("README.mirror");
            assertThat(retrieve(c, "README.mirror")).asString().isEqualTo("public");
        } finally {
            c.disconnect();
            s3.deleteObject(b -> b.bucket(BUCKET).key("homes/anonymous/private.txt"));
        }
    }

    @Test
    void aLargeUploadIsStoredInPartsAndRenamedByAPartCopy() throws Exception {
        int size = 300 * 1024 * 1024; // above the single-PUT limit of 256 MiB
        FTPClient c = ftp(nodeA, "alice", "alice-password-1");
        try {
            OutputStream out = c.storeFileStream("large.bin");
            byte[] chunk = new byte[1024 * 1024];
            for (int i = 0; i < size / chunk.length; i++) {
                java.util.Arrays.fill(chunk, (byte) i);
                out.write(chunk);
            }
            out.close();
            assertThat(c.completePendingCommand()).as(c.getReplyString()).isTrue();
            assertThat(s3.headObject(b -> b.bucket(BUCKET).key("homes/alice/large.bin")).contentLength()).isEqualTo(size);
            assertThat(c.rename("large.bin", "moved.bin")).as(c.getReplyString()).isTrue();
            var range = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("homes/alice/moved.bin").range("bytes=299999999-300000000"));
            assertThat(range.asByteArray()).containsExactly((byte) (299_999_999 / chunk.length), (byte) (300_000_000 / chunk.length));
            assertThat(c.deleteFile("moved.bin")).isTrue();
        } finally {
            c.disconnect();
        }
        assertThat(keys("homes/alice/large")).isEmpty();
        assertThat(s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads()).as("no parts left behind").isEmpty();
    }
}
