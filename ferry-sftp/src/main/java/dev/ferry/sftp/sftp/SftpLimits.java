package dev.ferry.sftp.sftp;

/**
 * The sizes the server allows and advertises (limits@openssh.com), the same as OpenSSH's
 * sftp-server: clients that read the extension then move 255 KiB per request instead of 32 KiB.
 */
final class SftpLimits {

    private SftpLimits() {}

    /** Longest SFTP packet either side may send (OpenSSH's SFTP_MAX_MSG_LENGTH). */
    static final int MAX_PACKET = 256 * 1024;
    /** Most bytes one READ returns or one WRITE carries. */
    static final int MAX_READ = MAX_PACKET - 1024;
    static final int MAX_WRITE = MAX_PACKET - 1024;
    /** Open file and directory handles per SSH connection, over all its SFTP channels (see HandleBudget). */
    static final int MAX_HANDLES = 1024;
    /** Entries per READDIR reply. */
    static final int DIR_BATCH = 128;
}
