package dev.ferry.core.vfs;

import dev.ferry.core.user.User;
import java.io.IOException;
import java.util.OptionalLong;

/**
 * Where users' files live: local directories ({@link LocalStorage}, the default) or an
 * S3-compatible bucket shared by several nodes (ferry-s3). Each login opens the user's confined
 * {@link UserFileSystem} through it; the quota ledger measures a user's usage through it when the
 * store does not know it; statvfs asks it for room.
 */
public interface Storage {

    /** Opens the user's files, creating an empty home the first time. */
    UserFileSystem open(User user, String who, UsageAccount usage) throws IOException;

    /** What the user's files take up, counted one by one (regular files only). */
    DiskUsage.Totals measure(User user) throws IOException;

    /** Bytes free for the user where the storage can say (a disk; for a bucket, its upload spool's disk). */
    OptionalLong freeBytes(User user) throws IOException;

    /** Bytes in all where the storage can say. */
    OptionalLong totalBytes(User user) throws IOException;

    /** For the start-up line: "./ferry-data/home", "s3://bucket/prefix at http://...". */
    String describe();
}
