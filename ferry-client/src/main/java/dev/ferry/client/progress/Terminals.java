package dev.ferry.client.progress;

import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Is a stream a terminal, and how wide is it. On Linux the answer for one file descriptor comes
 * from /proc/self/fd (so "ferry get ... 2>log" gets plain lines even when stdout is a terminal);
 * elsewhere {@link Console#isTerminal()} (JDK 22+) or the presence of a console decides.
 */
public final class Terminals {

    private Terminals() {}

    /** fd 2: where progress goes. */
    public static boolean stderrIsTerminal(Map<String, String> env) {
        return isTerminal(2, env);
    }

    public static boolean isTerminal(int fd, Map<String, String> env) {
        if ("dumb".equals(env.get("TERM"))) {
            return false;
        }
        Path link = Path.of("/proc/self/fd/" + fd);
        if (Files.exists(Path.of("/proc/self/fd"))) {
            try {
                String target = Files.readSymbolicLink(link).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
            } catch (Exception e) {
                return false;
            }
        }
        Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            Method m = Console.class.getMethod("isTerminal");
            return (Boolean) m.invoke(c);
        } catch (ReflectiveOperationException e) {
            return true; // before JDK 22 a console exists only on a terminal
        }
    }

    /** Columns: $COLUMNS when set, else `stty size` on the controlling terminal, else 80. */
    public static int width(Map<String, String> env) {
        String cols = env.get("COLUMNS");
        if (cols != null) {
            try {
                int n = Integer.parseInt(cols.trim());
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // fall through
            }
        }
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/tty")))
                    .redirectErrorStream(true).start();
            String s = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor() == 0) {
                String[] parts = s.split("\\s+");
                if (parts.length == 2) {
                    return Integer.parseInt(parts[1]);
                }
            }
        } catch (Exception ignored) {
            // no terminal to ask
        }
        return 80;
    }

    /** The reporter for a mode, on {@code err}; BAR falls back to PLAIN when err is not a terminal. */
    public static Reporter reporter(Reporter.Mode mode, PrintWriter err, boolean errIsTerminal, int columns) {
        return switch (mode) {
            case QUIET -> new QuietReporter();
            case LINES -> new LineReporter(err, true);
            case PLAIN -> new LineReporter(err, false);
            case BAR -> errIsTerminal ? new TerminalReporter(err, () -> columns) : new LineReporter(err, false);
        };
    }
}
