package dev.ferry.core.vfs;

/**
 * What a user's files take up, as the file system changes them: the hook through which
 * {@link LocalFileSystem} keeps quota usage true on every upload, delete and rename. Sizes count
 * regular files only (not directories, not symlinks), as {@link DiskUsage} measures them.
 *
 * <p>An upload first {@linkplain #beginWrite opens} (which may refuse it), then
 * {@linkplain #reserve reserves} room before each write and {@linkplain #commit commits} what it
 * wrote, and finally {@linkplain #endWrite ends}. Implementations are thread-safe.
 */
public interface UsageAccount {

    /**
     * An upload is about to open a file: {@code freedBytes} of the existing file are being cut
     * (overwrite, or a restart offset before its end), and {@code newFile} says whether a file is
     * being created. Refuses with {@link VfsException.Reason#QUOTA_EXCEEDED} when no file may be
     * added or no byte may be written; otherwise records the change.
     */
    void beginWrite(String virtualPath, long freedBytes, boolean newFile) throws VfsException;

    /** Undoes {@link #beginWrite} when the file could not be opened after all. */
    void cancelWrite(long freedBytes, boolean newFile);

    /** Reserves room for up to {@code wanted} more bytes; returns how many were granted (0 when full). */
    long reserve(long wanted);

    /** Settles a reservation: {@code written} of the {@code reserved} bytes were written. */
    void commit(long reserved, long written);

    /** The upload's file was closed. */
    void endWrite();

    /** Files were removed (delete, or a rename that replaced a file). */
    void removed(long bytes, long files);

    /**
     * Bytes or files that appeared beyond what an upload counted as it went: object storage
     * settles an upload against the object as it is when the upload is stored.
     */
    default void added(long bytes, long files) {
        removed(-bytes, -files);
    }

    /** Usage is not tracked: every write is granted. */
    UsageAccount UNTRACKED = new UsageAccount() {
        @Override
        public void beginWrite(String virtualPath, long freedBytes, boolean newFile) {
        }

        @Override
        public void cancelWrite(long freedBytes, boolean newFile) {
        }

        @Override
        public long reserve(long wanted) {
            return wanted;
        }

        @Override
        public void commit(long reserved, long written) {
        }

        @Override
        public void endWrite() {
        }

        @Override
        public void removed(long bytes, long files) {
        }
    };
}
