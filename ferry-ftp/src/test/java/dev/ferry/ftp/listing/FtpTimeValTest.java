package dev.ferry.ftp.listing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FtpTimeValTest {

    @Test
    void wholeSecondsHaveNoFraction() {
        assertThat(FtpTimeVal.format(Instant.parse("2024-02-29T17:54:33Z"))).hasValue("20240229175433");
        assertThat(FtpTimeVal.format(Instant.EPOCH)).hasValue("19700101000000");
    }

    @Test
    void millisecondsOnlyWhenNonZeroAndTruncated() {
        assertThat(FtpTimeVal.format(Instant.parse("2024-02-29T17:54:33.120Z"))).hasValue("20240229175433.120");
        assertThat(FtpTimeVal.format(Instant.parse("2024-02-29T17:54:33.001Z"))).hasValue("20240229175433.001");
        assertThat(FtpTimeVal.format(Instant.parse("2024-02-29T17:54:33.999999999Z"))).hasValue("20240229175433.999");
        assertThat(FtpTimeVal.format(Instant.parse("2024-02-29T17:54:33.000500Z"))).hasValue("20240229175433");
    }

    @Test
    void timesBefore1970() {
        assertThat(FtpTimeVal.format(Instant.parse("1969-12-31T23:59:59.500Z"))).hasValue("19691231235959.500");
        assertThat(FtpTimeVal.format(Instant.parse("0000-01-01T00:00:00Z"))).hasValue("00000101000000");
    }

    @Test
    void yearsBeyondFourDigitsCannotBeWritten() {
        assertThat(FtpTimeVal.format(Instant.parse("9999-12-31T23:59:59.999Z"))).hasValue("99991231235959.999");
        assertThat(FtpTimeVal.format(Instant.parse("+10000-01-01T00:00:00Z"))).isEmpty();
        assertThat(FtpTimeVal.format(Instant.MAX)).isEmpty();
        assertThat(FtpTimeVal.format(Instant.MIN)).isEmpty();
        assertThat(FtpTimeVal.format(Instant.parse("0000-01-01T00:00:00Z").minusNanos(1))).isEmpty();
    }

    /** The calendar arithmetic agrees with java.time over the whole four-digit range, leap days and all. */
    @Test
    void agreesWithJavaTimeEverywhere() {
        DateTimeFormatter reference = DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withZone(ZoneOffset.UTC);
        long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        SplittableRandom random = new SplittableRandom(20261202);
        for (int i = 0; i < 200_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(first, last + 1));
            assertThat(FtpTimeVal.format(t)).as("%s", t).hasValue(reference.format(t));
        }
        for (String leap : new String[] {"2000-02-29T23:59:59Z", "1900-03-01T00:00:00Z", "2100-02-28T12:00:00Z", "0004-02-29T00:00:00Z"}) {
            Instant t = Instant.parse(leap);
            assertThat(FtpTimeVal.format(t)).hasValue(reference.format(t));
        }
    }
}
