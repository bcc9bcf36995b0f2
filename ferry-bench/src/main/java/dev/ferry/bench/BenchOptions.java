package dev.ferry.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * How to run a scenario. Zero in a count means "the scenario's default" (see {@link Scenario}).
 *
 * @param fileSize   bytes per file for retr/stor/raw (and conc-* when {@code concFileSize} is 0)
 * @param clients    concurrent clients (login, conc-*, small-files)
 * @param duration   how long a time-bounded scenario (login) runs
 * @param warmup     how long login runs untimed first
 * @param maxCount   at most this many operations in a time-bounded scenario
 * @param repeat     runs of a transfer scenario; the best is reported, all are in the JSON
 * @param sessions   idle sessions to open
 * @param entries    entries of the listed directory
 * @param files      files per client in small-files
 * @param serverPid  the server's process, for its CPU time and memory from /proc
 * @param workDir    where local source files are made
 * @param timeLimit  a scenario still running after this is stopped (its sockets closed) and fails
 */
public record BenchOptions(FtpUrl target, long fileSize, long concFileSize, int clients, Duration duration, Duration warmup, long maxCount,
                           int repeat, int sessions, int entries, int files, OptionalLong serverPid, Path workDir,
                           Duration timeLimit) {

    public static BenchOptions defaults(FtpUrl target) {
        return new BenchOptions(target, 1L << 30, 10L << 20, 0, Duration.ofSeconds(10), Duration.ofSeconds(3), 1_000_000, 3, 10_000, 10_000, 100,
                OptionalLong.empty(), Path.of(System.getProperty("java.io.tmpdir")), Duration.ofMinutes(5));
    }

    public int clientsOr(int fallback) {
        return clients > 0 ? clients : fallback;
    }
}
