package dev.ferry.core.transfer;

import java.io.IOException;

/**
 * The storage side of a transfer failed (disk full, I/O error), as opposed to the network side;
 * the front-end answers differently (FTP 451/452 rather than 426).
 */
public final class StorageException extends IOException {

    public StorageException(IOException cause) {
        super(cause.getMessage(), cause);
    }

    /** True when the storage is out of space. */
    public boolean isDiskFull() {
        String m = String.valueOf(getMessage());
        return m.contains("No space left") || m.contains("Disk quota exceeded");
    }
}
