package dev.ferry.core.auth;

/**
 * The cost of one Argon2 computation.
 *
 * <p>The upper bounds are not Argon2's own limits (those are far larger) but what we are willing
 * to spend on one login: every stored hash names its own cost, so an absurd imported hash must be
 * rejected as unrecognised rather than allowed to allocate gigabytes or spin for minutes.
 *
 * @param memoryKiB   memory in KiB; at least 8 per lane, as the algorithm requires
 * @param iterations  passes over memory
 * @param parallelism lanes
 */
public record Argon2Params(int memoryKiB, int iterations, int parallelism) {

    public static final int MAX_MEMORY_KIB = 1 << 20;
    public static final int MAX_ITERATIONS = 100;
    public static final int MAX_PARALLELISM = 255;

    /** OWASP Password Storage Cheat Sheet: m=19 MiB, t=2, p=1. */
    public static final Argon2Params DEFAULT = new Argon2Params(19456, 2, 1);

    public Argon2Params {
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("Argon2 parallelism must be 1.." + MAX_PARALLELISM + ", got " + parallelism);
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("Argon2 iterations must be 1.." + MAX_ITERATIONS + ", got " + iterations);
        }
        if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("Argon2 memory must be " + 8 * parallelism + ".." + MAX_MEMORY_KIB
                    + " KiB for parallelism " + parallelism + ", got " + memoryKiB);
        }
    }

    /** True when every component is at least that of {@code other}. */
    public boolean atLeast(Argon2Params other) {
        return memoryKiB >= other.memoryKiB && iterations >= other.iterations && parallelism >= other.parallelism;
    }
}
