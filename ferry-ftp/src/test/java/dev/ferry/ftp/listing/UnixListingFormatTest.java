package dev.ferry.ftp.listing;

import static dev.ferry.ftp.listing.Entries.dir;
import static dev.ferry.ftp.listing.Entries.file;
import static dev.ferry.ftp.listing.Entries.other;
import static dev.ferry.ftp.listing.Entries.withMode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.vfs.FileEntry;
import dev.ferry.core.vfs.FileType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnixListingFormatTest {

    static final Instant NOW = Instant.parse("2024-03-10T12:00:00Z");
    // A zone far from UTC: the output must not move with it.
    final UnixListingFormat format = new UnixListingFormat(Clock.fixed(NOW, ZoneId.of("Pacific/Kiritimati")));

    String line(FileEntry e) {
        return format.line(e, "owner", "group").orElseThrow();
    }

    @Test
    void recentFileShowsTimeOfDay() {
        assertThat(line(file("report.txt", 1234, Instant.parse("2024-02-29T17:54:33Z"))))
                .isEqualTo("-rw-r--r--   1 owner    group        1234 Feb 29 17:54 report.txt");
    }

    @Test
    void oldDirectoryShowsYear() {
        assertThat(line(dir("docs", Instant.parse("2023-01-05T08:00:00Z"))))
                .isEqualTo("drwxr-xr-x   3 owner    group           0 Jan  5  2023 docs");
    }

    @Test
    void futureTimeShowsYear() {
        assertThat(line(file("f", 1, NOW.plusSeconds(1))))
                .isEqualTo("-rw-r--r--   1 owner    group           1 Mar 10  2024 f");
        assertThat(line(file("f", 1, Instant.parse("2031-07-04T00:00:00Z"))))
                .isEqualTo("-rw-r--r--   1 owner    group           1 Jul  4  2031 f");
    }

    @Test
    void nowItselfIsRecent() {
        assertThat(line(file("f", 1, NOW))).isEqualTo("-rw-r--r--   1 owner    group           1 Mar 10 12:00 f");
    }

    @Test
    void sixMonthBoundary() {
        Instant boundary = Instant.parse("2023-09-09T21:05:24Z");
        assertThat(NOW.minus(LsTimestamp.SIX_MONTHS)).isEqualTo(boundary);
        assertThat(line(file("f", 1, boundary.plusSeconds(1))))
                .isEqualTo("-rw-r--r--   1 owner    group           1 Sep  9 21:05 f");
        assertThat(line(file("f", 1, boundary)))
                .isEqualTo("-rw-r--r--   1 owner    group           1 Sep  9  2023 f");
    }

    @Test
    void timesAreUtcNotTheClockZone() {
        // 23:30 UTC is already the next day in Kiritimati (UTC+14); the line keeps the UTC date.
        assertThat(line(file("f", 1, Instant.parse("2024-03-01T23:30:00Z"))))
                .isEqualTo("-rw-r--r--   1 owner    group           1 Mar  1 23:30 f");
    }

    @Test
    void monthsAreEnglishWhateverTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.of("ar", "EG"));
            // Arabic locales also have their own digits, which String.format would otherwise use.
            assertThat(line(file("f", 12, Instant.parse("2023-09-01T00:00:00Z"))))
                    .isEqualTo("-rw-r--r--   1 owner    group          12 Sep  1  2023 f");
            assertThat(line(file("f", 12, Instant.parse("2023-12-24T18:30:00Z"))))
                    .isEqualTo("-rw-r--r--   1 owner    group          12 Dec 24 18:30 f");
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void everyMonthName() {
        String[] expected = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        for (int m = 1; m <= 12; m++) {
            Instant t = Instant.parse(String.format("2020-%02d-15T00:00:00Z", m));
            assertThat(line(file("f", 0, t))).contains(" " + expected[m - 1] + " 15  2020 f");
        }
    }

    @Test
    void sizesBeyondFourGigabytesAreNotTruncated() {
        Instant t = NOW.minusSeconds(3600);
        assertThat(line(file("big.iso", 5_000_000_000L, t)))
                .isEqualTo("-rw-r--r--   1 owner    group    5000000000 Mar 10 11:00 big.iso");
        assertThat(line(file("huge", Long.MAX_VALUE, t)))
                .isEqualTo("-rw-r--r--   1 owner    group    9223372036854775807 Mar 10 11:00 huge");
    }

    @Test
    void negativeNumbersFromABrokenBackendStayDigits() {
        FileEntry e = new FileEntry("f", FileType.FILE, -5, NOW, 0644, -1, "u");
        assertThat(line(e)).isEqualTo("-rw-r--r--   0 owner    group           0 Mar 10 12:00 f");
    }

    @Test
    void namesAreEmittedExactlyAsGiven() {
        Instant t = NOW.minusSeconds(60);
        assertThat(line(file("résumé ünïcödé 日本語.txt", 7, t)))
                .isEqualTo("-rw-r--r--   1 owner    group           7 Mar 10 11:59 résumé ünïcödé 日本語.txt");
        assertThat(line(file("my file  name.txt", 7, t)))
                .isEqualTo("-rw-r--r--   1 owner    group           7 Mar 10 11:59 my file  name.txt");
        assertThat(line(file("  leading", 7, t)))
                .isEqualTo("-rw-r--r--   1 owner    group           7 Mar 10 11:59   leading");
        assertThat(line(file("trailing  ", 7, t)))
                .isEqualTo("-rw-r--r--   1 owner    group           7 Mar 10 11:59 trailing  ");
        assertThat(line(file("a -> b", 7, t)))
                .isEqualTo("-rw-r--r--   1 owner    group           7 Mar 10 11:59 a -> b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil\r\n-rw-r--r--   1 a b 1 Jan 01  2020 fake", "a\nb", "a\rb", "end\n", ""})
    void namesThatWouldBreakTheLineAreLeftOut(String name) {
        assertThat(format.line(file(name, 1, NOW), "owner", "group")).isEmpty();
        assertThat(NameListFormat.line(file(name, 1, NOW))).isEmpty();
    }

    @Test
    void modeBits() {
        FileEntry f = file("f", 0, NOW);
        assertThat(line(withMode(f, 0))).startsWith("---------- ");
        assertThat(line(withMode(f, 0777))).startsWith("-rwxrwxrwx ");
        assertThat(line(withMode(f, 0640))).startsWith("-rw-r----- ");
        assertThat(line(withMode(f, 04755))).startsWith("-rwsr-xr-x ");
        assertThat(line(withMode(f, 04644))).startsWith("-rwSr--r-- ");
        assertThat(line(withMode(f, 02750))).startsWith("-rwxr-s--- ");
        assertThat(line(withMode(f, 02640))).startsWith("-rw-r-S--- ");
        assertThat(line(withMode(dir("d", NOW), 01777))).startsWith("drwxrwxrwt ");
        assertThat(line(withMode(dir("d", NOW), 01776))).startsWith("drwxrwxrwT ");
    }

    @Test
    void otherTypesLookLikeFifosNotFiles() {
        assertThat(line(other("dev", NOW))).isEqualTo("prw-r--r--   1 owner    group           0 Mar 10 12:00 dev");
    }

    @Test
    void ownerAndGroupStayOneColumnEach() {
        FileEntry f = file("f", 1, NOW);
        assertThat(format.line(f, "two words", "tab\there")).hasValue(
                "-rw-r--r--   1 two_words tab_here        1 Mar 10 12:00 f");
        assertThat(format.line(f, "", "x\r\ny")).hasValue(
                "-rw-r--r--   1 -        x__y            1 Mar 10 12:00 f");
        assertThat(format.line(f, "averyveryverylongowner", "g")).hasValue(
                "-rw-r--r--   1 averyveryverylongowner g               1 Mar 10 12:00 f");
    }

    @Test
    void absurdTimesAreClampedToFourDigitYears() {
        assertThat(line(file("f", 1, Instant.MAX))).isEqualTo("-rw-r--r--   1 owner    group           1 Dec 31  9999 f");
        assertThat(line(file("f", 1, Instant.MIN))).isEqualTo("-rw-r--r--   1 owner    group           1 Jan  1  0000 f");
        assertThat(line(file("f", 1, Instant.EPOCH))).isEqualTo("-rw-r--r--   1 owner    group           1 Jan  1  1970 f");
    }

    @Test
    void nameListIsJustTheName() {
        assertThat(NameListFormat.line(file("  a b ", 1, NOW))).isEqualTo(Optional.of("  a b "));
        assertThat(NameListFormat.line(dir("日本", NOW))).hasValue("日本");
    }
}
