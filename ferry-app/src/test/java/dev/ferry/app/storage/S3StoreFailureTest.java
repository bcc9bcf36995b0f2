package dev.ferry.app.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.app.testing.TestServer;
import dev.ferry.core.config.Setting;
import dev.ferry.core.config.Settings;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An upload that the bucket does not take when it ends is a 451, never a 226 for a file that is not there. */
class S3StoreFailureTest {

    @TempDir
    Path data;

    @Test
    void aStoreThatFailsAtTheEndOfAnUploadIsReportedAsAFailure() throws Exception {
        BlobStoreContext context = ContextBuilder.newBuilder("transient").credentials("id", "secret").build(BlobStoreContext.class);
        context.getBlobStore().createContainerInLocation(null, "ferry-b");
        S3Proxy proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "id", "secret").build();
        proxy.start();
        for (int i = 0; i < 500 && !"STARTED".equals(proxy.getState()); i++) {
            Thread.sleep(10);
        }
        Map<Setting<?>, String> settings = Map.of(Settings.STORAGE, "s3://ferry-b", Settings.S3_ENDPOINT,
                "http://127.0.0.1:" + proxy.getPort(), Settings.S3_ACCESS_KEY, "id", Settings.S3_SECRET_KEY, "secret");
        try (TestServer node = TestServer.start(data, settings)) {
            node.addUser("alice", "alice-password-1");
            FTPClient c = node.login("alice", "alice-password-1");
            try {
                c.setFileType(FTP.BINARY_FILE_TYPE);
                c.enterLocalPassiveMode();
                OutputStream out = c.storeFileStream("lost.bin");
                assertThat(out).as(c.getReplyString()).isNotNull();
                proxy.stop(); // the bucket goes away while the bytes arrive
                out.write(new byte[100_000]);
                out.close();
                assertThat(c.completePendingCommand()).isFalse();
                assertThat(c.getReplyCode()).as(c.getReplyString()).isEqualTo(451);
            } finally {
                c.disconnect();
            }
        } finally {
            if (!"STOPPED".equals(proxy.getState())) {
                proxy.stop();
            }
        }
    }
}
