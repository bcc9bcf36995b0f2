package dev.ferry.ftp.listing;

import static dev.ferry.core.user.Permission.DELETE;
import static dev.ferry.core.user.Permission.DOWNLOAD;
import static dev.ferry.core.user.Permission.LIST;
import static dev.ferry.core.user.Permission.MKDIR;
import static dev.ferry.core.user.Permission.OVERWRITE;
import static dev.ferry.core.user.Permission.RENAME;
import static dev.ferry.core.user.Permission.RMDIR;
import static dev.ferry.core.user.Permission.UPLOAD;

import dev.ferry.core.user.Permission;
import dev.ferry.core.vfs.FileType;
import java.util.Set;

/**
 * The value of the RFC 3659 {@code perm} fact (section 7.5.5): which commands would succeed on
 * this object, translated from Ferry's permissions. It must promise exactly what the vfs grants,
 * so each letter follows the rule the vfs applies to the matching command.
 */
final class MlsxPerm {

    private MlsxPerm() {}

    /**
     * Letters in alphabetical order, as most servers send them.
     *
     * @param perms the permissions that hold at the object's own path
     */
    static String of(FileType type, Set<Permission> perms) {
        return append(new StringBuilder(7), type, perms).toString();
    }

    /** Appends the letters of {@link #of} to {@code b}. */
    static StringBuilder append(StringBuilder b, FileType type, Set<Permission> perms) {
        switch (type) {
            case FILE -> {
                // APPE (and resumed uploads) need UPLOAD only; a STOR that replaces bytes also needs OVERWRITE.
                letter(b, 'a', perms.contains(UPLOAD));
                letter(b, 'd', perms.contains(DELETE));
                letter(b, 'f', perms.contains(RENAME));
                letter(b, 'r', perms.contains(DOWNLOAD));
                letter(b, 'w', perms.contains(UPLOAD) && perms.contains(OVERWRITE));
            }
            case DIRECTORY -> {
                letter(b, 'c', perms.contains(UPLOAD));
                letter(b, 'd', perms.contains(RMDIR));
                // Ferry has no permission for entering a directory: confinement, not permissions,
                // bounds where CWD may go, and a drop-box user must still reach its directories.
                letter(b, 'e', true);
                letter(b, 'f', perms.contains(RENAME));
                letter(b, 'l', perms.contains(LIST));
                letter(b, 'm', perms.contains(MKDIR));
                // 'p' is about the objects inside ("may be deleted"), which are files: DELE, not RMD.
                letter(b, 'p', perms.contains(DELETE));
            }
            case OTHER -> {
                // Never readable or writable; removing or renaming the name is all a client can do.
                letter(b, 'd', perms.contains(DELETE));
                letter(b, 'f', perms.contains(RENAME));
            }
        }
        return b;
    }

    private static void letter(StringBuilder b, char c, boolean allowed) {
        if (allowed) {
            b.append(c);
        }
    }
}
