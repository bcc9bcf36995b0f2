package dev.ferry.client.progress;

import dev.ferry.core.config.Units;
import java.time.Duration;
import java.util.Locale;

/** How sizes, rates and times read in progress lines: "12.3 MiB", "45.6 MiB/s", "1:02". */
public final class Formats {

    private Formats() {}

    /** As the server writes sizes in its logs and listings ({@link Units#formatSize}). */
    public static String size(long bytes) {
        return Units.formatSize(bytes);
    }

    public static String rate(double bytesPerSecond) {
        return size((long) bytesPerSecond) + "/s";
    }

    /** "0:07", "12:30", "1:02:03"; "--:--" when unknown. */
    public static String clock(Duration d) {
        if (d == null || d.isNegative()) {
            return "--:--";
        }
        long s = d.toSeconds();
        if (s >= 100 * 3600) {
            return ">99h";
        }
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** Seconds with one decimal: "3.2 s". */
    public static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /** A bar of {@code width} cells, {@code fraction} of it full: "[=====>    ]". */
    public static String bar(double fraction, int width) {
        int inner = Math.max(1, width - 2);
        double f = Math.max(0, Math.min(1, fraction));
        int full = (int) Math.floor(f * inner);
        StringBuilder b = new StringBuilder(width).append('[');
        for (int i = 0; i < inner; i++) {
            b.append(i < full ? '=' : i == full && f < 1 ? '>' : ' ');
        }
        return b.append(']').toString();
    }

    /** Shortens from the left with "..." so that it fits {@code width}. */
    public static String fit(String s, int width) {
        if (s.length() <= width) {
            return s;
        }
        return width <= 3 ? s.substring(s.length() - width) : "..." + s.substring(s.length() - width + 3);
    }

    /** Text from a server made safe for a terminal: control characters become '?'. */
    public static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) ? '?' : c);
        }
        return b.toString();
    }
}
