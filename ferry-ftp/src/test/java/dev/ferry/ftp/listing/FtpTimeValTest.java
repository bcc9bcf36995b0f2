package dev.ferry.ftp.listing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
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
}
