package dev.ferry.core.auth;

import static jdk.incubator.vector.VectorOperators.ROR;
import static jdk.incubator.vector.VectorOperators.XOR;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Argon2's compression four 64-bit words at a time, with the JDK's vector API (the incubator module
 * {@code jdk.incubator.vector}, which {@code bin/ferry serve} adds). Twice as fast as the scalar one
 * where the CPU has 256-bit integer vectors (AVX2, AVX-512): 16-17 ms against 34 ms for a 19 MiB,
 * two-pass Argon2id on the AMD EPYC of PERFORMANCE-notes item 32. {@link Argon2Compressions} uses
 * it only where the JVM's preferred vector has at least 256 bits, and after it agreed with the
 * scalar one on sample blocks.
 *
 * <p>The block is an 8 x 8 matrix of word pairs. The row rounds take a row's 16 words as BLAKE2b
 * does, four vectors of four; the diagonal step rotates the lanes of three of them. The column
 * rounds take two neighbouring columns at once: each vector holds a pair from each, and the
 * diagonal step pairs words across two vectors (a blend and a swap within each half).
 *
 * <p>Every method here is small on purpose: C2 stops inlining in a method of too many nodes, and a
 * vector operation not inlined allocates its result; one method for a whole column round ran at
 * 40-60 ms a hash.
 */
final class VectorArgon2Compression implements Argon2Compression {

    private static final VectorSpecies<Long> S = LongVector.SPECIES_256;
    private static final VectorShuffle<Long> LEFT_1 = VectorShuffle.fromValues(S, 1, 2, 3, 0);
    private static final VectorShuffle<Long> LEFT_2 = VectorShuffle.fromValues(S, 2, 3, 0, 1);
    private static final VectorShuffle<Long> LEFT_3 = VectorShuffle.fromValues(S, 3, 0, 1, 2);
    private static final VectorShuffle<Long> SWAP_PAIRS = VectorShuffle.fromValues(S, 1, 0, 3, 2);
    private static final VectorMask<Long> ODD = VectorMask.fromValues(S, false, true, false, true);

    private final long[] r = new long[BLOCK_LONGS];
    private final long[] tmp = new long[BLOCK_LONGS];

    /** Whether this JVM runs the vector operations used here on hardware, not emulated. */
    static boolean supported() {
        return LongVector.SPECIES_PREFERRED.vectorBitSize() >= S.vectorBitSize();
    }

    @Override
    public void fillBlock(long[] pa, int p, long[] ra, int rf, long[] na, int n, boolean xor) {
        long[] r = this.r;
        long[] t = this.tmp;
        if (xor) {
            for (int k = 0; k < BLOCK_LONGS; k += 4) {
                LongVector x = LongVector.fromArray(S, pa, p + k).lanewise(XOR, LongVector.fromArray(S, ra, rf + k));
                x.intoArray(r, k);
                x.lanewise(XOR, LongVector.fromArray(S, na, n + k)).intoArray(t, k);
            }
        } else {
            for (int k = 0; k < BLOCK_LONGS; k += 4) {
                LongVector x = LongVector.fromArray(S, pa, p + k).lanewise(XOR, LongVector.fromArray(S, ra, rf + k));
                x.intoArray(r, k);
                x.intoArray(t, k);
            }
        }
        for (int row = 0; row < BLOCK_LONGS; row += 16) {
            quarter(r, row, row + 4, row + 8, row + 12);
            rowDiagonal(r, row);
        }
        for (int col = 0; col < 16; col += 4) {
            quarter(r, col, col + 32, col + 64, col + 96);
            quarter(r, col + 16, col + 48, col + 80, col + 112);
            // Words 4-7 of the two columns are the pairs at +32 and +48, words 12-15 those at +96 and +112.
            pairAcross(r, col + 32, col + 48, col + 32, col + 48);
            pairAcross(r, col + 112, col + 96, col + 96, col + 112);
            quarter(r, col, col + 32, col + 80, col + 96);
            quarter(r, col + 16, col + 48, col + 64, col + 112);
            pairAcross(r, col + 48, col + 32, col + 32, col + 48);
            pairAcross(r, col + 96, col + 112, col + 96, col + 112);
        }
        for (int k = 0; k < BLOCK_LONGS; k += 4) {
            LongVector.fromArray(S, t, k).lanewise(XOR, LongVector.fromArray(S, r, k)).intoArray(na, n + k);
        }
    }

