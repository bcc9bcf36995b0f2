package dev.ferry.core.config;

/** An inclusive range of TCP ports; {@link #ANY} lets the operating system choose. */
public record PortRange(int first, int last) {

    public static final PortRange ANY = new PortRange(0, 0);

    public PortRange {
        if (first < 0 || last > 65535 || first > last || (first == 0) != (last == 0)) {
            throw new IllegalArgumentException("bad port range " + first + "-" + last);
        }
    }

    public static PortRange parse(String text) {
        String s = text.trim();
        if (s.isEmpty() || s.equals("0") || s.equalsIgnoreCase("any")) {
            return ANY;
        }
        String[] parts = s.split("-", -1);
        try {
            int a = Integer.parseInt(parts[0].trim());
            int b = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : a;
            if (parts.length > 2 || a < 1 || b > 65535 || a > b) {
                throw new IllegalArgumentException();
            }
            return new PortRange(a, b);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a port range: '" + text + "' (example: 30000-30999, or 'any')");
        }
    }

    public boolean isAny() {
        return first == 0;
    }

    public int size() {
        return isAny() ? 0 : last - first + 1;
    }

    @Override
    public String toString() {
        return isAny() ? "any" : first + "-" + last;
    }
}
