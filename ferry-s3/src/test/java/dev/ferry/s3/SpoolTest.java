package dev.ferry.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spool directories of processes that share a data directory: each its own, and only the abandoned ones cleared. */
class SpoolTest {

    @TempDir
    Path spool;

    @Test
    void aRunningProcessesSpoolSurvivesANeighboursStartAndAnAbandonedOneIsCleared() throws Exception {
        Path abandoned = Files.createDirectories(spool.resolve("0f0f"));
        Files.writeString(abandoned.resolve("lock"), "");
        Files.writeString(abandoned.resolve("upload-1.part"), "never stored");
        Path beingMade = Files.createDirectories(spool.resolve(".new-abcd"));
        try (Spool one = Spool.claim(spool)) {
            Files.writeString(one.dir().resolve("upload-2.part"), "in flight");
            assertThat(abandoned).doesNotExist();
            assertThat(beingMade).as("a neighbour's, still being made").exists();
            try (Spool two = Spool.claim(spool)) {
                assertThat(two.dir()).isNotEqualTo(one.dir()).exists();
                assertThat(one.dir().resolve("upload-2.part")).as("held by a running process").exists();
            }
            assertThat(one.dir()).exists();
        }
        try (var left = Files.list(spool)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactly(".new-abcd");
        }
    }
}
