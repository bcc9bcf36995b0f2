package dev.ferry.ftp.listing;

import dev.ferry.core.vfs.FileEntry;
import dev.ferry.core.vfs.FileType;
import java.time.Instant;

/** Builders for the file entries the tests format. */
final class Entries {

    private Entries() {}

    static FileEntry file(String name, long size, Instant modified) {
        return new FileEntry(name, FileType.FILE, size, modified, 0644, 1, "801g" + Math.abs(name.hashCode()));
    }

    static FileEntry dir(String name, Instant modified) {
        return new FileEntry(name, FileType.DIRECTORY, 0, modified, 0755, 3, "801g" + Math.abs(name.hashCode()));
    }

    static FileEntry other(String name, Instant modified) {
        return new FileEntry(name, FileType.OTHER, 0, modified, 0644, 1, "801g" + Math.abs(name.hashCode()));
    }

    static FileEntry withMode(FileEntry e, int mode) {
        return new FileEntry(e.name(), e.type(), e.size(), e.modified(), mode, e.links(), e.uniqueId());
    }

    static FileEntry withUnique(FileEntry e, String uniqueId) {
        return new FileEntry(e.name(), e.type(), e.size(), e.modified(), e.mode(), e.links(), uniqueId);
    }
}
