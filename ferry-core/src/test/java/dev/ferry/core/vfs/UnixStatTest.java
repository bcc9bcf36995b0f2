package dev.ferry.core.vfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stat a listing reads must say what the JDK's own {@code "unix:"} attributes say. */
class UnixStatTest {

    @TempDir
    Path dir;

    @Test
    void theTestJvmOpensTheJdkStatRecordSoTheFastWayIsTheOneTested() {
        // pom.xml's argLine, like bin/ferry, opens java.base/sun.nio.fs; without it this is false.
        assertThat(UnixStat.direct()).isTrue();
    }

    @Test
    void agreesWithTheUnixAttributeMapForEveryKindOfEntry() throws Exception {
        Path file = Files.writeString(dir.resolve("file.txt"), "twelve bytes");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2001-02-03T04:05:06.789Z")));
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("rwxr-x---"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), Path.of("file.txt"));
        Path hard = Files.createLink(dir.resolve("hard"), file);
        boolean fifo = new ProcessBuilder("mkfifo", dir.resolve("fifo").toString()).start().waitFor() == 0;

        for (String name : fifo ? new String[] {"file.txt", "sub", "link", "hard", "fifo"} : new String[] {"file.txt", "sub", "link", "hard"}) {
            Path p = dir.resolve(name);
            Map<String, Object> expected = Files.readAttributes(p, "unix:mode,ino,dev,nlink,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
            UnixStat byPath = UnixStat.of(p, LinkOption.NOFOLLOW_LINKS);
            assertThat(byPath.mode()).as(name).isEqualTo(expected.get("mode"));
            assertThat(byPath.dev()).as(name).isEqualTo(expected.get("dev"));
            assertThat(byPath.ino()).as(name).isEqualTo(expected.get("ino"));
            assertThat(byPath.nlink()).as(name).isEqualTo(((Number) expected.get("nlink")).longValue());
            assertThat(byPath.size()).as(name).isEqualTo(expected.get("size"));
            assertThat(byPath.modified()).as(name).isEqualTo(((FileTime) expected.get("lastModifiedTime")).toInstant());
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                SecureDirectoryStream<Path> secure = (SecureDirectoryStream<Path>) ds;
                assertThat(UnixStat.at(secure, Path.of(name), dir)).as(name).isEqualTo(byPath);
            }
        }

        assertThat(UnixStat.of(hard).nlink()).isEqualTo(2);
        assertThat(UnixStat.of(link, LinkOption.NOFOLLOW_LINKS).isSymbolicLink()).isTrue();
        assertThat(UnixStat.of(link)).isEqualTo(UnixStat.of(file)); // followed
        FileEntry entry = UnixStat.of(file).entry("file.txt");
        assertThat(entry.type()).isEqualTo(FileType.FILE);
        assertThat(entry.size()).isEqualTo(12);
        assertThat(entry.modified()).isEqualTo(Instant.parse("2001-02-03T04:05:06.789Z"));
        FileEntry subEntry = UnixStat.of(sub).entry("sub");
        assertThat(subEntry.type()).isEqualTo(FileType.DIRECTORY);
        assertThat(subEntry.size()).isZero();
        assertThat(subEntry.mode()).isEqualTo(0750);
        if (fifo) {
            assertThat(UnixStat.of(dir.resolve("fifo")).type()).isEqualTo(FileType.OTHER);
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(fifo, "mkfifo (coreutils) is missing: the FIFO case did not run");
    }
}
