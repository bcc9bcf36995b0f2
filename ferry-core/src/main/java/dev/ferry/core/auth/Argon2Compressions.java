package dev.ferry.core.auth;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Which {@link Argon2Compression} this JVM hashes with: the vector one
 * ({@code VectorArgon2Compression}, compiled from src/main/java22) when the JVM has the incubator
 * module {@code jdk.incubator.vector} ({@code bin/ferry serve} adds it), a preferred vector of at
 * least 256 bits (AVX2 or better; with less the vector API is emulated, 50 times slower) and the
 * two implementations agree on sample blocks; the scalar one otherwise, or with
 * {@code -Dferry.argon2.vector=false}. Chosen once, when the first hash is made.
 */
final class Argon2Compressions {

    private static final String VECTOR_CLASS = "dev.ferry.core.auth.VectorArgon2Compression";
    private static final Supplier<Argon2Compression> SCALAR = ScalarArgon2Compression::new;
    private static final Supplier<Argon2Compression> CHOSEN = choose();

    private Argon2Compressions() {
    }

    /** A fresh compression of the chosen kind, for one hash. */
    static Argon2Compression create() {
        return CHOSEN.get();
    }

    /** Whether hashes here use the vector compression. */
    static boolean vectorised() {
        return CHOSEN != SCALAR;
    }

    /** The vector compression, or null where this JVM cannot run it on hardware. */
    static Supplier<Argon2Compression> vector() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return null;
        }
        try {
            Class<?> c = Class.forName(VECTOR_CLASS);
            var supported = c.getDeclaredMethod("supported");
            if (!(Boolean) supported.invoke(null)) {
                return null;
            }
            var constructor = c.getDeclaredConstructor();
            return () -> {
                try {
                    return (Argon2Compression) constructor.newInstance();
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            };
        } catch (ReflectiveOperationException | LinkageError e) {
            return null; // compiled for an older JDK, or the module's classes missing
        }
    }

    private static Supplier<Argon2Compression> choose() {
        Supplier<Argon2Compression> vector = Boolean.parseBoolean(System.getProperty("ferry.argon2.vector", "true"))
                ? vector() : null;
        try {
            if (vector != null && agree(vector.get(), SCALAR.get())) {
                return vector;
            }
        } catch (RuntimeException e) {
            // an operation the vector API refuses on this JVM: the scalar one, then
        }
        return SCALAR;
    }

    /** Whether the two give the same blocks for a few random inputs, with and without the xor. */
    static boolean agree(Argon2Compression a, Argon2Compression b) {
        SplittableRandom random = new SplittableRandom(9106);
        int n = Argon2Compression.BLOCK_LONGS;
        for (int round = 0; round < 4; round++) {
            long[] prev = random.longs(n).toArray();
            long[] ref = random.longs(n).toArray();
            long[] next = random.longs(n).toArray();
            long[] nextA = next.clone();
            long[] nextB = next.clone();
            boolean xor = round % 2 == 1;
            a.fillBlock(prev, 0, ref, 0, nextA, 0, xor);
            b.fillBlock(prev, 0, ref, 0, nextB, 0, xor);
            if (!Arrays.equals(nextA, nextB)) {
                return false;
            }
        }
        return true;
    }
}
