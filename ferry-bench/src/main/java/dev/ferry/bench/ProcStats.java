package dev.ferry.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * CPU time and memory of a process tree, from /proc (Linux). A forking server (vsftpd, proftpd,
 * pure-ftpd) does its work in children, so a server's figures are the sum over the given process
 * and all its descendants: utime+stime of the live ones plus cutime+cstime, which holds the time
 * of children already reaped. Clock ticks are USER_HZ, 100 on every Linux architecture we run on.
 */
public final class ProcStats {

    private static final long NANOS_PER_TICK = 10_000_000L;

    private ProcStats() {}

    /** CPU time of this JVM, in nanoseconds. */
    public static long selfCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long t = os.getProcessCpuTime();
            if (t >= 0) {
                return t;
            }
        }
        return treeCpuNanos(ProcessHandle.current().pid()).orElse(0);
    }

    /** CPU time of {@code pid} and its descendants, or empty when the process is gone. */
    public static OptionalLong treeCpuNanos(long pid) {
        List<long[]> stats = treeStats(pid);
        if (stats.isEmpty()) {
            return OptionalLong.empty();
        }
        long ticks = 0;
        for (long[] s : stats) {
            ticks += s[1] + s[2] + s[3] + s[4];
        }
        return OptionalLong.of(ticks * NANOS_PER_TICK);
    }

    /** Resident memory of {@code pid} and its descendants (VmRSS summed), in bytes. */
    public static OptionalLong treeRssBytes(long pid) {
        return treeSum(pid, "/status", "VmRSS:");
    }

    /**
     * Proportional set size of the tree (Pss, shared pages divided among their sharers), in bytes:
     * fairer than RSS for forking servers whose children share their parent's pages.
     */
    public static OptionalLong treePssBytes(long pid) {
        return treeSum(pid, "/smaps_rollup", "Pss:");
    }

    /** How many processes the tree holds now. */
    public static int treeSize(long pid) {
        return treeStats(pid).size();
    }

    private static OptionalLong treeSum(long pid, String file, String key) {
        List<long[]> stats = treeStats(pid);
        if (stats.isEmpty()) {
            return OptionalLong.empty();
        }
        long total = 0;
        for (long[] s : stats) {
            total += kib(Path.of("/proc", Long.toString(s[0]) + file), key);
        }
        return OptionalLong.of(total * 1024);
    }

    private static long kib(Path file, String key) {
        try {
            for (String l : Files.readAllLines(file)) {
                if (l.startsWith(key)) {
                    String v = l.substring(key.length()).trim();
                    int sp = v.indexOf(' ');
                    return Long.parseLong(sp < 0 ? v : v.substring(0, sp));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended between listing and reading
        }
        return 0;
    }

    /** [pid, utime, stime, cutime, cstime] of {@code root} and every descendant. */
    private static List<long[]> treeStats(long root) {
        Map<Long, List<long[]>> byParent = new HashMap<>();
        long[] rootStat = null;
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> isDigits(p.getFileName().toString()))) {
            for (Path p : procs) {
                long pid = Long.parseLong(p.getFileName().toString());
                long[] s = stat(pid);
                if (s == null) {
                    continue;
                }
                if (pid == root) {
                    rootStat = s;
                }
                byParent.computeIfAbsent(s[5], k -> new ArrayList<>()).add(s);
            }
        } catch (IOException e) {
            return List.of();
        }
        if (rootStat == null) {
            return List.of();
        }
        List<long[]> out = new ArrayList<>();
        List<long[]> todo = new ArrayList<>(List.of(rootStat));
        while (!todo.isEmpty()) {
            long[] s = todo.remove(todo.size() - 1);
            out.add(s);
            todo.addAll(byParent.getOrDefault(s[0], List.of()));
        }
        return out;
    }

    /** [pid, utime, stime, cutime, cstime, ppid] from /proc/pid/stat, or null if gone. */
    private static long[] stat(long pid) {
        String text;
        try {
            text = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException e) {
            return null;
        }
        // The command name (field 2) is in parentheses and may hold spaces: parse after its end.
        int close = text.lastIndexOf(')');
        if (close < 0) {
            return null;
        }
        String[] f = text.substring(close + 2).trim().split(" ");
        // f[0] is field 3 (state); ppid is field 4; utime..cstime are fields 14..17.
        try {
            return new long[] {pid, Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14]),
                    Long.parseLong(f[1])};
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    /** The soft limit on open files of this process (what the JVM raised it to), if known. */
    public static OptionalLong openFileLimit() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (l.startsWith("Max open files")) {
                    String[] f = l.substring("Max open files".length()).trim().split("\\s+");
                    return f[0].equals("unlimited") ? OptionalLong.of(Long.MAX_VALUE) : OptionalLong.of(Long.parseLong(f[0]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return OptionalLong.empty();
    }
}
