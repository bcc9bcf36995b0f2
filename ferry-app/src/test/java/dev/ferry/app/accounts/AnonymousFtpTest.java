package dev.ferry.app.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.app.testing.TestServer;
import dev.ferry.core.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Anonymous FTP as public mirrors use it: off by default, read-only, an optional upload-only directory. */
class AnonymousFtpTest {

    @TempDir
    Path data;
    @TempDir
    Path mirror;

    private static final byte[] ISO = Ftp.randomBytes(50_000, 9);

    @Test
    void offByDefault() throws Exception {
        try (TestServer server = TestServer.start(data)) {
            for (String name : new String[] {"anonymous", "ftp"}) {
                FTPClient c = server.connect();
                assertThat(c.login(name, "me@example.com")).as(name).isFalse();
                assertThat(c.getReplyCode()).isEqualTo(530);
                c.disconnect();
            }
        }
    }

    @Test
    void anyPasswordGetsTheDirectoryReadOnly() throws Exception {
        Files.createDirectories(mirror.resolve("pub"));
        Files.write(mirror.resolve("pub/debian.iso"), ISO);
        try (TestServer server = TestServer.start(data, Map.of(Settings.ANONYMOUS, mirror.toString()))) {
            FTPClient c = server.login("anonymous", "me@example.com");
            try {
                assertThat(c.listNames("pub")).singleElement().satisfies(n -> assertThat(n).endsWith("debian.iso"));
                assertThat(Ftp.download(c, "pub/debian.iso")).isEqualTo(ISO);
                assertThat(Ftp.upload(c, "pub/evil.bin", ISO)).isEqualTo(550);
                assertThat(c.deleteFile("pub/debian.iso")).isFalse();
                assertThat(c.makeDirectory("new")).isFalse();
                assertThat(c.rename("pub/debian.iso", "x.iso")).isFalse();
            } finally {
                c.disconnect();
            }
            FTPClient f = server.login("FTP", "");
            assertThat(f.listNames()).contains("pub");
            f.disconnect();
            assertThat(Files.readAllBytes(mirror.resolve("pub/debian.iso"))).isEqualTo(ISO);
            try (var files = Files.walk(mirror)) {
                assertThat(files.count()).as("nothing added").isEqualTo(3);
            }
        }
    }

    @Test
    void theUploadDirectoryTakesNewFilesAndGivesNothingBack() throws Exception {
        try (TestServer server = TestServer.start(data, Map.of(Settings.ANONYMOUS, mirror.toString(),
                Settings.ANONYMOUS_UPLOAD, "incoming"))) {
            assertThat(Files.isDirectory(mirror.resolve("incoming"))).as("created at start").isTrue();
            FTPClient c = server.login("anonymous", "guest@example.com");
            try {
                assertThat(Ftp.upload(c, "incoming/report.bin", ISO)).isEqualTo(226);
                assertThat(Files.readAllBytes(mirror.resolve("incoming/report.bin"))).isEqualTo(ISO);
                assertThat(c.listNames("incoming")).as("no listing: not a file exchange").isNull();
                assertThat(c.getReplyCode()).isEqualTo(550);
                assertThat(Ftp.download(c, "incoming/report.bin")).isNull();
                assertThat(c.getReplyCode()).isEqualTo(550);
                assertThat(Ftp.upload(c, "incoming/report.bin", new byte[10])).as("no overwrite").isEqualTo(550);
                assertThat(c.deleteFile("incoming/report.bin")).isFalse();
                assertThat(Ftp.upload(c, "elsewhere.bin", ISO)).as("only there").isEqualTo(550);
            } finally {
                c.disconnect();
            }
            assertThat(Files.readAllBytes(mirror.resolve("incoming/report.bin"))).isEqualTo(ISO);
        }
    }
}
