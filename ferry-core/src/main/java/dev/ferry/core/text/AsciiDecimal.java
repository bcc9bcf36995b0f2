package dev.ferry.core.text;

/**
 * A decimal number as the wire protocols write one: ASCII digits only, no sign, no spaces.
 * {@link Long#parseLong} would also take a '+' and every Unicode script's digits ("REST ١٢٣"
 * as 123), which no protocol here allows.
 */
public final class AsciiDecimal {

    private AsciiDecimal() {
    }

    /** The value of {@code text}, or -1 when it is empty, holds anything but '0'-'9', or passes Long.MAX_VALUE. */
    public static long parse(CharSequence text) {
        int n = text.length();
        if (n == 0) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < n; i++) {
            int d = text.charAt(i) - '0';
            if (d < 0 || d > 9 || value > (Long.MAX_VALUE - d) / 10) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    /** As {@link #parse}, and -1 also for a value above {@code max}. */
    public static long parse(CharSequence text, long max) {
        long v = parse(text);
        return v > max ? -1 : v;
    }

    /** A whole number for a setting or an option: ASCII digits after an optional '-', in int range (but MIN_VALUE). */
    public static java.util.OptionalInt parseInt(String text) {
        boolean negative = text.startsWith("-");
        long v = parse(negative ? text.substring(1) : text, Integer.MAX_VALUE);
        return v < 0 ? java.util.OptionalInt.empty() : java.util.OptionalInt.of((int) (negative ? -v : v));
    }
}
