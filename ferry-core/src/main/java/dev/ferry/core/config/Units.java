package dev.ferry.core.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing and printing of human-friendly sizes ("20MiB"), rates ("1MiB/s") and durations ("5m"). */
public final class Units {

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgtpe]?)(i?)(b?)", Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)?", Pattern.CASE_INSENSITIVE);

    private Units() {}

    /**
     * Bytes from "1048576", "512K", "20MiB", "1.5GB" or "0". Every multiple is binary (K = 1024),
     * with or without the "i": that is what administrators mean by a quota of "10G". Exact: a size
     * that is not a whole number of bytes ("0.5", "0.0001K"), passes 2^63 - 1, or is written in IEC
     * bits ("1Mib", a lower-case b after the "i") is refused, never rounded, clamped or read as bytes.
     */
    public static long parseSize(String text) {
        String s = text.trim();
        Matcher m = SIZE.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size: '" + text + "' (examples: 0, 4096, 512KiB, 20MiB, 1.5GiB)");
        }
        if (!m.group(3).isEmpty() && m.group(4).equals("b")) {
            throw new IllegalArgumentException("not a size: '" + text + "' (a lower-case b after the i means bits; write B for bytes)");
        }
        int power = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "" -> 0;
            case "k" -> 1;
            case "m" -> 2;
            case "g" -> 3;
            case "t" -> 4;
            case "p" -> 5;
            case "e" -> 6;
            default -> throw new IllegalArgumentException("not a size: '" + text + "'");
        };
        java.math.BigDecimal bytes = new java.math.BigDecimal(m.group(1)).multiply(java.math.BigDecimal.valueOf(1024).pow(power));
        if (bytes.compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("size too large: '" + text + "' (at most 8EiB - 1)");
        }
        try {
            return bytes.longValueExact();
        } catch (ArithmeticException fraction) {
            throw new IllegalArgumentException("not a whole number of bytes: '" + text + "'");
        }
    }

    /** Bytes per second from "1MiB/s", "512K/s", "1048576" or "0" (unlimited). */
    public static long parseRate(String text) {
        String s = text.trim();
        if (s.toLowerCase(Locale.ROOT).endsWith("/s")) {
            s = s.substring(0, s.length() - 2);
        }
        try {
            return parseSize(s);
        } catch (IllegalArgumentException e) {
            // The size's own examples would repeat these; only its point about bits is worth keeping.
            String bits = e.getMessage() != null && e.getMessage().contains("bits") ? " (a lower-case b after the i means bits; write B for bytes)" : "";
            throw new IllegalArgumentException("not a rate: '" + text + "'" + bits + " (examples: 0 for unlimited, 512KiB/s, 1MiB/s)");
        }
    }

    /** A duration from "300", "300s", "5m", "1h", "2d", "500ms" or ISO-8601 ("PT5M"). Bare numbers are seconds. */
    public static Duration parseDuration(String text) {
        String s = text.trim();
        if (s.toUpperCase(Locale.ROOT).startsWith("P")) {
            return Duration.parse(s.toUpperCase(Locale.ROOT));
        }
        Matcher m = DURATION.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (examples: 30s, 5m, 1h, 7d, 500ms)");
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
        double millis = switch (unit) {
            case "ms" -> n;
            case "s" -> n * 1000;
            case "m" -> n * 60_000;
            case "h" -> n * 3_600_000;
            case "d" -> n * 86_400_000;
            default -> throw new IllegalArgumentException("not a duration: '" + text + "'");
        };
        return Duration.ofMillis(Math.round(millis));
    }

    public static String formatSize(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = bytes;
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, units[i]);
    }

    public static String formatDuration(Duration d) {
        long s = d.toSeconds();
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + "ms";
        }
        if (s % 86400 == 0 && s > 0) {
            return s / 86400 + "d";
        }
        if (s % 3600 == 0 && s > 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0 && s > 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
