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
 * on it in place, on 256-bit vectors where the JVM can ({@link Argon2Compressions}). BLAKE2b,
 * used only at the start and the end, is still Bouncy Castle's. The results are checked against
 * RFC 9106's test vectors and against Bouncy Castle for a spread of parameters, with each
 * compression (Argon2EngineTest).
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

    private static final int BLOCK_LONGS = Argon2Compression.BLOCK_LONGS;
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

    private final Argon2Compression g;
    private final long[] zero = new long[BLOCK_LONGS];
    private final long[] input = new long[BLOCK_LONGS];
    private final long[] address = new long[BLOCK_LONGS];

    private Argon2Engine(Argon2Compression g, long[] mem, int blocks, int lanes, int passes, int type, int version) {
        this.g = g;
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
        return hash(Argon2Compressions.create(), type, version, memoryKiB, iterations, parallelism, password, salt,
                secret, associated, tagLength);
    }

    /** The same with the given compression (tests hold each implementation to the same results). */
    static byte[] hash(Argon2Compression g, int type, int version, int memoryKiB, int iterations, int parallelism,
                       byte[] password, byte[] salt, byte[] secret, byte[] associated, int tagLength) {
        if (parallelism < 1 || iterations < 1 || memoryKiB < 8 * parallelism || tagLength < 4) {
            throw new IllegalArgumentException("Argon2 parameters out of range");
        }
        int blocks = 4 * parallelism * (memoryKiB / (4 * parallelism));
        long[] mem = memory(blocks);
        Argon2Engine e = new Argon2Engine(g, mem, blocks, parallelism, iterations, type, version);
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
            g.fillBlock(mem, prev * BLOCK_LONGS, mem, ref * BLOCK_LONGS, mem, curr * BLOCK_LONGS, xor);
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
        g.fillBlock(zero, 0, input, 0, address, 0, false);
        g.fillBlock(zero, 0, address, 0, address, 0, false);
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
