package dev.ferry.ftp.listing;

import dev.ferry.core.vfs.FileType;

/** The ten-character mode column of {@code ls -l}, such as {@code drwxr-xr-x}. */
final class UnixModeString {

    private UnixModeString() {}

    static String of(FileType type, int mode) {
        return append(new StringBuilder(10), type, mode).toString();
    }

    /** Appends the ten characters of {@link #of} to {@code b}. */
    static StringBuilder append(StringBuilder b, FileType type, int mode) {
        b.append(typeChar(type));
        triplet(b, mode >> 6, (mode & 04000) != 0, 's');
        triplet(b, mode >> 3, (mode & 02000) != 0, 's');
        triplet(b, mode, (mode & 01000) != 0, 't');
        return b;
    }

    /**
     * {@link FileType#OTHER} (a device, socket or FIFO; the vfs does not say which) is shown as a
     * FIFO, {@code p}. It must not look like a regular file, or mirroring clients would try to
     * download it and fail; {@code p} is accepted by Commons Net (as an unknown type), curl
     * (named pipe), FileZilla, and lftp, which skips such entries. {@code b} and {@code c} would
     * also parse, but make some parsers expect a "major, minor" pair where the size is.
     */
    private static char typeChar(FileType type) {
        return switch (type) {
            case DIRECTORY -> 'd';
            case FILE -> '-';
            case OTHER -> 'p';
        };
    }

    /** One rwx group; a set special bit replaces x as ls shows it: lower case if x is also set. */
    private static void triplet(StringBuilder b, int bits, boolean special, char specialChar) {
        boolean x = (bits & 1) != 0;
        b.append((bits & 4) != 0 ? 'r' : '-');
        b.append((bits & 2) != 0 ? 'w' : '-');
        if (special) {
            b.append(x ? specialChar : Character.toUpperCase(specialChar));
        } else {
            b.append(x ? 'x' : '-');
        }
    }
}
