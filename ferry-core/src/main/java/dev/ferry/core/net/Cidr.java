package dev.ferry.core.net;

import dev.ferry.core.text.AsciiDecimal;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * An address block such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}; a bare address is a block
 * of one. IPv4-mapped IPv6 addresses ({@code ::ffff:a.b.c.d}) match IPv4 blocks, since a
 * dual-stack listener reports IPv4 clients that way.
 */
public record Cidr(byte[] network, int prefixLength) {

    public Cidr {
        network = network.clone();
        if (prefixLength < 0 || prefixLength > network.length * 8) {
            throw new IllegalArgumentException("prefix length out of range");
        }
        network = mask(network, prefixLength);
    }

    public static Cidr parse(String spec) {
        String s = spec.trim();
        int slash = s.indexOf('/');
        String addr = slash < 0 ? s : s.substring(0, slash);
        // IPv4 as four decimal octets only: InetAddress also reads inet_aton's "1.2.3" (as 1.2.0.3)
        // and "01.02.03.04"; IPv6 in its own syntax.
        boolean v4 = addr.matches("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
        if (addr.isEmpty() || !(v4 || addr.contains(":") && addr.matches("[0-9a-fA-F:.]+"))) {
            throw new IllegalArgumentException("not an IP address or CIDR block: '" + spec + "'");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(addr).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address or CIDR block: '" + spec + "'");
        }
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            long bits = AsciiDecimal.parse(s.substring(slash + 1));
            if (bits < 0) {
                throw new IllegalArgumentException("bad prefix length in '" + spec + "'");
            }
            if (bits > bytes.length * 8) {
                throw new IllegalArgumentException("prefix length out of range in '" + spec + "'");
            }
            prefix = (int) bits;
        }
        return new Cidr(bytes, prefix);
    }

    /** Parses a comma-separated list; blank or "none" gives an empty list. */
    public static List<Cidr> parseList(String spec) {
        List<Cidr> out = new ArrayList<>();
        if (spec == null || spec.isBlank() || spec.trim().equalsIgnoreCase("none")) {
            return out;
        }
        for (String part : spec.split(",")) {
            if (!part.isBlank()) {
                out.add(parse(part));
            }
        }
        return out;
    }

    public boolean contains(InetAddress address) {
        byte[] a = canonical(address).getAddress();
        if (a.length != network.length) {
            return false;
        }
        return java.util.Arrays.equals(mask(a, prefixLength), network);
    }

    /** Whether every address of {@code other} is also in this block (same address family). */
    public boolean covers(Cidr other) {
        return other.network.length == network.length && other.prefixLength >= prefixLength
                && java.util.Arrays.equals(mask(other.network, prefixLength), network);
    }

    public static boolean anyContains(List<Cidr> blocks, InetAddress address) {
        for (Cidr c : blocks) {
            if (c.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** Unwraps IPv4-mapped IPv6 addresses to plain IPv4. */
    public static InetAddress canonical(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            mapped &= b[10] == (byte) 0xff && b[11] == (byte) 0xff;
            if (mapped) {
                try {
                    return Inet4Address.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return address;
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] &= (byte) (0xff << (8 - bits));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefixLength == prefixLength && java.util.Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(network) * 31 + prefixLength;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
