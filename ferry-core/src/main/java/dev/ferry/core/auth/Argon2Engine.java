package dev.ferry.core.auth;

import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * Argon2 (RFC 9106): the three variants, versions 0x10 and 0x13, any lane count (lanes are filled
 * one after another, as a single-threaded libargon2 does).
 *
 * <p>Why our own: a login is one Argon2id hash of 19 MiB, and Bouncy Castle's generator allocates
 * that memory afresh per hash as 19,456 block objects, copies blocks in and out of them and clears
 * them again afterwards; that allocation, copying and clearing was about a fifth of its time.
 * Here the memory is one flat {@code long[]} that each hashing thread (a platform thread of
 * HashingPool) keeps between hashes (up to {@link #KEPT_MEMORY_KIB}), and the compression works
 * on it in place. BLAKE2b, used only at the start and the end, is still Bouncy Castle's. The
 * results are checked against RFC 9106's test vectors and against Bouncy Castle for a spread of
 * parameters (Argon2EngineTest).
 *
 * <p>The kept memory holds the last hash's intermediate blocks until the next hash overwrites it.
 * They are no more secret than the hash itself (recovering a password from them is the same
 * brute force), and the memory never leaves the process.
 */
final class Argon2Engine {

    static final int TYPE_D = 0;
    static final int TYPE_I = 1;
    static final int TYPE_ID = 2;

    /** Memory up to this size (KiB) stays with the thread for its next hash; larger is per hash. */
    static final int KEPT_MEMORY_KIB = 64 * 1024;

    private static final int BLOCK_LONGS = 128;
    private static final int SYNC_POINTS = 4;
    private static final ThreadLocal<long[]> KEPT = new ThreadLocal<>();

    private final long[] mem;
    private final int lanes;
    private final int laneLength;
    private final int segmentLength;
    private final int passes;
    private final int type;
    private final int version;
    private final int blocks;

    private final long[] r = new long[BLOCK_LONGS];
    private final long[] tmp = new long[BLOCK_LONGS];
    private final long[] zero = new long[BLOCK_LONGS];
    private final long[] input = new long[BLOCK_LONGS];
    private final long[] address = new long[BLOCK_LONGS];

    private Argon2Engine(long[] mem, int blocks, int lanes, int passes, int type, int version) {
        this.mem = mem;
        this.blocks = blocks;
        this.lanes = lanes;
        this.laneLength = blocks / lanes;
        this.segmentLength = laneLength / SYNC_POINTS;
        this.passes = passes;
        this.type = type;
        this.version = version;
    }

    /**
     * The Argon2 tag of {@code password} and {@code salt} (no secret, no associated data).
     *
     * @param type      {@link #TYPE_D}, {@link #TYPE_I} or {@link #TYPE_ID}
     * @param version   0x10 or 0x13
     * @param memoryKiB m, at least 8 per lane
     */
    static byte[] hash(int type, int version, int memoryKiB, int iterations, int parallelism, byte[] password,
                       byte[] salt, int tagLength) {
        return hash(type, version, memoryKiB, iterations, parallelism, password, salt, new byte[0], new byte[0], tagLength);
    }

    /** The same with RFC 9106's secret value K and associated data X (which RFC 9106's test vectors use). */
    static byte[] hash(int type, int version, int memoryKiB, int iterations, int parallelism, byte[] password,
                       byte[] salt, byte[] secret, byte[] associated, int tagLength) {
        if (parallelism < 1 || iterations < 1 || memoryKiB < 8 * parallelism || tagLength < 4) {
            throw new IllegalArgumentException("Argon2 parameters out of range");
        }
        int blocks = 4 * parallelism * (memoryKiB / (4 * parallelism));
        long[] mem = memory(blocks);
        Argon2Engine e = new Argon2Engine(mem, blocks, parallelism, iterations, type, version);
        byte[] h0 = e.h0(memoryKiB, password, salt, secret, associated, tagLength);
        e.firstBlocks(h0);
        for (int pass = 0; pass < iterations; pass++) {
            for (int slice = 0; slice < SYNC_POINTS; slice++) {
                for (int lane = 0; lane < parallelism; lane++) {
                    e.fillSegment(pass, lane, slice);
                }
            }
        }
        return e.tag(tagLength);
    }

    private static long[] memory(int blocks) {
        int longs = blocks * BLOCK_LONGS;
        if (blocks > KEPT_MEMORY_KIB || Thread.currentThread().isVirtual()) {
            // Kept only by the few long-lived hashing threads, never by a session's virtual thread.
            return new long[longs];
        }
        long[] kept = KEPT.get();
        if (kept == null || kept.length < longs) {
            kept = new long[longs];
            KEPT.set(kept);
        }
        return kept;
    }

    // --- H0, H' and the first and last blocks ----------------------------------------------

    private byte[] h0(int memoryKiB, byte[] password, byte[] salt, byte[] secret, byte[] associated, int tagLength) {
        Blake2bDigest d = new Blake2bDigest(512);
        int32(d, lanes);
        int32(d, tagLength);
        int32(d, memoryKiB);
        int32(d, passes);
        int32(d, version);
        int32(d, type);
        int32(d, password.length);
        d.update(password, 0, password.length);
        int32(d, salt.length);
        d.update(salt, 0, salt.length);
        int32(d, secret.length);
        d.update(secret, 0, secret.length);
        int32(d, associated.length);
        d.update(associated, 0, associated.length);
        byte[] out = new byte[64];
        d.doFinal(out, 0);
        return out;
    }

    private void firstBlocks(byte[] h0) {
        byte[] in = new byte[h0.length + 8];
        System.arraycopy(h0, 0, in, 0, h0.length);
        byte[] block = new byte[BLOCK_LONGS * 8];
        for (int lane = 0; lane < lanes; lane++) {
            for (int i = 0; i < 2; i++) {
                putInt(in, h0.length, i);
                putInt(in, h0.length + 4, lane);
                hPrime(in, block);
                int at = (lane * laneLength + i) * BLOCK_LONGS;
                for (int k = 0; k < BLOCK_LONGS; k++) {
                    mem[at + k] = getLong(block, k * 8);
                }
            }
        }
    }

    private byte[] tag(int tagLength) {
        long[] c = new long[BLOCK_LONGS];
        for (int lane = 0; lane < lanes; lane++) {
            int at = (lane * laneLength + laneLength - 1) * BLOCK_LONGS;
            for (int k = 0; k < BLOCK_LONGS; k++) {
                c[k] ^= mem[at + k];
            }
        }
        byte[] bytes = new byte[BLOCK_LONGS * 8];
        for (int k = 0; k < BLOCK_LONGS; k++) {
            putLong(bytes, k * 8, c[k]);
        }
        byte[] out = new byte[tagLength];
        hPrime(bytes, out);
        return out;
    }

    /** H'^T(X), T = out.length: BLAKE2b chained 64 bytes at a time, 32 bytes kept from each. */
    private static void hPrime(byte[] x, byte[] out) {
        int t = out.length;
        byte[] len = new byte[4];
        putInt(len, 0, t);
        if (t <= 64) {
            Blake2bDigest d = new Blake2bDigest(t * 8);
            d.update(len, 0, 4);
            d.update(x, 0, x.length);
            d.doFinal(out, 0);
            return;
        }
        byte[] v = new byte[64];
        Blake2bDigest d = new Blake2bDigest(512);
        d.update(len, 0, 4);
        d.update(x, 0, x.length);
        d.doFinal(v, 0);
        int r = (t + 31) / 32 - 2;
        int pos = 0;
        System.arraycopy(v, 0, out, pos, 32);
        pos += 32;
        for (int i = 2; i <= r; i++) {
            d = new Blake2bDigest(512);
            d.update(v, 0, 64);
            d.doFinal(v, 0);
            System.arraycopy(v, 0, out, pos, 32);
            pos += 32;
        }
        int last = t - 32 * r;
        byte[] tail = new byte[last];
        d = new Blake2bDigest(last * 8);
        d.update(v, 0, 64);
        d.doFinal(tail, 0);
        System.arraycopy(tail, 0, out, pos, last);
    }

    // --- filling ------------------------------------------------------------------------------

    private void fillSegment(int pass, int lane, int slice) {
        boolean independent = type == TYPE_I || (type == TYPE_ID && pass == 0 && slice < SYNC_POINTS / 2);
        if (independent) {
            java.util.Arrays.fill(input, 0);
            input[0] = pass;
            input[1] = lane;
            input[2] = slice;
            input[3] = blocks;
            input[4] = passes;
            input[5] = type;
        }
        int start = 0;
        if (pass == 0 && slice == 0) {
            start = 2;
            if (independent) {
                nextAddresses();
            }
        }
        int curr = lane * laneLength + slice * segmentLength + start;
        int prev = curr % laneLength == 0 ? curr + laneLength - 1 : curr - 1;
        for (int i = start; i < segmentLength; i++, curr++, prev++) {
            if (curr % laneLength == 1) {
                prev = curr - 1;
            }
            long pseudoRandom;
            if (independent) {
                if (i % BLOCK_LONGS == 0) {
                    nextAddresses();
                }
                pseudoRandom = address[i % BLOCK_LONGS];
            } else {
                pseudoRandom = mem[prev * BLOCK_LONGS];
            }
            int refLane = (int) ((pseudoRandom >>> 32) % lanes);
            if (pass == 0 && slice == 0) {
                refLane = lane;
            }
            int refIndex = indexAlpha(pass, slice, i, pseudoRandom & 0xFFFFFFFFL, refLane == lane);
            int ref = refLane * laneLength + refIndex;
            boolean xor = version != Argon2Hash.VERSION_10 && pass != 0;
            fillBlock(mem, prev * BLOCK_LONGS, mem, ref * BLOCK_LONGS, mem, curr * BLOCK_LONGS, xor);
        }
    }

    private int indexAlpha(int pass, int slice, int index, long pseudoRandom, boolean sameLane) {
        long area;
        if (pass == 0) {
            if (slice == 0) {
                area = index - 1;
            } else if (sameLane) {
                area = (long) slice * segmentLength + index - 1;
            } else {
                area = (long) slice * segmentLength + (index == 0 ? -1 : 0);
            }
        } else if (sameLane) {
            area = laneLength - segmentLength + index - 1;
        } else {
            area = laneLength - segmentLength + (index == 0 ? -1 : 0);
        }
        long relative = (pseudoRandom * pseudoRandom) >>> 32;
        relative = area - 1 - ((area * relative) >>> 32);
        long startPosition = 0;
        if (pass != 0) {
            startPosition = slice == SYNC_POINTS - 1 ? 0 : (long) (slice + 1) * segmentLength;
        }
        return (int) ((startPosition + relative) % laneLength);
    }

    private void nextAddresses() {
        input[6]++;
        fillBlock(zero, 0, input, 0, address, 0, false);
        fillBlock(zero, 0, address, 0, address, 0, false);
    }

    /**
     * next = G(prev, ref), or next ^= G(prev, ref) with {@code xor}: R = prev ^ ref, P applied to
     * its eight rows and then its eight columns, the result xored with R.
     */
    private void fillBlock(long[] pa, int p, long[] ra, int rf, long[] na, int n, boolean xor) {
        long[] r = this.r;
        long[] t = this.tmp;
        if (xor) {
            for (int k = 0; k < BLOCK_LONGS; k++) {
                long x = pa[p + k] ^ ra[rf + k];
                r[k] = x;
                t[k] = x ^ na[n + k];
            }
        } else {
            for (int k = 0; k < BLOCK_LONGS; k++) {
                long x = pa[p + k] ^ ra[rf + k];
                r[k] = x;
                t[k] = x;
            }
        }
        for (int row = 0; row < 8; row++) {
            rowRound(r, row * 16);
        }
        for (int col = 0; col < 8; col++) {
            columnRound(r, col * 2);
        }
        for (int k = 0; k < BLOCK_LONGS; k++) {
            na[n + k] = t[k] ^ r[k];
        }
    }

    // The BLAKE2b round with BlaMka's multiplications, on 16 words loaded once into locals, mixed
    // and stored once. Written out twice, for a row and for a column, so that every offset is a
    // constant: one method taking the stride ran 29.9 ms per 19 MiB hash against 24.6 ms.

    /** P on the row of 16 words from {@code b}. */
    private static void rowRound(long[] v, int b) {
        long v0 = v[b];
        long v1 = v[b + 1];
        long v2 = v[b + 2];
        long v3 = v[b + 3];
        long v4 = v[b + 4];
        long v5 = v[b + 5];
        long v6 = v[b + 6];
        long v7 = v[b + 7];
        long v8 = v[b + 8];
        long v9 = v[b + 9];
        long v10 = v[b + 10];
        long v11 = v[b + 11];
        long v12 = v[b + 12];
        long v13 = v[b + 13];
        long v14 = v[b + 14];
        long v15 = v[b + 15];
        v0 = f(v0, v4);
        v12 = Long.rotateRight(v12 ^ v0, 32);
        v8 = f(v8, v12);
        v4 = Long.rotateRight(v4 ^ v8, 24);
        v0 = f(v0, v4);
        v12 = Long.rotateRight(v12 ^ v0, 16);
        v8 = f(v8, v12);
        v4 = Long.rotateRight(v4 ^ v8, 63);
        v1 = f(v1, v5);
        v13 = Long.rotateRight(v13 ^ v1, 32);
        v9 = f(v9, v13);
        v5 = Long.rotateRight(v5 ^ v9, 24);
        v1 = f(v1, v5);
        v13 = Long.rotateRight(v13 ^ v1, 16);
        v9 = f(v9, v13);
        v5 = Long.rotateRight(v5 ^ v9, 63);
        v2 = f(v2, v6);
        v14 = Long.rotateRight(v14 ^ v2, 32);
        v10 = f(v10, v14);
        v6 = Long.rotateRight(v6 ^ v10, 24);
        v2 = f(v2, v6);
        v14 = Long.rotateRight(v14 ^ v2, 16);
        v10 = f(v10, v14);
        v6 = Long.rotateRight(v6 ^ v10, 63);
        v3 = f(v3, v7);
        v15 = Long.rotateRight(v15 ^ v3, 32);
        v11 = f(v11, v15);
        v7 = Long.rotateRight(v7 ^ v11, 24);
        v3 = f(v3, v7);
        v15 = Long.rotateRight(v15 ^ v3, 16);
        v11 = f(v11, v15);
        v7 = Long.rotateRight(v7 ^ v11, 63);
        v0 = f(v0, v5);
        v15 = Long.rotateRight(v15 ^ v0, 32);
        v10 = f(v10, v15);
        v5 = Long.rotateRight(v5 ^ v10, 24);
        v0 = f(v0, v5);
        v15 = Long.rotateRight(v15 ^ v0, 16);
        v10 = f(v10, v15);
        v5 = Long.rotateRight(v5 ^ v10, 63);
        v1 = f(v1, v6);
        v12 = Long.rotateRight(v12 ^ v1, 32);
        v11 = f(v11, v12);
        v6 = Long.rotateRight(v6 ^ v11, 24);
        v1 = f(v1, v6);
        v12 = Long.rotateRight(v12 ^ v1, 16);
        v11 = f(v11, v12);
        v6 = Long.rotateRight(v6 ^ v11, 63);
        v2 = f(v2, v7);
        v13 = Long.rotateRight(v13 ^ v2, 32);
        v8 = f(v8, v13);
        v7 = Long.rotateRight(v7 ^ v8, 24);
        v2 = f(v2, v7);
        v13 = Long.rotateRight(v13 ^ v2, 16);
        v8 = f(v8, v13);
        v7 = Long.rotateRight(v7 ^ v8, 63);
        v3 = f(v3, v4);
        v14 = Long.rotateRight(v14 ^ v3, 32);
        v9 = f(v9, v14);
        v4 = Long.rotateRight(v4 ^ v9, 24);
        v3 = f(v3, v4);
        v14 = Long.rotateRight(v14 ^ v3, 16);
        v9 = f(v9, v14);
        v4 = Long.rotateRight(v4 ^ v9, 63);
        v[b] = v0;
        v[b + 1] = v1;
        v[b + 2] = v2;
        v[b + 3] = v3;
        v[b + 4] = v4;
        v[b + 5] = v5;
        v[b + 6] = v6;
        v[b + 7] = v7;
        v[b + 8] = v8;
        v[b + 9] = v9;
        v[b + 10] = v10;
        v[b + 11] = v11;
        v[b + 12] = v12;
        v[b + 13] = v13;
        v[b + 14] = v14;
        v[b + 15] = v15;
    }

    /** P on the column of word pairs {@code b, b+1, b+16, b+17, ..., b+112, b+113}. */
    private static void columnRound(long[] v, int b) {
        long v0 = v[b];
        long v1 = v[b + 1];
        long v2 = v[b + 16];
        long v3 = v[b + 17];
        long v4 = v[b + 32];
        long v5 = v[b + 33];
        long v6 = v[b + 48];
        long v7 = v[b + 49];
        long v8 = v[b + 64];
        long v9 = v[b + 65];
        long v10 = v[b + 80];
        long v11 = v[b + 81];
        long v12 = v[b + 96];
        long v13 = v[b + 97];
        long v14 = v[b + 112];
        long v15 = v[b + 113];
        v0 = f(v0, v4);
        v12 = Long.rotateRight(v12 ^ v0, 32);
        v8 = f(v8, v12);
        v4 = Long.rotateRight(v4 ^ v8, 24);
        v0 = f(v0, v4);
        v12 = Long.rotateRight(v12 ^ v0, 16);
        v8 = f(v8, v12);
        v4 = Long.rotateRight(v4 ^ v8, 63);
        v1 = f(v1, v5);
        v13 = Long.rotateRight(v13 ^ v1, 32);
        v9 = f(v9, v13);
        v5 = Long.rotateRight(v5 ^ v9, 24);
        v1 = f(v1, v5);
        v13 = Long.rotateRight(v13 ^ v1, 16);
        v9 = f(v9, v13);
        v5 = Long.rotateRight(v5 ^ v9, 63);
        v2 = f(v2, v6);
        v14 = Long.rotateRight(v14 ^ v2, 32);
        v10 = f(v10, v14);
        v6 = Long.rotateRight(v6 ^ v10, 24);
        v2 = f(v2, v6);
        v14 = Long.rotateRight(v14 ^ v2, 16);
        v10 = f(v10, v14);
        v6 = Long.rotateRight(v6 ^ v10, 63);
        v3 = f(v3, v7);
        v15 = Long.rotateRight(v15 ^ v3, 32);
        v11 = f(v11, v15);
        v7 = Long.rotateRight(v7 ^ v11, 24);
        v3 = f(v3, v7);
        v15 = Long.rotateRight(v15 ^ v3, 16);
        v11 = f(v11, v15);
        v7 = Long.rotateRight(v7 ^ v11, 63);
        v0 = f(v0, v5);
        v15 = Long.rotateRight(v15 ^ v0, 32);
        v10 = f(v10, v15);
        v5 = Long.rotateRight(v5 ^ v10, 24);
        v0 = f(v0, v5);
        v15 = Long.rotateRight(v15 ^ v0, 16);
        v10 = f(v10, v15);
        v5 = Long.rotateRight(v5 ^ v10, 63);
        v1 = f(v1, v6);
        v12 = Long.rotateRight(v12 ^ v1, 32);
        v11 = f(v11, v12);
        v6 = Long.rotateRight(v6 ^ v11, 24);
        v1 = f(v1, v6);
        v12 = Long.rotateRight(v12 ^ v1, 16);
        v11 = f(v11, v12);
        v6 = Long.rotateRight(v6 ^ v11, 63);
        v2 = f(v2, v7);
        v13 = Long.rotateRight(v13 ^ v2, 32);
        v8 = f(v8, v13);
        v7 = Long.rotateRight(v7 ^ v8, 24);
        v2 = f(v2, v7);
        v13 = Long.rotateRight(v13 ^ v2, 16);
        v8 = f(v8, v13);
        v7 = Long.rotateRight(v7 ^ v8, 63);
        v3 = f(v3, v4);
        v14 = Long.rotateRight(v14 ^ v3, 32);
        v9 = f(v9, v14);
        v4 = Long.rotateRight(v4 ^ v9, 24);
        v3 = f(v3, v4);
        v14 = Long.rotateRight(v14 ^ v3, 16);
        v9 = f(v9, v14);
        v4 = Long.rotateRight(v4 ^ v9, 63);
        v[b] = v0;
        v[b + 1] = v1;
        v[b + 16] = v2;
        v[b + 17] = v3;
        v[b + 32] = v4;
        v[b + 33] = v5;
        v[b + 48] = v6;
        v[b + 49] = v7;
        v[b + 64] = v8;
        v[b + 65] = v9;
        v[b + 80] = v10;
        v[b + 81] = v11;
        v[b + 96] = v12;
        v[b + 97] = v13;
        v[b + 112] = v14;
        v[b + 113] = v15;
    }

    /** BlaMka: a + b + 2 * lo32(a) * lo32(b). */
    private static long f(long a, long b) {
        return a + b + 2 * (a & 0xFFFFFFFFL) * (b & 0xFFFFFFFFL);
    }

    // --- little-endian helpers ------------------------------------------------------------

    private static void int32(Blake2bDigest d, int value) {
        byte[] b = new byte[4];
        putInt(b, 0, value);
        d.update(b, 0, 4);
    }

    private static void putInt(byte[] b, int at, int value) {
        b[at] = (byte) value;
        b[at + 1] = (byte) (value >>> 8);
        b[at + 2] = (byte) (value >>> 16);
        b[at + 3] = (byte) (value >>> 24);
    }

    private static void putLong(byte[] b, int at, long value) {
        for (int i = 0; i < 8; i++) {
            b[at + i] = (byte) (value >>> (8 * i));
        }
    }

    private static long getLong(byte[] b, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xFF);
        }
        return v;
    }
}
