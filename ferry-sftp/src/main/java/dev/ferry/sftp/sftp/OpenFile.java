package dev.ferry.sftp.sftp;

import dev.ferry.core.transfer.Direction;
import dev.ferry.core.transfer.TransferProgress;
import dev.ferry.core.vfs.VirtualPath;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.time.Duration;
import java.util.Optional;

/**
 * A file opened by an SFTP client: channels from the user's file system (a reader, a writer, or
 * both for READ|WRITE), and what the transfer log will say about it when it is closed.
 *
 * <p>{@code resumeOnly} marks a writer that could only be opened for appending (the user may
 * upload but not overwrite): it accepts writes only where the file ends, so a drop-box user can
 * resume an upload but never rewrite stored bytes.
 */
final class OpenFile implements AutoCloseable {

    final VirtualPath path;
    final Optional<SeekableByteChannel> reader;
    final Optional<SeekableByteChannel> writer;
    /** The client opened with APPEND: every write goes to the end, whatever its offset. */
    final boolean append;
    final boolean resumeOnly;
    /** Where the channels are, as far as we moved them: saves a seek per request. */
    long readPosition;
    long writePosition;
    private final long startNanos = System.nanoTime();
    private TransferProgress progress;
    private long read;
    private long written;
    private String result = "ok";

    OpenFile(VirtualPath path, Optional<SeekableByteChannel> reader, Optional<SeekableByteChannel> writer, boolean append,
             boolean resumeOnly) {
        this.path = path;
        this.reader = reader;
        this.writer = writer;
        this.append = append;
        this.resumeOnly = resumeOnly;
        this.readPosition = 0;
        this.writePosition = writer.map(w -> {
            try {
                return w.position();
            } catch (java.io.IOException e) {
                return 0L;
            }
        }).orElse(0L);
    }

    /** The progress a session's status shows, created at the first byte moved. */
    TransferProgress progress(Direction direction) {
        if (progress == null) {
            progress = new TransferProgress(path.toString(), direction, 0, -1);
        }
        return progress;
    }

    Optional<TransferProgress> progress() {
        return Optional.ofNullable(progress);
    }

    void countRead(int n) {
        read += n;
        progress(Direction.DOWNLOAD).add(n);
    }

    void countWritten(int n) {
        written += n;
        progress(Direction.UPLOAD).add(n);
    }

    void fail(String why) {
        result = why;
    }

    /** Whether the transfer log should get a line: an upload always, a download once it read something. */
    boolean worthLogging() {
        return writer.isPresent() || read > 0;
    }

    Direction direction() {
        return writer.isPresent() ? Direction.UPLOAD : Direction.DOWNLOAD;
    }

    long bytes() {
        return writer.isPresent() ? written : read;
    }

    String result() {
        return result;
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (Optional<SeekableByteChannel> ch : java.util.List.of(reader, writer)) {
            if (ch.isPresent()) {
                try {
                    ch.get().close();
                } catch (IOException e) {
                    failure = e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
