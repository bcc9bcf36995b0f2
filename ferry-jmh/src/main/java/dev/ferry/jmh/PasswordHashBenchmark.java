package dev.ferry.jmh;

import dev.ferry.core.auth.Argon2Params;
import dev.ferry.core.auth.PasswordHasher;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One password login's hash: verifying an Argon2id hash at Ferry's default cost (19 MiB, 2
 * iterations, 1 lane), with Argon2's compression on vectors and on plain Java. Each value of
 * {@code vector} runs in forks of its own, so the choice (made at the first hash) is that value's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PasswordHashBenchmark {

    @Param({"true", "false"})
    public String vector;

    private PasswordHasher hasher;
    private String stored;
    private final char[] password = "correct horse battery staple".toCharArray();

    @Setup
    public void setUp() {
        System.setProperty("ferry.argon2.vector", vector);
        hasher = new PasswordHasher(Argon2Params.DEFAULT);
        stored = hasher.hash(password);
    }

    @Benchmark
    public boolean verifyDefaultCost() {
        return hasher.verify(stored, password);
    }
}
