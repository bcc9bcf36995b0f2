package dev.ferry.sftp.sftp;

import dev.ferry.core.vfs.VfsException;

/**
 * How a refusal from the file system reads in SFTP v3, which has few status codes: what v3 can
 * say exactly it says (no such file, permission denied), the rest is SSH_FX_FAILURE with the
 * vfs's own message ("File exists", "Quota exceeded"), which never names a real path.
 */
final class Status {

    private Status() {}

    static int code(VfsException e) {
        return switch (e.reason()) {
            case NOT_FOUND -> Sftp.FX_NO_SUCH_FILE;
            case PERMISSION_DENIED -> Sftp.FX_PERMISSION_DENIED;
            case ALREADY_EXISTS, NOT_A_DIRECTORY, IS_A_DIRECTORY, DIRECTORY_NOT_EMPTY, INVALID_NAME, NAME_TOO_LONG,
                 INVALID_OFFSET, QUOTA_EXCEEDED, IO_ERROR -> Sftp.FX_FAILURE;
        };
    }

    static String message(VfsException e) {
        return switch (e.reason()) {
            case QUOTA_EXCEEDED -> "Quota exceeded";
            default -> e.getMessage();
        };
    }
}
