package dev.ferry.core.vfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a directory by descriptor must give every entry, with the stat the path-based one gives. */
class NativeListingTest {

    @TempDir
    Path dir;

    @Test
    void theTestJvmHasTheDescriptorListingSoItIsTheOneTested() {
        // pom.xml's argLine, like bin/ferry, opens java.base/sun.nio.fs; the second surefire
        // execution (without-jdk-internals) runs the listing tests without it.
        assertThat(NativeListing.available()).isTrue();
    }

    @Test
    void everyEntryOnceWithItsOwnStatAndNeitherDotNorDotDot() throws Exception {
        Path file = Files.writeString(dir.resolve("file.txt"), "twelve bytes");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2001-02-03T04:05:06.789123456Z")));
        Files.createDirectory(dir.resolve("sub"));
        Files.createSymbolicLink(dir.resolve("link"), Path.of("file.txt"));
        Files.createSymbolicLink(dir.resolve("dangling"), Path.of("nowhere"));
        Files.writeString(dir.resolve("ünïcödé name"), "x");
        for (int i = 0; i < 300; i++) {
            Files.createFile(dir.resolve("e" + i));
        }

        Map<String, UnixStat> listed = new HashMap<>();
        try (AnchoredDirectory anchored = AnchoredDirectory.open(dir, dir);
             NativeListing listing = anchored.listing()) {
            assertThat(listing).isNotNull();
            NativeListing.Stater stater = listing.stater();
            byte[] bytes;
            while ((bytes = listing.nextName()) != null) {
                String name = NativeListing.name(bytes);
                UnixStat stat = stater.statOrNull(bytes);
                if (stat != null) {
                    assertThat(listed.put(name, stat)).as("listed twice: %s", name).isNull();
                }
            }
            assertThat(listing.nextName()).isNull();
        }

        assertThat(listed).hasSize(305).doesNotContainKeys(".", "..");
        for (Map.Entry<String, UnixStat> e : listed.entrySet()) {
            assertThat(e.getValue()).as(e.getKey()).isEqualTo(UnixStat.of(dir.resolve(e.getKey()), LinkOption.NOFOLLOW_LINKS));
        }
        assertThat(listed.get("link").isSymbolicLink()).isTrue(); // not followed
        assertThat(listed.get("file.txt").modified()).isEqualTo(Instant.parse("2001-02-03T04:05:06.789123456Z"));
        assertThat(listed.get("sub").type()).isEqualTo(FileType.DIRECTORY);
    }
}
