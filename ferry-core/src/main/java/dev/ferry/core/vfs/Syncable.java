package dev.ferry.core.vfs;

import java.io.IOException;

/**
 * A write channel whose bytes can be forced to stable storage on request (SFTP's
 * fsync@openssh.com). Nothing is forced otherwise: closing an upload does not fsync.
 */
public interface Syncable {

    /** Forces the file's content and metadata to the storage device (fsync). */
    void sync() throws IOException;
}
