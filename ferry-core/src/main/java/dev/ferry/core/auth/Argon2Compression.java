package dev.ferry.core.auth;

/**
 * Argon2's compression function G on 1 KiB blocks held as 128 longs in arrays (RFC 9106 section
 * 3.5): {@code next = G(prev, ref)}, or {@code next ^= G(prev, ref)} for the passes after the first
 * in version 0x13. An instance has scratch space and serves one hash on one thread.
 * {@link Argon2Compressions} chooses the implementation.
 */
interface Argon2Compression {

    int BLOCK_LONGS = 128;

    void fillBlock(long[] prevArray, int prev, long[] refArray, int ref, long[] nextArray, int next, boolean xor);
}
