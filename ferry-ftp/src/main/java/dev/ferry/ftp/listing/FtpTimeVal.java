package dev.ferry.ftp.listing;

import java.time.Instant;
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
        StringBuilder b = new StringBuilder(18);
        return append(b, t) ? Optional.of(b.toString()) : Optional.empty();
    }

    /** Appends the time-val of {@link #format} to {@code b}; false (and nothing appended) when it has none. */
    static boolean append(StringBuilder b, Instant t) {
        if (!FourDigitYears.contains(t)) {
            return false;
        }
        UtcFields u = UtcFields.of(t);
        UtcFields.digits(b, u.year(), 4);
        UtcFields.digits(b, u.month(), 2);
        UtcFields.digits(b, u.day(), 2);
        UtcFields.digits(b, u.hour(), 2);
        UtcFields.digits(b, u.minute(), 2);
        UtcFields.digits(b, u.second(), 2);
        if (u.millis() != 0) {
            UtcFields.digits(b.append('.'), u.millis(), 3);
        }
        return true;
    }
}
