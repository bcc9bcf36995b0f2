package dev.ferry.ftp.listing;

import java.time.Instant;

/**
 * The range of instants whose UTC year has four digits. Both listing formats have a four-digit
 * year column, and a corrupt modification time (storage can report almost anything) must neither
 * throw in the middle of a listing nor widen a column that parsers read by position.
 */
final class FourDigitYears {

    static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private FourDigitYears() {}

    static boolean contains(Instant t) {
        return !t.isBefore(EARLIEST) && !t.isAfter(LATEST);
    }

    static Instant clamp(Instant t) {
        return t.isBefore(EARLIEST) ? EARLIEST : t.isAfter(LATEST) ? LATEST : t;
    }
}
