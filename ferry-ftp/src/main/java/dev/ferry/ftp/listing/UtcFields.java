package dev.ferry.ftp.listing;

import java.time.Instant;

/**
 * The UTC calendar fields of an instant, worked out with integer arithmetic only: a listing asks
 * for them once per entry, and {@code LocalDateTime.ofInstant} allocates and validates each time.
 * The day-to-date step is the well-known civil-from-days method (proleptic Gregorian calendar,
 * 400-year eras of 146,097 days, years starting in March).
 */
record UtcFields(int year, int month, int day, int hour, int minute, int second, int millis) {

    static UtcFields of(Instant t) {
        long seconds = t.getEpochSecond();
        long days = Math.floorDiv(seconds, 86_400);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        return new UtcFields((int) year, month, day, secondOfDay / 3_600, secondOfDay / 60 % 60, secondOfDay % 60,
                t.getNano() / 1_000_000);
    }

    /** {@code n} (0 <= n < 10^width) in exactly {@code width} decimal digits. */
    static StringBuilder digits(StringBuilder b, int n, int width) {
        for (int div = width == 4 ? 1000 : width == 3 ? 100 : width == 2 ? 10 : 1; div > 0; div /= 10) {
            b.append((char) ('0' + n / div % 10));
        }
        return b;
    }
}
