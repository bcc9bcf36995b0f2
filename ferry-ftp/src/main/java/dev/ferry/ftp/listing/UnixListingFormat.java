package dev.ferry.ftp.listing;

import dev.ferry.core.vfs.FileEntry;
import java.time.Clock;
import java.util.Locale;
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
        if (!ListingNames.isListable(entry.name())) {
            return Optional.empty();
        }
        // A negative count or size (a storage bug) would put a '-' where parsers expect digits.
        return Optional.of(String.format(Locale.ROOT, "%s %3d %-8s %-8s %8d %s %s",
                UnixModeString.of(entry.type(), entry.mode()),
                Math.max(0, entry.links()),
                column(owner),
                column(group),
                Math.max(0, entry.size()),
                timestamp.format(entry.modified()),
                entry.name()));
    }

    /**
     * Owner and group must each stay one whitespace-free token, or parsers lose count of the
     * columns; an empty one would drop a column altogether.
     */
    private static String column(String s) {
        if (s.isEmpty()) {
            return "-";
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> b.appendCodePoint(Character.isWhitespace(c) || Character.isISOControl(c)
                || Character.isSpaceChar(c) ? '_' : c));
        return b.toString();
    }
}
