package dev.ferry.sftp.crypto;

/**
 * The Poly1305 one-time authenticator (RFC 8439, section 2.5) in plain Java, three 44-bit limbs so
 * that each 16-byte block costs nine 64x64-bit multiplications ({@link Math#multiplyHigh} for the
 * upper halves). The fallback when the JDK's own (vectorised) Poly1305 cannot be reached, see
 * {@link JdkPoly1305}.
 */
final class Poly1305 implements OneTimeMac {

    static final int TAG_LENGTH = 16;
    private static final long M44 = (1L << 44) - 1;
    private static final long M42 = (1L << 42) - 1;

    private long r0, r1, r2, s1, s2;
    private long h0, h1, h2;
    private long pad0, pad1;
    private final byte[] partial = new byte[16];
    private int partialLength;

    /** Starts a new tag with a 32-byte one-time key (r, then s). */
    @Override
    public void init(byte[] key, int off) {
        long t0 = le64(key, off);
        long t1 = le64(key, off + 8);
        // r, clamped as the RFC says (r &= 0x0ffffffc0ffffffc0ffffffc0fffffff), split in 44/44/42 bits.
        r0 = t0 & 0xffc0fffffffL;
        r1 = ((t0 >>> 44) | (t1 << 20)) & 0xfffffc0ffffL;
        r2 = (t1 >>> 24) & 0x00ffffffc0fL;
        // 2^130 = 5 (mod p), and limb products that land at 2^132 or 2^176 carry an extra factor 4.
        s1 = r1 * 20;
        s2 = r2 * 20;
        h0 = h1 = h2 = 0;
        pad0 = le64(key, off + 16);
        pad1 = le64(key, off + 24);
        partialLength = 0;
    }

    @Override
    public void update(byte[] in, int off, int len) {
        if (partialLength > 0) {
            int n = Math.min(len, 16 - partialLength);
            System.arraycopy(in, off, partial, partialLength, n);
            partialLength += n;
            off += n;
            len -= n;
            if (partialLength < 16) {
                return;
            }
            blocks(partial, 0, 16, 1L << 40);
            partialLength = 0;
        }
        int full = len & ~15;
        if (full > 0) {
            blocks(in, off, full, 1L << 40);
        }
        int rest = len - full;
        if (rest > 0) {
            System.arraycopy(in, off + full, partial, 0, rest);
            partialLength = rest;
        }
    }

    /** Writes the 16-byte tag at {@code out[off]}. */
    @Override
    public void finish(byte[] out, int off) {
        if (partialLength > 0) {
            partial[partialLength] = 1;
            for (int i = partialLength + 1; i < 16; i++) {
                partial[i] = 0;
            }
            blocks(partial, 0, 16, 0);
            partialLength = 0;
        }
        // Fully carry h.
        long c;
        c = h1 >>> 44; h1 &= M44;
        h2 += c; c = h2 >>> 42; h2 &= M42;
        h0 += c * 5; c = h0 >>> 44; h0 &= M44;
        h1 += c; c = h1 >>> 44; h1 &= M44;
        h2 += c; c = h2 >>> 42; h2 &= M42;
        h0 += c * 5; c = h0 >>> 44; h0 &= M44;
        h1 += c;
        // g = h - p = h + 5 - 2^130; take g when it does not borrow.
        long g0 = h0 + 5; c = g0 >>> 44; g0 &= M44;
        long g1 = h1 + c; c = g1 >>> 44; g1 &= M44;
        long g2 = h2 + c - (1L << 42);
        long mask = (g2 >>> 63) - 1; // all ones when g2 >= 0 (no borrow)
        g0 &= mask; g1 &= mask; g2 &= mask;
        mask = ~mask;
        h0 = (h0 & mask) | g0;
        h1 = (h1 & mask) | g1;
        h2 = (h2 & mask) | g2;
        // h + s mod 2^128, in 64-bit halves.
        long lo = h0 | (h1 << 44);
        long hi = (h1 >>> 20) | (h2 << 24);
        long sumLo = lo + pad0;
        long carry = Long.compareUnsigned(sumLo, lo) < 0 ? 1 : 0;
        long sumHi = hi + pad1 + carry;
        put64(out, off, sumLo);
        put64(out, off + 8, sumHi);
    }

