package dev.ferry.core.transfer;

import dev.ferry.core.vfs.QuotaWrite;
import java.io.IOException;

/**
 * An upload's storage that is a local file and can take bytes written into it by the kernel
 * ({@link SocketSplice}) rather than from a buffer: the same quota, the same start of a replacing
 * upload, the same position as its ordinary {@code write}.
 */
public interface DirectFileSink {

    /**
     * Has {@code writer} write up to {@code count} bytes at this sink's position, counted against
     * the quota as a write of that many bytes from a buffer would be; returns the bytes written.
     *
     * @throws QuotaExceededException when the quota has no room for a single byte
     */
    int writeDirect(int count, QuotaWrite.Writer writer) throws IOException;
}
