package dev.ferry.ftp.listing;

import dev.ferry.core.user.Permission;
import dev.ferry.core.vfs.FileEntry;
import dev.ferry.core.vfs.FileType;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * MLSD and MLST output (RFC 3659 section 7): {@code fact=value;fact=value; pathname}, facts in
 * {@link MlsxFact} order, each ended by ';', then exactly one space, then the pathname to the end of
 * the line. Parsers that follow the RFC (Commons Net, python's ftplib) split at the first space, so
 * pathnames may hold spaces, ';' and '='; lftp splits at ';' and cuts such names short, which no
 * encoding on our side could prevent without breaking the others.
 *
 * <p>The line carries no CRLF and, for MLST, none of the leading space that the control-connection
 * reply puts before it; those belong to the caller. A fact is left out where it has no meaning
 * ({@code size} of a directory) or no valid value, as the RFC asks. An empty {@code perm} is a
 * value, "no rights", and is sent.
 */
public final class MlsxFacts {

    private MlsxFacts() {}

    /** An MLSD entry of the listed directory, named by its own name. */
    public static Optional<String> line(FileEntry entry, Set<Permission> perms, MlstFactSelection selection) {
        return line(entry, perms, selection, MlsxRole.ENTRY, entry.name());
    }

    /**
     * One line, or empty when {@code pathname} cannot be listed (see {@link ListingNames#isListable}).
     *
     * @param perms    the permissions that hold at the object's own path, for the {@code perm} fact
     * @param role     cdir and pdir lines must describe directories
     * @param pathname what the line names: the entry's name in MLSD, the path as the client gave it
     *                 in MLST
     * @throws IllegalArgumentException if a cdir or pdir role is given a non-directory
     */
    public static Optional<String> line(FileEntry entry, Set<Permission> perms, MlstFactSelection selection,
                                        MlsxRole role, String pathname) {
        if (role != MlsxRole.ENTRY && !entry.isDirectory()) {
            throw new IllegalArgumentException(role + " needs a directory, not " + entry.type());
        }
        if (!ListingNames.isListable(pathname)) {
            return Optional.empty();
        }
        StringBuilder b = new StringBuilder(128);
        for (MlsxFact fact : MlsxFact.values()) {
            if (selection.isEnabled(fact)) {
                value(fact, entry, perms, role).ifPresent(v -> b.append(fact.wireName()).append('=').append(v).append(';'));
            }
        }
        return Optional.of(b.append(' ').append(pathname).toString());
    }

    private static Optional<String> value(MlsxFact fact, FileEntry entry, Set<Permission> perms, MlsxRole role) {
        return switch (fact) {
            case TYPE -> Optional.of(type(entry.type(), role));
            // RFC 3659 7.5.7: size is for files; devices and pipes have no meaningful one.
            case SIZE -> entry.isFile() ? Optional.of(Long.toString(Math.max(0, entry.size()))) : Optional.empty();
            case MODIFY -> FtpTimeVal.format(entry.modified());
            case PERM -> Optional.of(MlsxPerm.of(entry.type(), perms));
            case UNIQUE -> entry.uniqueId() == null || entry.uniqueId().isEmpty()
                    ? Optional.empty() : Optional.of(factValue(entry.uniqueId()));
            case UNIX_MODE -> Optional.of(octal4(entry.mode() & 07777));
        };
    }

    /** Four octal digits, as "%04o" would give, without parsing a pattern per entry. */
    private static String octal4(int mode) {
        return new String(new char[] {
            (char) ('0' + (mode >> 9 & 7)), (char) ('0' + (mode >> 6 & 7)), (char) ('0' + (mode >> 3 & 7)), (char) ('0' + (mode & 7))
        });
    }

    /**
     * For {@link FileType#OTHER}, the RFC's form for an OS-specific type, with the POSIX word for
     * device and FIFO files ("special file"). Calling it a file would invite downloads that must
     * fail. Commons Net drops such lines altogether (it rejects a second '=' in a fact) and
     * ftplib hands the type through; either is right for something that can be neither
     * downloaded nor entered.
     */
    private static String type(FileType type, MlsxRole role) {
        return switch (role) {
            case LISTED_DIRECTORY -> "cdir";
            case PARENT_DIRECTORY -> "pdir";
            case ENTRY -> switch (type) {
                case FILE -> "file";
                case DIRECTORY -> "dir";
                case OTHER -> "OS.unix=special";
            };
        };
    }

    /**
     * Makes an opaque string a valid fact value. The grammar allows only some printable ASCII
     * (no space, no ';'), and Commons Net drops a whole line whose fact value holds '='; anything
     * else is written as %XX of its UTF-8 bytes. '%' is escaped too, so distinct ids stay distinct.
     */
    private static String factValue(String raw) {
        StringBuilder b = new StringBuilder(raw.length());
        for (byte x : raw.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (x & 0xff);
            if (isPlainFactChar(c)) {
                b.append(c);
            } else {
                b.append('%').append(String.format(Locale.ROOT, "%02X", x & 0xff));
            }
        }
        return b.toString();
    }

    private static boolean isPlainFactChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || ",.:!@#$^&()-_+?/\\'\"".indexOf(c) >= 0;
    }
}
