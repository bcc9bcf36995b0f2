package dev.ferry.jmh;

import dev.ferry.ftp.control.CommandLineReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import org.openjdk.jmh.infra.Blackhole;

/** The control connection's line framing: a pipelined burst of typical commands, cut into lines. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CommandParsingBenchmark {

    /** A short command, a long path, and one with Telnet IAC sequences (as sent before ABOR). */
    @Param({"NOOP", "RETR", "IAC"})
    public String kind;

    private byte[] burst;
    private int lines;

    @Setup
    public void setup() {
        String one = switch (kind) {
            case "NOOP" -> "NOOP\r\n";
            case "RETR" -> "RETR /projects/ferry/releases/2026/ferry-0.1.0-linux-x86_64.tar.gz\r\n";
            default -> "\u00ff\u00f4\u00ff\u00f2ABOR\r\n";
        };
        StringBuilder b = new StringBuilder();
        lines = 100;
        for (int i = 0; i < lines; i++) {
            b.append(one);
        }
        burst = b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Time for 100 lines. */
    @Benchmark
    public void frame100(Blackhole bh) throws IOException {
        CommandLineReader r = new CommandLineReader(new ByteArrayInputStream(burst), 8192);
        for (int i = 0; i < lines; i++) {
            bh.consume(r.next());
        }
    }
}
