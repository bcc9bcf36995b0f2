package dev.ferry.client.transfer;

import java.time.Duration;

/**
 * How a get or put runs.
 *
 * @param resume     continue a partial file (-c): the local one for get, the remote one for put
 * @param retries    how many times to reconnect and resume after a dropped connection
 * @param verify     check the whole file against the server's hash even when nothing was resumed
 * @param rateLimit  bytes per second, 0 for no limit
 * @param firstRetry the first backoff; it doubles each time up to {@code maxBackoff}
 */
public record TransferOptions(boolean resume, int retries, boolean verify, long rateLimit, Duration firstRetry,
                              Duration maxBackoff) {

    public static TransferOptions defaults() {
        return new TransferOptions(false, 0, false, 0, Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    public TransferOptions withResume(boolean r) {
        return new TransferOptions(r, retries, verify, rateLimit, firstRetry, maxBackoff);
    }

    /** The wait before retry number {@code attempt} (1-based): 1 s, 2 s, 4 s... up to the maximum. */
    public Duration backoff(int attempt) {
        long ms = firstRetry.toMillis() << Math.min(20, Math.max(0, attempt - 1));
        return Duration.ofMillis(Math.min(ms, maxBackoff.toMillis()));
    }
}
