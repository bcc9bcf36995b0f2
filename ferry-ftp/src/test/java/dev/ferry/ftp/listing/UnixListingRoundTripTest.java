package dev.ferry.ftp.listing;

import static dev.ferry.ftp.listing.Entries.dir;
import static dev.ferry.ftp.listing.Entries.file;
import static dev.ferry.ftp.listing.Entries.other;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.vfs.FileEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.net.ftp.FTPClientConfig;
import org.apache.commons.net.ftp.FTPFile;
import org.apache.commons.net.ftp.parser.UnixFTPEntryParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Feeds our LIST lines to Commons Net's Unix parser, the one our own client and many Java tools
 * use. The parser guesses the year of recent lines from the real current time, so here "now" is
 * the real clock, and the entries are placed relative to it.
 */
class UnixListingRoundTripTest {

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    final UnixListingFormat format = new UnixListingFormat(Clock.fixed(NOW, ZoneOffset.UTC));

    static Stream<FileEntry> entries() {
        return Stream.of(
                file("report.txt", 1234, NOW.minus(Duration.ofHours(1))),
                file("recent-170d", 1, NOW.minus(Duration.ofDays(170))),
                file("old-200d", 1, NOW.minus(Duration.ofDays(200))),
                file("ancient", 1, Instant.parse("1999-12-31T23:59:00Z")),
                file("future", 1, NOW.plus(Duration.ofDays(40))),
                file("big.iso", 5_000_000_000L, NOW.minus(Duration.ofMinutes(5))),
                file("max", Long.MAX_VALUE, NOW.minus(Duration.ofMinutes(5))),
                file("résumé ünïcödé 日本語.txt", 42, NOW.minus(Duration.ofDays(3))),
                file("my file  name.txt", 42, NOW.minus(Duration.ofDays(3))),
                file("  two leading spaces", 42, NOW.minus(Duration.ofDays(400))),
                file(" one leading space", 42, NOW.minus(Duration.ofDays(3))),
                file("trailing ", 42, NOW.minus(Duration.ofDays(3))),
                file("2024 looks like a year", 42, NOW.minus(Duration.ofDays(3))),
                file("12:00 looks like a time", 42, NOW.minus(Duration.ofDays(300))),
                file("Jan 01 looks like a date", 42, NOW.minus(Duration.ofDays(3))),
                dir("docs", NOW.minus(Duration.ofDays(10))),
                dir("old docs", Instant.parse("2010-06-15T10:00:00Z")),
                other("fifo", NOW.minus(Duration.ofDays(1))));
    }

    @ParameterizedTest
    @MethodSource("entries")
    void commonsNetReadsBackWhatWeWrote(FileEntry entry) {
        String line = format.line(entry, "owner", "group").orElseThrow();
        FTPFile parsed = parser().parseFTPEntry(line);

        assertThat(parsed).as(line).isNotNull();
        assertThat(parsed.getName()).as(line).isEqualTo(entry.name());
        assertThat(parsed.getSize()).as(line).isEqualTo(entry.size());
        assertThat(parsed.getType()).as(line).isEqualTo(switch (entry.type()) {
            case FILE -> FTPFile.FILE_TYPE;
            case DIRECTORY -> FTPFile.DIRECTORY_TYPE;
            case OTHER -> FTPFile.UNKNOWN_TYPE;
        });
        assertThat(parsed.getUser()).isEqualTo("owner");
        assertThat(parsed.getGroup()).isEqualTo("group");
        assertThat(parsed.getHardLinkCount()).isEqualTo((int) entry.links());
        assertThat(parsed.getTimestamp()).as(line).isNotNull();
        assertThat(parsed.getTimestamp().toInstant()).as(line).isEqualTo(expectedTimestamp(entry.modified()));
        assertThat(parsed.hasPermission(FTPFile.USER_ACCESS, FTPFile.READ_PERMISSION)).isTrue();
        assertThat(parsed.hasPermission(FTPFile.WORLD_ACCESS, FTPFile.WRITE_PERMISSION)).isFalse();
    }

    @Test
    void everyLineOfAListingKeepsItsName() {
        List<String> lines = entries().map(e -> format.line(e, "owner", "group").orElseThrow()).toList();
        List<String> names = lines.stream().map(l -> parser().parseFTPEntry(l).getName()).toList();
        assertThat(names).isEqualTo(entries().map(FileEntry::name).toList());
    }

    /** Recent lines carry minutes, the others only the day. */
    static Instant expectedTimestamp(Instant modified) {
        boolean recent = !modified.isAfter(NOW) && modified.isAfter(NOW.minus(LsTimestamp.SIX_MONTHS));
        return modified.truncatedTo(recent ? ChronoUnit.MINUTES : ChronoUnit.DAYS);
    }

    static UnixFTPEntryParser parser() {
        FTPClientConfig config = new FTPClientConfig(FTPClientConfig.SYST_UNIX);
        config.setServerTimeZoneId("UTC");
        return new UnixFTPEntryParser(config);
    }
}
