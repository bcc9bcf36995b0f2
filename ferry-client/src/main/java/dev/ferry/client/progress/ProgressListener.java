package dev.ferry.client.progress;

import java.time.Duration;

/** Told about one file transfer as it goes; implementations are cheap to call per buffer. */
public interface ProgressListener {

    /** The transfer (re)starts at {@code offset} of {@code total} bytes (-1 unknown). */
    void started(long offset, long total);

    /** {@code bytes} more have moved. */
    void advanced(long bytes);

    /** The connection dropped; a retry follows after {@code wait}. */
    void retrying(String why, Duration wait);

    /** The partial copy a resume found is not the start of the file ({@code why}); the transfer starts over. */
    void restarting(String why);

    /** Done; {@code note} is appended to the final line ("verified sha256"). */
    void finished(String note);

    /** Given up; the caller reports {@code why} itself, this only takes the transfer off the display. */
    void failed(String why);

    ProgressListener NONE = new ProgressListener() {
        @Override
        public void started(long offset, long total) {}

        @Override
        public void advanced(long bytes) {}

        @Override
        public void retrying(String why, Duration wait) {}

        @Override
        public void restarting(String why) {}

        @Override
        public void finished(String note) {}

        @Override
        public void failed(String why) {}
    };
}
