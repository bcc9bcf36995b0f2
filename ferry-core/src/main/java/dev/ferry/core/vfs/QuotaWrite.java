package dev.ferry.core.vfs;

import dev.ferry.core.transfer.QuotaExceededException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * One write of an upload, counted against the quota: the bytes by which it would grow the file
 * are reserved first; when the quota has less room, it stops at exactly the last byte that fits,
 * and a write with no room at all throws {@link QuotaExceededException}. Rewriting bytes inside
 * the file costs nothing. The one rule for every upload channel (local files, object storage's
 * spool; bytes spliced straight from a socket), so the quota cannot read differently between them.
 */
public final class QuotaWrite {

    private QuotaWrite() {}

    /** What a write did: bytes written at the position, and by how much the file grew. */
    public record Result(int written, long grew) {}

    /**
     * Writes into a file at a position, returning the bytes written (at least one unless it
     * throws): a pwrite from a buffer, or a splice from a pipe ({@link dev.ferry.core.transfer.DirectFileSink}).
     */
    @FunctionalInterface
    public interface Writer {
        int write(FileChannel file, long position, int count) throws IOException;
    }

    /** Writes {@code src} at {@code position} of a file of {@code size} bytes (pwrite: the channel's own position is not used). */
    public static Result write(FileChannel file, ByteBuffer src, long position, long size, UsageAccount account) throws IOException {
        int limit = src.limit();
        return write(file, src.remaining(), position, size, account, (f, at, count) -> {
            try {
                src.limit(src.position() + count);
                return f.write(src, at);
            } finally {
                src.limit(limit);
            }
        });
    }

    /** Writes up to {@code want} bytes at {@code position} of a file of {@code size} bytes through {@code writer}. */
    public static Result write(FileChannel file, int want, long position, long size, UsageAccount account, Writer writer)
            throws IOException {
        if (want == 0) {
            return new Result(0, 0);
        }
        long growth = Math.max(0, position + want - size);
        long granted = growth == 0 ? 0 : account.reserve(growth);
        int allowed = want;
        if (granted < growth) {
            allowed = (int) Math.max(0, Math.min(want, size + granted - position));
            if (allowed == 0) {
                account.commit(granted, 0);
                throw new QuotaExceededException("Quota exceeded");
            }
        }
        int written = 0;
        long grew = 0;
        try {
            written = writer.write(file, position, allowed);
        } finally {
            // A write that failed before its first byte leaves the file as it was, even when it
            // was aimed past the end (the size is not moved up to the position).
            grew = written == 0 ? 0 : Math.max(0, position + written - size);
            account.commit(granted, grew);
        }
        return new Result(written, grew);
    }
}
