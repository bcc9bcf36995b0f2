package dev.ferry.ftp.listing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.user.Permission;
import dev.ferry.core.vfs.FileEntry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.net.ftp.FTPFile;
import org.apache.commons.net.ftp.parser.MLSxEntryParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Feeds our MLSx lines to Commons Net's parser and checks that every fact comes back. */
class MlsxRoundTripTest {

    static final Set<Permission> ALL = Permission.parseSet("all");

    static Stream<FileEntry> entries() {
        Instant t = Instant.parse("2024-02-29T17:54:33Z");
        return Stream.of(
                Entries.file("report.txt", 1234, t),
                Entries.file("millis", 1, Instant.parse("2024-02-29T17:54:33.120Z")),
                Entries.file("before 1970", 1, Instant.parse("1969-07-20T20:17:40Z")),
                Entries.file("big.iso", 5_000_000_000L, t),
                Entries.file("max", Long.MAX_VALUE, t),
                Entries.file("empty", 0, t),
                Entries.file("résumé ünïcödé 日本語.txt", 42, t),
                Entries.file("my file  name.txt", 42, t),
                Entries.file("  leading spaces", 42, t),
                Entries.file("trailing ", 42, t),
                Entries.file("semi;colon=and equals; x", 42, t),
                Entries.withUnique(Entries.file("odd unique", 42, t), "dev=1;ino=2 x"),
                Entries.dir("docs", t),
                Entries.dir("a dir; with=odd chars", t));
    }

    @ParameterizedTest
    @MethodSource("entries")
    void commonsNetReadsBackWhatWeWrote(FileEntry entry) {
        String line = MlsxFacts.line(entry, ALL, MlstFactSelection.all()).orElseThrow();
        FTPFile parsed = MLSxEntryParser.parseEntry(line);

        assertThat(parsed).as(line).isNotNull();
        assertThat(parsed.getName()).as(line).isEqualTo(entry.name());
        assertThat(parsed.getType()).as(line).isEqualTo(entry.isDirectory() ? FTPFile.DIRECTORY_TYPE : FTPFile.FILE_TYPE);
        if (entry.isFile()) {
            assertThat(parsed.getSize()).as(line).isEqualTo(entry.size());
        }
        assertThat(parsed.getTimestampInstant()).as(line).isEqualTo(entry.modified().truncatedTo(ChronoUnit.MILLIS));
        // UNIX.mode wins over perm in Commons Net; 0644/0755 give the owner read and write.
        assertThat(parsed.hasPermission(FTPFile.USER_ACCESS, FTPFile.WRITE_PERMISSION)).isTrue();
        assertThat(parsed.hasPermission(FTPFile.WORLD_ACCESS, FTPFile.WRITE_PERMISSION)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("entries")
    void everySubsetOfFactsStillParses(FileEntry entry) {
        MlsxFactsTest.everySelection().forEach(selection -> {
            String line = MlsxFacts.line(entry, ALL, selection).orElseThrow();
            FTPFile parsed = MLSxEntryParser.parseEntry(line);
            assertThat(parsed).as(line).isNotNull();
            assertThat(parsed.getName()).as(line).isEqualTo(entry.name());
        });
    }

    @Test
    void cdirAndPdirAreDirectories() {
        FileEntry dir = Entries.dir("docs", Instant.EPOCH);
        for (MlsxRole role : new MlsxRole[] {MlsxRole.LISTED_DIRECTORY, MlsxRole.PARENT_DIRECTORY}) {
            String line = MlsxFacts.line(dir, ALL, MlstFactSelection.all(), role, "..").orElseThrow();
            assertThat(MLSxEntryParser.parseEntry(line).isDirectory()).as(line).isTrue();
        }
    }

    @Test
    void permFactIsReadWhenModeIsNotSelected() {
        MlstFactSelection noMode = MlstFactSelection.parse("type;perm;");
        FTPFile readOnly = MLSxEntryParser.parseEntry(
                MlsxFacts.line(Entries.file("f", 1, Instant.EPOCH), Permission.parseSet("read-only"), noMode).orElseThrow());
        assertThat(readOnly.hasPermission(FTPFile.USER_ACCESS, FTPFile.READ_PERMISSION)).isTrue();
        assertThat(readOnly.hasPermission(FTPFile.USER_ACCESS, FTPFile.WRITE_PERMISSION)).isFalse();
    }
}
