package dev.ferry.jmh;

import dev.ferry.core.user.Permissions;
import dev.ferry.core.vfs.LocalFileSystem;
import dev.ferry.core.vfs.VfsException;
import dev.ferry.core.vfs.VirtualPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Path resolution: the virtual normaliser alone, and the confinement choke point (normalise, map
 * under the home, resolve symlinks, check the result is inside) against a real directory tree.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PathResolutionBenchmark {

    private Path home;
    private LocalFileSystem files;
    private VirtualPath cwd;
    private VirtualPath deep;

    @Setup
    public void setup() throws IOException, VfsException {
        home = Files.createTempDirectory("ferry-jmh-home");
        Files.createDirectories(home.resolve("projects/ferry/releases/2026"));
        Files.writeString(home.resolve("projects/ferry/releases/2026/notes.txt"), "x");
        files = new LocalFileSystem(home, Permissions.ALL, "jmh@127.0.0.1");
        cwd = VirtualPath.of("/projects/ferry");
        deep = VirtualPath.of("/projects/ferry/releases/2026");
    }

    @TearDown
    public void tearDown() throws IOException {
        try (Stream<Path> walk = Files.walk(home)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** A relative argument with a dot-dot, as clients send after CWD. */
    @Benchmark
    public VirtualPath virtualResolve() throws VfsException {
        return cwd.resolve("../ferry/./releases/2026/notes.txt");
    }

    /** CWD's check: resolve on disk, confined, and is it a directory. */
    @Benchmark
    public VirtualPath localResolveDirectory() throws VfsException {
        files.checkDirectory(deep);
        return deep;
    }

    /** SIZE/MDTM's work: resolve a file on disk and read its attributes. */
    @Benchmark
    public Object localStat() throws VfsException {
        return files.stat(cwd.resolve("releases/2026/notes.txt"));
    }
}
