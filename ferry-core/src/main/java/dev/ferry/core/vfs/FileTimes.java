package dev.ferry.core.vfs;

import java.time.Instant;

/**
 * The modification times a client may set: from 1970-01-01T00:00:00Z to 2262-04-11T23:47:16Z.
 * Earlier ones the JDK passes to the kernel as a negative microsecond part (EINVAL) or clamps to
 * 1901; later ones it clamps silently to the end of its nanosecond count, 2262. Neither is what the
 * client asked for, so the protocols refuse them (MFMT 501, SCP's T line a protocol error; SFTP v3
 * times are unsigned 32-bit seconds and always fit).
 */
public final class FileTimes {

    public static final Instant EARLIEST = Instant.EPOCH;
    public static final Instant LATEST = Instant.ofEpochSecond(Long.MAX_VALUE / 1_000_000_000L);

    private FileTimes() {}

    public static boolean isSettable(Instant t) {
        return !t.isBefore(EARLIEST) && !t.isAfter(LATEST);
    }
}
