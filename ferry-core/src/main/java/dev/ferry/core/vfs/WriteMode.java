package dev.ferry.core.vfs;

/** How an upload opens its target. */
public sealed interface WriteMode {

    /** Create, or replace the whole content of an existing file, cut when it is opened. */
    record Truncate() implements WriteMode {}

    /**
     * Create, or replace the whole content of an existing file, but cut it only when the upload
     * starts: at the first write, even of zero bytes. Closed before that, an existing file is left
     * as it was (FTP STOR: a data connection that never comes must not destroy the old file).
     */
    record Replace() implements WriteMode {}

    /** Create, or add to the end of an existing file (APPE). */
    record Append() implements WriteMode {}

    /** Keep the first {@code offset} bytes and write from there on (REST n + STOR). */
    record At(long offset) implements WriteMode {}

    /** Create a new file; fail with ALREADY_EXISTS if the name is taken (STOU). */
    record CreateNew() implements WriteMode {}

    /**
     * Create, or open keeping the content, for writes at any offset (an SFTP open without TRUNC or
     * APPEND, as sshfs and resuming clients do). Since any byte may be rewritten, an existing
     * non-empty file also needs OVERWRITE.
     */
    record Update() implements WriteMode {}

    WriteMode TRUNCATE = new Truncate();
    WriteMode REPLACE = new Replace();
    WriteMode APPEND = new Append();
    WriteMode CREATE_NEW = new CreateNew();
    WriteMode UPDATE = new Update();
}
