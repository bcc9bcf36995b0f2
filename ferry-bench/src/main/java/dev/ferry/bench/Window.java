package dev.ferry.bench;

import java.util.OptionalLong;

/**
 * The timed part of a scenario: wall time, and the CPU time this generator and the server spent
 * in it, so each figure can be read against what it cost.
 */
public final class Window {

    private final OptionalLong serverPid;
    private final long startNanos;
    private final long selfCpuStart;
    private final OptionalLong serverCpuStart;

    private Window(OptionalLong serverPid) {
        this.serverPid = serverPid;
        this.serverCpuStart = cpu(serverPid);
        this.selfCpuStart = ProcStats.selfCpuNanos();
        this.startNanos = System.nanoTime();
    }

    public static Window open(OptionalLong serverPid) {
        return new Window(serverPid);
    }

    public Timing close() {
        long wall = System.nanoTime() - startNanos;
        long self = ProcStats.selfCpuNanos() - selfCpuStart;
        OptionalLong serverEnd = cpu(serverPid);
        OptionalLong server = serverCpuStart.isPresent() && serverEnd.isPresent()
                ? OptionalLong.of(serverEnd.getAsLong() - serverCpuStart.getAsLong()) : OptionalLong.empty();
        return new Timing(wall, self, server);
    }

    private static OptionalLong cpu(OptionalLong pid) {
        return pid.isPresent() ? ProcStats.treeCpuNanos(pid.getAsLong()) : OptionalLong.empty();
    }

    /** What a window measured, in nanoseconds. */
    public record Timing(long wallNanos, long clientCpuNanos, OptionalLong serverCpuNanos) {

        public double seconds() {
            return wallNanos / 1e9;
        }
    }
}