    /** BLAKE2b's G with BlaMka's products, lane by lane, on the vectors at a, b, c and d. */
    private static void quarter(long[] r, int ia, int ib, int ic, int id) {
        LongVector a = LongVector.fromArray(S, r, ia);
        LongVector b = LongVector.fromArray(S, r, ib);
        LongVector c = LongVector.fromArray(S, r, ic);
        LongVector d = LongVector.fromArray(S, r, id);
        a = blamka(a, b);
        d = d.lanewise(XOR, a).lanewise(ROR, 32);
        c = blamka(c, d);
        b = b.lanewise(XOR, c).lanewise(ROR, 24);
        a = blamka(a, b);
        d = d.lanewise(XOR, a).lanewise(ROR, 16);
        c = blamka(c, d);
        b = b.lanewise(XOR, c).lanewise(ROR, 63);
        a.intoArray(r, ia);
        b.intoArray(r, ib);
        c.intoArray(r, ic);
        d.intoArray(r, id);
    }

    /** The diagonal half of a row round: G on words (0,5,10,15), (1,6,11,12), (2,7,8,13), (3,4,9,14). */
    private static void rowDiagonal(long[] r, int row) {
        LongVector a = LongVector.fromArray(S, r, row);
        LongVector b = LongVector.fromArray(S, r, row + 4).rearrange(LEFT_1);
        LongVector c = LongVector.fromArray(S, r, row + 8).rearrange(LEFT_2);
        LongVector d = LongVector.fromArray(S, r, row + 12).rearrange(LEFT_3);
        a = blamka(a, b);
        d = d.lanewise(XOR, a).lanewise(ROR, 32);
        c = blamka(c, d);
        b = b.lanewise(XOR, c).lanewise(ROR, 24);
        a = blamka(a, b);
        d = d.lanewise(XOR, a).lanewise(ROR, 16);
        c = blamka(c, d);
        b = b.lanewise(XOR, c).lanewise(ROR, 63);
        a.intoArray(r, row);
        b.rearrange(LEFT_3).intoArray(r, row + 4);
        c.rearrange(LEFT_2).intoArray(r, row + 8);
        d.rearrange(LEFT_1).intoArray(r, row + 12);
    }

    /**
     * Within each 128-bit half, (x[1], y[0]) to {@code ox} and (y[1], x[0]) to {@code oy}, x and y
     * being the vectors at {@code ix} and {@code iy}. A column's words 4-7 as x = (4,5), y = (6,7)
     * become (5,6) and (7,4), the diagonal's order; its words 12-15 as x = (14,15), y = (12,13)
     * become (15,12) and (13,14). The two calls after the diagonal's G put the words back.
     */
    private static void pairAcross(long[] r, int ix, int iy, int ox, int oy) {
        LongVector x = LongVector.fromArray(S, r, ix);
        LongVector y = LongVector.fromArray(S, r, iy);
        y.blend(x, ODD).rearrange(SWAP_PAIRS).intoArray(r, ox);
        x.blend(y, ODD).rearrange(SWAP_PAIRS).intoArray(r, oy);
    }

    /** BlaMka: a + b + 2 * lo32(a) * lo32(b), lane by lane. */
    private static LongVector blamka(LongVector a, LongVector b) {
        LongVector product = a.and(0xFFFFFFFFL).mul(b.and(0xFFFFFFFFL));
        return a.add(b).add(product.add(product));
    }
}
