package dev.ferry.sftp.sftp;

import dev.ferry.core.vfs.FileEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The "longname" of a READDIR entry: an {@code ls -l} line, which OpenSSH's sftp shows as is for
 * {@code ls -l}. Same columns as OpenSSH's sftp-server; the owner and group columns show the
 * account name.
 */
final class LongName {

    private static final DateTimeFormatter RECENT = DateTimeFormatter.ofPattern("MMM ppd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter OLD = DateTimeFormatter.ofPattern("MMM ppd  yyyy", Locale.ROOT);
    private static final Duration SIX_MONTHS = Duration.ofDays(182);

    private LongName() {}

    static String of(FileEntry e, String owner, Instant now) {
        ZonedDateTime t = e.modified().atZone(ZoneId.systemDefault());
        boolean recent = e.modified().isAfter(now.minus(SIX_MONTHS)) && !e.modified().isAfter(now.plus(Duration.ofHours(1)));
        String when = (recent ? RECENT : OLD).format(t);
        String who = owner.length() > 8 ? owner : String.format(Locale.ROOT, "%-8s", owner);
        return String.format(Locale.ROOT, "%s %3d %s %s %8d %s %s", mode(e), e.links(), who, who, e.size(), when, e.name());
    }

    static String mode(FileEntry e) {
        int m = e.mode();
        char[] c = new char[10];
        c[0] = switch (e.type()) {
            case DIRECTORY -> 'd';
            case FILE -> '-';
            case OTHER -> '?';
        };
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            c[i + 1] = (m & (0400 >> i)) != 0 ? rwx.charAt(i) : '-';
        }
        if ((m & 04000) != 0) {
            c[3] = c[3] == 'x' ? 's' : 'S';
        }
        if ((m & 02000) != 0) {
            c[6] = c[6] == 'x' ? 's' : 'S';
        }
        if ((m & 01000) != 0) {
            c[9] = c[9] == 'x' ? 't' : 'T';
        }
        return new String(c);
    }
}
