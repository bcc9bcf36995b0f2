package dev.ferry.core.config;

import dev.ferry.core.text.AsciiDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Value parsers for {@link Setting}s; each throws IllegalArgumentException with a clear message. */
final class Parsers {

    private Parsers() {}

    /** A TCP port; 0 means "pick a free one"; "off" (or -1) disables the listener. */
    static int port(String text) {
        String s = text.trim();
        if (s.equalsIgnoreCase("off") || s.equals("-1")) {
            return -1;
        }
        int p = integer(s);
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException("port out of range: " + text + " (0-65535, 0 = any free port, 'off' = disabled)");
        }
        return p;
    }

    /** A whole number in ASCII digits, optionally negative (Integer.parseInt would take any script's digits). */
    static int integer(String text) {
        return AsciiDecimal.parseInt(text.trim())
                .orElseThrow(() -> new IllegalArgumentException("not a whole number: '" + text + "'"));
    }

    static int nonNegative(String text) {
        int n = integer(text);
        if (n < 0) {
            throw new IllegalArgumentException("must not be negative: " + text);
        }
        return n;
    }

    static int positive(String text) {
        int n = integer(text);
        if (n < 1) {
            throw new IllegalArgumentException("must be at least 1: " + text);
        }
        return n;
    }

    static boolean bool(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("not a yes/no value: '" + text + "'");
        };
    }

    static Duration duration(String text) {
        return Units.parseDuration(text);
    }

    static Path path(String text) {
        if (text.isBlank()) { // Path.of("") is the working directory: never what an empty value meant
            throw new IllegalArgumentException("an empty path (leave the setting out for its default)");
        }
        return Path.of(text.trim());
    }

    /** A file name, or empty for "none". */
    static java.util.Optional<Path> optionalPath(String text) {
        return text.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(Path.of(text.trim()));
    }

    static String text(String text) {
        return text.trim();
    }

    /** Comma-separated IP literals (host names are refused: a listener must not depend on DNS). */
    static List<InetAddress> addresses(String text) {
        List<InetAddress> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String s = part.trim();
            if (s.isEmpty()) {
                continue;
            }
            out.add(address(s));
        }
        return List.copyOf(out);
    }

    static InetAddress address(String text) {
        String s = text.trim();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        if (!s.matches("[0-9a-fA-F:.%a-zA-Z0-9]+") || !(s.contains(".") || s.contains(":"))) {
            throw new IllegalArgumentException("not an IP address: '" + text + "'");
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: '" + text + "'");
        }
    }

    static java.util.Optional<InetAddress> optionalAddress(String text) {
        return text.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(address(text));
    }

    /**
     * A directory named relative to another one, such as {@code incoming} or {@code pub/incoming}:
     * no leading "/", no "." or ".." segments, so it cannot name a place outside. Empty = none.
     */
    static String relativeDirectory(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            return s;
        }
        if (s.startsWith("/") || s.contains("\\") || s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("must be a relative directory such as 'incoming', not '" + text + "'");
        }
        for (String part : s.split("/")) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("must be a relative directory such as 'incoming', not '" + text + "'");
            }
        }
        return s;
    }

    static String logLevel(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (!List.of("error", "warn", "info", "debug", "trace").contains(s)) {
            throw new IllegalArgumentException("not a log level: '" + text + "' (error, warn, info, debug, trace)");
        }
        return s;
    }
}
