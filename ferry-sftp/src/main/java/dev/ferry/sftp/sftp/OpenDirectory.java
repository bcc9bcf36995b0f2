package dev.ferry.sftp.sftp;

import dev.ferry.core.vfs.FileEntry;
import dev.ferry.core.vfs.VirtualPath;
import java.util.Iterator;
import java.util.stream.Stream;

/** A directory being listed: the vfs's stream, read a batch per READDIR, never all at once. */
final class OpenDirectory implements AutoCloseable {

    final VirtualPath path;
    private final Stream<FileEntry> entries;
    final Iterator<FileEntry> iterator;

    OpenDirectory(VirtualPath path, Stream<FileEntry> entries) {
        this.path = path;
        this.entries = entries;
        this.iterator = entries.iterator();
    }

    @Override
    public void close() {
        entries.close();
    }
}
