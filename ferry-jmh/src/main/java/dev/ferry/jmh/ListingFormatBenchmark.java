package dev.ferry.jmh;

import dev.ferry.core.user.Permission;
import dev.ferry.core.vfs.FileEntry;
import dev.ferry.core.vfs.FileType;
import dev.ferry.ftp.listing.MlstFactSelection;
import dev.ferry.ftp.listing.MlsxFacts;
import dev.ferry.ftp.listing.UnixListingFormat;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** One LIST line (ls -l) and one MLSD line (all facts) for a typical file. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ListingFormatBenchmark {

    private UnixListingFormat unix;
    private FileEntry file;
    private Set<Permission> perms;
    private MlstFactSelection facts;

    @Setup
    public void setup() {
        Instant now = Instant.parse("2026-11-22T17:54:00Z");
        unix = new UnixListingFormat(Clock.fixed(now, ZoneOffset.UTC));
        file = new FileEntry("ferry-0.1.0-linux-x86_64.tar.gz", FileType.FILE, 12_345_678, now.minusSeconds(86_400),
                0644, 1, "fd01.123456");
        perms = EnumSet.allOf(Permission.class);
        facts = MlstFactSelection.all();
    }

    @Benchmark
    public Object listLine() {
        return unix.line(file, "ferry", "ferry");
    }

    @Benchmark
    public Object mlsdLine() {
        return MlsxFacts.line(file, perms, facts);
    }
}
