package dev.ferry.ftp.listing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The date column of {@code ls -l}: {@code Nov 22 17:54} for recent times, {@code Nov 22  2023}
 * for old or future ones, always 12 characters wide.
 */
final class LsTimestamp {

    /**
     * "Recent" means less than six months old, where six months is half an average Gregorian year,
     * as GNU ls defines it. Clients rely on the window being shorter than a year: a recent line has
     * no year, and they take the latest year that does not put the time in the future.
     */
    static final Duration SIX_MONTHS = Duration.ofSeconds(31_556_952L / 2);

    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };

    private final Clock clock;

    LsTimestamp(Clock clock) {
        this.clock = clock;
    }

    /**
     * Future times get the year, as in ls: shown without one, a client would place them a year in
     * the past. The month table is our own rather than a locale's, because locale data varies
     * between JDKs ("Sep" or "Sept") and parsers compare the exact three letters.
     */
    String format(Instant modified) {
        return append(new StringBuilder(12), modified).toString();
    }

    /** Appends the 12 characters of {@link #format} to {@code b}. */
    StringBuilder append(StringBuilder b, Instant modified) {
        Instant now = clock.instant();
        boolean recent = !modified.isAfter(now) && modified.isAfter(now.minus(SIX_MONTHS));
        UtcFields t = UtcFields.of(FourDigitYears.clamp(modified));
        // The day space-padded ("Dec  3"), as ls, vsftpd, proftpd, pure-ftpd and our SFTP long names print it.
        b.append(MONTHS[t.month() - 1]).append(' ');
        if (t.day() < 10) {
            b.append(' ');
        }
        UtcFields.digits(b, t.day(), t.day() < 10 ? 1 : 2);
        if (recent) {
            return UtcFields.digits(UtcFields.digits(b.append(' '), t.hour(), 2).append(':'), t.minute(), 2);
        }
        // Two spaces keep the year under the five-character "HH:mm" column, as ls aligns it.
        return UtcFields.digits(b.append("  "), t.year(), 4);
    }
}
