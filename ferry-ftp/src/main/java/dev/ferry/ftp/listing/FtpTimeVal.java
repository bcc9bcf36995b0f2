package dev.ferry.ftp.listing;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
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
        String seconds = String.format(Locale.ROOT, "%04d%02d%02d%02d%02d%02d",
                u.getYear(), u.getMonthValue(), u.getDayOfMonth(), u.getHour(), u.getMinute(), u.getSecond());
        int millis = u.getNano() / 1_000_000;
        return Optional.of(millis == 0 ? seconds : seconds + String.format(Locale.ROOT, ".%03d", millis));
    }
}
