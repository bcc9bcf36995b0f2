package dev.ferry.ftp.listing;

import dev.ferry.core.user.Permission;
import dev.ferry.core.vfs.FileEntry;
import dev.ferry.core.vfs.FileType;
import java.nio.charset.StandardCharsets;
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
        StringBuilder b = new StringBuilder(128);
        return append(b, entry, perms, selection, role, pathname) ? Optional.of(b.toString()) : Optional.empty();
    }

    /**
     * Appends the line of {@link #line} to {@code b} (a listing builds its lines in one buffer);
     * false, with nothing appended, when {@code pathname} cannot be listed.
     */
    public static boolean append(StringBuilder b, FileEntry entry, Set<Permission> perms, MlstFactSelection selection,
                                 MlsxRole role, String pathname) {
        if (role != MlsxRole.ENTRY && !entry.isDirectory()) {
            throw new IllegalArgumentException(role + " needs a directory, not " + entry.type());
        }
        if (!ListingNames.isListable(pathname)) {
            return false;
        }
        for (MlsxFact fact : FACTS) {
            if (selection.isEnabled(fact)) {
                appendFact(b, fact, entry, perms, role);
            }
        }
        b.append(' ').append(pathname);
        return true;
    }

    private static final MlsxFact[] FACTS = MlsxFact.values();

    /** {@code name=value;}, or nothing where the fact has no value for this entry. */
    private static void appendFact(StringBuilder b, MlsxFact fact, FileEntry entry, Set<Permission> perms, MlsxRole role) {
        int mark = b.length();
        b.append(fact.wireName()).append('=');
        boolean has = switch (fact) {
            case TYPE -> {
                b.append(type(entry.type(), role));
                yield true;
            }
            // RFC 3659 7.5.7: size is for files; devices and pipes have no meaningful one.
            case SIZE -> {
                if (entry.isFile()) {
                    b.append(Math.max(0, entry.size()));
                }
                yield entry.isFile();
            }
            case MODIFY -> FtpTimeVal.append(b, entry.modified());
            case PERM -> {
                MlsxPerm.append(b, entry.type(), perms);
                yield true;
            }
            case UNIQUE -> entry.uniqueId() != null && !entry.uniqueId().isEmpty() && appendFactValue(b, entry.uniqueId());
            case UNIX_MODE -> {
                octal4(b, entry.mode() & 07777);
                yield true;
            }
        };
        if (has) {
            b.append(';');
        } else {
            b.setLength(mark);
        }
    }

    /** Four octal digits, as "%04o" would give, without parsing a pattern per entry. */
    private static void octal4(StringBuilder b, int mode) {
        b.append((char) ('0' + (mode >> 9 & 7))).append((char) ('0' + (mode >> 6 & 7)))
                .append((char) ('0' + (mode >> 3 & 7))).append((char) ('0' + (mode & 7)));
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
    private static boolean appendFactValue(StringBuilder b, String raw) {
        if (isPlain(raw)) {
            b.append(raw); // the usual case: our own unique ids are hex digits and a 'g'
            return true;
        }
        for (byte x : raw.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (x & 0xff);
            if (isPlainFactChar(c)) {
                b.append(c);
            } else {
                b.append('%').append(HEX[(x >> 4) & 0xf]).append(HEX[x & 0xf]);
            }
        }
        return true;
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private static boolean isPlain(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            if (!isPlainFactChar(raw.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPlainFactChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || ",.:!@#$^&()-_+?/\\'\"".indexOf(c) >= 0;
    }
}