    private void blocks(byte[] m, int off, int len, long hibit) {
        long h0 = this.h0, h1 = this.h1, h2 = this.h2;
        final long r0 = this.r0, r1 = this.r1, r2 = this.r2, s1 = this.s1, s2 = this.s2;
        for (int end = off + len; off < end; off += 16) {
            long t0 = le64(m, off);
            long t1 = le64(m, off + 8);
            h0 += t0 & M44;
            h1 += ((t0 >>> 44) | (t1 << 20)) & M44;
            h2 += ((t1 >>> 24) & M42) | hibit;

            // d = h * r, each limb a 128-bit (hi, lo) sum of three products.
            long a, b, lo, hi, x;
            a = h0 * r0; b = Math.multiplyHigh(h0, r0);
            x = h1 * s2; lo = a + x; hi = b + Math.multiplyHigh(h1, s2) + (Long.compareUnsigned(lo, a) < 0 ? 1 : 0);
            x = h2 * s1; a = lo + x; hi += Math.multiplyHigh(h2, s1) + (Long.compareUnsigned(a, lo) < 0 ? 1 : 0);
            long d0lo = a, d0hi = hi;

            a = h0 * r1; b = Math.multiplyHigh(h0, r1);
            x = h1 * r0; lo = a + x; hi = b + Math.multiplyHigh(h1, r0) + (Long.compareUnsigned(lo, a) < 0 ? 1 : 0);
            x = h2 * s2; a = lo + x; hi += Math.multiplyHigh(h2, s2) + (Long.compareUnsigned(a, lo) < 0 ? 1 : 0);
            long d1lo = a, d1hi = hi;

            a = h0 * r2; b = Math.multiplyHigh(h0, r2);
            x = h1 * r1; lo = a + x; hi = b + Math.multiplyHigh(h1, r1) + (Long.compareUnsigned(lo, a) < 0 ? 1 : 0);
            x = h2 * r0; a = lo + x; hi += Math.multiplyHigh(h2, r0) + (Long.compareUnsigned(a, lo) < 0 ? 1 : 0);
            long d2lo = a, d2hi = hi;

            // Partial carry: back to 44/44/42 bits, folding the top through 2^130 = 5.
            long c = (d0lo >>> 44) | (d0hi << 20);
            h0 = d0lo & M44;
            d1lo += c;
            if (Long.compareUnsigned(d1lo, c) < 0) {
                d1hi++;
            }
            c = (d1lo >>> 44) | (d1hi << 20);
            h1 = d1lo & M44;
            d2lo += c;
            if (Long.compareUnsigned(d2lo, c) < 0) {
                d2hi++;
            }
            c = (d2lo >>> 42) | (d2hi << 22);
            h2 = d2lo & M42;
            h0 += c * 5;
            c = h0 >>> 44;
            h0 &= M44;
            h1 += c;
        }
        this.h0 = h0;
        this.h1 = h1;
        this.h2 = h2;
    }

    private static long le64(byte[] b, int off) {
        return (b[off] & 0xffL) | (b[off + 1] & 0xffL) << 8 | (b[off + 2] & 0xffL) << 16 | (b[off + 3] & 0xffL) << 24
                | (b[off + 4] & 0xffL) << 32 | (b[off + 5] & 0xffL) << 40 | (b[off + 6] & 0xffL) << 48 | (b[off + 7] & 0xffL) << 56;
    }

    private static void put64(byte[] b, int off, long v) {
        for (int i = 0; i < 8; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }
}
