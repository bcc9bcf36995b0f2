package dev.ferry.sftp.sftp;

/** SFTP version 3 numbers (draft-ietf-secsh-filexfer-02) and the OpenSSH extensions we speak. */
final class Sftp {

    private Sftp() {}

    static final int VERSION = 3;

    static final int FXP_INIT = 1, FXP_VERSION = 2, FXP_OPEN = 3, FXP_CLOSE = 4, FXP_READ = 5, FXP_WRITE = 6,
            FXP_LSTAT = 7, FXP_FSTAT = 8, FXP_SETSTAT = 9, FXP_FSETSTAT = 10, FXP_OPENDIR = 11, FXP_READDIR = 12,
            FXP_REMOVE = 13, FXP_MKDIR = 14, FXP_RMDIR = 15, FXP_REALPATH = 16, FXP_STAT = 17, FXP_RENAME = 18,
            FXP_READLINK = 19, FXP_SYMLINK = 20, FXP_STATUS = 101, FXP_HANDLE = 102, FXP_DATA = 103,
            FXP_NAME = 104, FXP_ATTRS = 105, FXP_EXTENDED = 200, FXP_EXTENDED_REPLY = 201;

    static final int FX_OK = 0, FX_EOF = 1, FX_NO_SUCH_FILE = 2, FX_PERMISSION_DENIED = 3, FX_FAILURE = 4,
            FX_BAD_MESSAGE = 5, FX_OP_UNSUPPORTED = 8;

    static final int FXF_READ = 0x01, FXF_WRITE = 0x02, FXF_APPEND = 0x04, FXF_CREAT = 0x08, FXF_TRUNC = 0x10,
            FXF_EXCL = 0x20;

    static final int ATTR_SIZE = 0x01, ATTR_UIDGID = 0x02, ATTR_PERMISSIONS = 0x04, ATTR_ACMODTIME = 0x08,
            ATTR_EXTENDED = 0x80000000;

    static final String EXT_POSIX_RENAME = "posix-rename@openssh.com";
    static final String EXT_STATVFS = "statvfs@openssh.com";
    static final String EXT_FSTATVFS = "fstatvfs@openssh.com";
    static final String EXT_FSYNC = "fsync@openssh.com";
    static final String EXT_LSETSTAT = "lsetstat@openssh.com";
    static final String EXT_LIMITS = "limits@openssh.com";
    static final String EXT_EXPAND_PATH = "expand-path@openssh.com";
    static final String EXT_HARDLINK = "hardlink@openssh.com";
}
