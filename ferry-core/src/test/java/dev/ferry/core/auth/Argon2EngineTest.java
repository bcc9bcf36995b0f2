package dev.ferry.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our Argon2 against RFC 9106's test vectors, and against Bouncy Castle's for many parameters, with
 * each compression: the scalar one, and the vector one where this JVM runs it (the test JVMs add
 * the module it needs, as {@code bin/ferry serve} does).
 */
class Argon2EngineTest {

    private static final String RFC_VECTORS = """
            0, 512b391b6f1162975371d30919734294f868e3be3984f3c1a13a4db9fabe4acb
            1, c814d9d1dc7f37aa13f0d77f2494bda1c8de6b016dd388d29952a4c4672b6ce8
            2, 0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659
            """;

    static Stream<Arguments> compressions() {
        Supplier<Argon2Compression> vector = Argon2Compressions.vector();
        return Stream.of(Arguments.of("scalar", (Supplier<Argon2Compression>) ScalarArgon2Compression::new),
                Arguments.of("vector", vector));
    }

    private static Argon2Compression compression(String name, Supplier<Argon2Compression> kind) {
        assumeTrue(kind != null, "the " + name + " compression needs Java 22+, jdk.incubator.vector and 256-bit vectors: SKIPPED on "
                + Runtime.version() + " " + System.getProperty("os.arch"));
        return kind.get();
    }

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    /** RFC 9106 section 5: m=32, t=3, p=4, password 32 x 01, salt 16 x 02, secret 8 x 03, AD 12 x 04. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("compressions")
    void rfc9106TestVectors(String name, Supplier<Argon2Compression> kind) {
        for (String line : RFC_VECTORS.strip().split("\n")) {
            String[] parts = line.split(", ");
            int type = Integer.parseInt(parts[0]);
            byte[] out = Argon2Engine.hash(compression(name, kind), type, 0x13, 32, 3, 4, filled(32, 1), filled(16, 2),
                    filled(8, 3), filled(12, 4), 32);
            assertThat(HexFormat.of().formatHex(out)).as("type %d", type).isEqualTo(parts[1]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compressions")
    void agreesWithBouncyCastleAcrossTypesVersionsCostsAndLengths(String name, Supplier<Argon2Compression> kind) {
        Random random = new Random(9106);
        int[][] shapes = {
            // memory KiB, iterations, lanes, tag length
            {8, 1, 1, 32}, {16, 1, 2, 16}, {64, 2, 1, 32}, {100, 3, 3, 64}, {256, 1, 4, 65},
            {513, 2, 1, 100}, {1024, 1, 1, 32}, {1031, 4, 2, 4}, {2048, 2, 8, 128}, {19456, 2, 1, 32},
        };
        for (int[] shape : shapes) {
            for (int type = 0; type <= 2; type++) {
                for (int version : new int[] {0x10, 0x13}) {
                    byte[] password = new byte[random.nextInt(40)];
                    byte[] salt = new byte[8 + random.nextInt(24)];
                    random.nextBytes(password);
                    random.nextBytes(salt);
                    byte[] ours = Argon2Engine.hash(compression(name, kind), type, version, shape[0], shape[1], shape[2],
                            password, salt, new byte[0], new byte[0], shape[3]);
                    byte[] theirs = bouncyCastle(type, version, shape[0], shape[1], shape[2], password, salt, shape[3]);
                    assertThat(ours).as("type %d v%x m=%d t=%d p=%d T=%d", type, version, shape[0], shape[1], shape[2], shape[3])
                            .isEqualTo(theirs);
                }
            }
        }
    }

    @Test
    void theSameThreadHashesAgainAndAgainWithTheSameResult() {
        // The memory is kept between hashes: nothing of one hash may leak into the next.
        byte[] first = Argon2Engine.hash(2, 0x13, 4096, 2, 1, "one".getBytes(), filled(16, 7), 32);
        Argon2Engine.hash(2, 0x13, 8192, 1, 2, "two".getBytes(), filled(16, 8), 32);
        Argon2Engine.hash(0, 0x10, 1024, 3, 1, "three".getBytes(), filled(16, 9), 32);
        assertThat(Argon2Engine.hash(2, 0x13, 4096, 2, 1, "one".getBytes(), filled(16, 7), 32)).isEqualTo(first);
    }

    @Test
    void theVectorCompressionIsWhatHashesWhereThisJvmRunsIt() {
        assumeTrue(Argon2Compressions.vector() != null, "the vector compression cannot run here: SKIPPED on "
                + Runtime.version() + " " + System.getProperty("os.arch"));
        assertThat(Argon2Compressions.vectorised()).isTrue();
    }

    @Test
    void aCompressionThatDisagreesWithTheScalarOneIsNotTrusted() {
        Argon2Compression offByOne = (pa, p, ra, rf, na, n, xor) -> {
            new ScalarArgon2Compression().fillBlock(pa, p, ra, rf, na, n, xor);
            na[n + 127]++;
        };
        assertThat(Argon2Compressions.agree(new ScalarArgon2Compression(), new ScalarArgon2Compression())).isTrue();
        assertThat(Argon2Compressions.agree(offByOne, new ScalarArgon2Compression())).isFalse();
    }

    @Test
    void refusesParametersArgon2DoesNotDefine() {
        assertThatThrownBy(() -> Argon2Engine.hash(2, 0x13, 7, 1, 1, new byte[0], filled(16, 1), 32))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Argon2Engine.hash(2, 0x13, 64, 0, 1, new byte[0], filled(16, 1), 32))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Argon2Engine.hash(2, 0x13, 64, 1, 0, new byte[0], filled(16, 1), 32))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] bouncyCastle(int type, int version, int memoryKiB, int iterations, int lanes, byte[] password,
                                       byte[] salt, int length) {
        Argon2BytesGenerator g = new Argon2BytesGenerator();
        g.init(new Argon2Parameters.Builder(type).withVersion(version).withMemoryAsKB(memoryKiB)
                .withIterations(iterations).withParallelism(lanes).withSalt(salt).build());
        byte[] out = new byte[length];
        g.generateBytes(password, out);
        return out;
    }
}
