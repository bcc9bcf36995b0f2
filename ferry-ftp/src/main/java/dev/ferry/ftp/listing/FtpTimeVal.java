package dev.ferry.ftp.listing;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The RFC 3659 {@code time-val}, {@code YYYYMMDDHHMMSS[.sss]} in UTC: the value of the
 * {@code modify} fact, and of the MDTM reply.
 */
public final class FtpTimeVal {

    private FtpTimeVal() {}

    /**
     * Milliseconds are added only when non-zero, so whole-second times keep the plain 14-digit form
     * that older clients expect; they are truncated, never rounded, so a time is never reported
     * later than it is. Empty for times whose year does not fit the four digits the grammar allows.
     */
    public static Optional<String> format(Instant t) {
        if (!FourDigitYears.contains(t)) {
            return Optional.empty();
        }
        LocalDateTime u = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
        // By hand, not String.format: this runs once per entry of every MLSD.
        StringBuilder b = new StringBuilder(18);
        digits(b, u.getYear(), 4);
        digits(b, u.getMonthValue(), 2);
        digits(b, u.getDayOfMonth(), 2);
        digits(b, u.getHour(), 2);
        digits(b, u.getMinute(), 2);
        digits(b, u.getSecond(), 2);
        int millis = u.getNano() / 1_000_000;
        if (millis != 0) {
            digits(b.append('.'), millis, 3);
        }
        return Optional.of(b.toString());
    }

    /** {@code n} (0 <= n < 10^width) in exactly {@code width} decimal digits. */
    private static void digits(StringBuilder b, int n, int width) {
        for (int div = width == 4 ? 1000 : width == 3 ? 100 : 10; div > 0; div /= 10) {
            b.append((char) ('0' + n / div % 10));
        }
    }
}
