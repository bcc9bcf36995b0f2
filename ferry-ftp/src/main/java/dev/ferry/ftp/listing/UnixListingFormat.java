package dev.ferry.ftp.listing;

import dev.ferry.core.vfs.FileEntry;
import java.time.Clock;
import java.util.Optional;

/**
 * LIST output: one {@code ls -l} line per entry, in the column layout of vsftpd and pyftpdlib,
 *
 * <pre>-rw-r--r--   1 owner    group        1234 Nov 22 17:54 name</pre>
 *
 * <p>LIST has no standard format; clients (FileZilla, lftp, curl, Commons Net, browsers) carry
 * heuristics for what Unix servers print, so the safest output is exactly that, not something
 * merely similar. Columns are separated by at least one space; the name follows the date after
 * exactly one space and runs to the end of the line, so names with spaces, leading spaces included,
 * come back intact. Thread-safe.
 */
public final class UnixListingFormat {

    private final LsTimestamp timestamp;

    /** @param clock "now" for the six-month rule of the date column */
    public UnixListingFormat(Clock clock) {
        this.timestamp = new LsTimestamp(clock);
    }

    /**
     * One line without its CRLF, or empty when the name cannot be listed (see
     * {@link ListingNames#isListable}); the caller skips such entries.
     *
     * @param owner shown in the owner column; whitespace and control characters become '_'
     * @param group shown in the group column, likewise
     */
    public Optional<String> line(FileEntry entry, String owner, String group) {
        StringBuilder b = new StringBuilder(64 + entry.name().length());
        return append(b, entry, owner, group) ? Optional.of(b.toString()) : Optional.empty();
    }

    /**
     * Appends the line of {@link #line} to {@code b} (a listing builds its lines in one buffer);
     * false, with nothing appended, when the name cannot be listed.
     */
    public boolean append(StringBuilder b, FileEntry entry, String owner, String group) {
        if (!ListingNames.isListable(entry.name())) {
            return false;
        }
        // A negative count or size (a storage bug) would put a '-' where parsers expect digits.
        // Built by hand: String.format ("%s %3d %-8s %-8s %8d %s %s") parses its pattern on every
        // line, and stood out in the profile of a 10,000-entry LIST (ListingFormatBenchmark).
        UnixModeString.append(b, entry.type(), entry.mode()).append(' ');
        padLeft(b, Math.max(0, entry.links()), 3).append(' ');
        padRight(b, column(owner), 8).append(' ');
        padRight(b, column(group), 8).append(' ');
        padLeft(b, Math.max(0, entry.size()), 8).append(' ');
        timestamp.append(b, entry.modified()).append(' ').append(entry.name());
        return true;
    }

    /** {@code n} right-aligned in {@code width} columns (wider when it has more digits). */
    private static StringBuilder padLeft(StringBuilder b, long n, int width) {
        for (int i = decimalDigits(n); i < width; i++) {
            b.append(' ');
        }
        return b.append(n);
    }

    private static int decimalDigits(long n) {
        int d = 1;
        for (long x = n; x >= 10; x /= 10) {
            d++;
        }
        return d;
    }

    private static StringBuilder padRight(StringBuilder b, String s, int width) {
        b.append(s);
        for (int i = s.length(); i < width; i++) {
            b.append(' ');
        }
        return b;
    }

    /**
     * Owner and group must each stay one whitespace-free token, or parsers lose count of the
     * columns; an empty one would drop a column altogether.
     */
    private static String column(String s) {
        if (s.isEmpty()) {
            return "-";
        }
        if (isPlainToken(s)) {
            return s; // the usual case, and the same owner on every line
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> b.appendCodePoint(Character.isWhitespace(c) || Character.isISOControl(c)
                || Character.isSpaceChar(c) ? '_' : c));
        return b.toString();
    }

    private static boolean isPlainToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }
}
