package dev.ferry.core.vfs;

import java.time.Instant;

/**
 * What a listing or a stat says about one file. Symlinks that stay inside the home are reported as
 * what they point to; symlinks that lead out of it are never reported at all.
 *
 * @param name     the last path component as the client sees it
 * @param type     file, directory or other
 * @param size     size in bytes (0 for directories)
 * @param modified last modification time
 * @param mode     Unix permission bits (e.g. 0644), without the file-type bits
 * @param links    hard link count
 * @param uniqueId a stable identifier of the underlying object (device and inode), for MLSx "unique"
 */
public record FileEntry(String name, FileType type, long size, Instant modified, int mode, long links, String uniqueId) {

    public boolean isDirectory() {
        return type == FileType.DIRECTORY;
    }

    public boolean isFile() {
        return type == FileType.FILE;
    }
}
