package dev.ferry.core.vfs;

import java.nio.channels.SeekableByteChannel;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * One user's view of their files: the only way a front-end reaches storage. Every method takes a
 * {@link VirtualPath} (already normalised), confines it to the user's home (symlinks included),
 * checks the user's permission for the operation at that path, and only then acts. Failures are
 * {@link VfsException}s whose messages name virtual paths only.
 *
 * <p>Every change in what the files take up (upload, overwrite, delete, a rename that replaces a
 * file) is counted here, in the one place that knows the sizes, so quota usage stays true in every
 * protocol.
 *
 * <p>Implementations are thread-safe: an FTP session's control and data threads share one.
 */
public interface UserFileSystem {

    /**
     * Facts about one file or directory. Needs the LIST permission; for a directory, the UPLOAD
     * permission there is enough (a client uploading into a drop box asks whether it is one).
     */
    FileEntry stat(VirtualPath path) throws VfsException;

    /** Succeeds when {@code path} is a directory the user may enter (CWD). */
    void checkDirectory(VirtualPath path) throws VfsException;

    /**
     * The entries of a directory, streamed (never all in memory at once); close the stream. Needs
     * the LIST permission. Entries that cannot be read, or that lead outside the home, are skipped.
     */
    Stream<FileEntry> list(VirtualPath directory) throws VfsException;

    /** Opens a regular file for reading, positioned at {@code offset}. Needs DOWNLOAD. */
    SeekableByteChannel openRead(VirtualPath path, long offset) throws VfsException;

    /**
     * Opens a file for writing. Creating a file needs UPLOAD; replacing existing bytes also needs
     * OVERWRITE; pure appends to an existing file need UPLOAD only, so that a drop-box user can
     * resume an interrupted upload.
     *
     * <p>The channel is positioned as the mode says. With {@link WriteMode.At} and
     * {@link WriteMode.Append} the caller writes on from there and never moves back (the bytes
     * before were checked with UPLOAD only, not OVERWRITE); with the other modes every byte is
     * the caller's to write, and it may move the channel anywhere.
     *
     * <p>Under a quota, opening fails with {@link VfsException.Reason#QUOTA_EXCEEDED} when no file
     * may be added or no byte written, and the channel writes up to the last byte that fits, then
     * throws {@link dev.ferry.core.transfer.QuotaExceededException}. Closing it settles the usage.
     */
    SeekableByteChannel openWrite(VirtualPath path, WriteMode mode) throws VfsException;

    /**
     * As {@link #openWrite(VirtualPath, WriteMode)}, a file the open creates getting the rwx bits
     * of {@code newFileMode}, less the server's umask, in the create itself (as open(2) and
     * OpenSSH's server do: an SFTP OPEN carries the local file's mode). The owner keeps read and
     * write, as {@link #setMode} keeps them. An existing file keeps its mode; storage without
     * modes ignores it.
     */
    default SeekableByteChannel openWrite(VirtualPath path, WriteMode mode, int newFileMode) throws VfsException {
        return openWrite(path, mode);
    }

    /** Deletes a file (not a directory). Needs DELETE. Returns the size of the deleted file. */
    long delete(VirtualPath path) throws VfsException;

    /** Renames a file or directory. Needs RENAME at both ends, and OVERWRITE to replace a file. */
    void rename(VirtualPath from, VirtualPath to) throws VfsException;

    /** Creates a directory. Needs MKDIR. */
    void mkdir(VirtualPath path) throws VfsException;

    /** Removes an empty directory. Needs RMDIR. The home itself can never be removed. */
    void rmdir(VirtualPath path) throws VfsException;

    /**
     * Sets the modification time of a file or directory. Needs SET_TIME. The time must be
     * {@linkplain FileTimes#isSettable settable}; the protocols check that first.
     */
    void setModified(VirtualPath path, Instant time) throws VfsException;

    /**
     * Sets the permission bits of a file or directory (SFTP SETSTAT, scp -p). Needs OVERWRITE.
     * Only the rwx bits are taken, and the owner keeps read and write (and search, for a
     * directory): the server reads and writes as that owner, and a user must not lock it out of
     * their own files. Set-id and sticky bits are never set.
     */
    void setMode(VirtualPath path, int mode) throws VfsException;
}
