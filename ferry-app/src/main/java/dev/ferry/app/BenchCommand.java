package dev.ferry.app;

import dev.ferry.bench.Bench;
import dev.ferry.bench.BenchOptions;
import dev.ferry.bench.FtpUrl;
import dev.ferry.bench.Result;
import dev.ferry.bench.Scenario;
import dev.ferry.core.config.Units;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry bench URL --scenario NAME}: a load generator against any FTP server. The engine is
 * in ferry-bench; this is its command line. Exit 0 when the scenario met no error, 1 otherwise.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure an FTP server: throughput, logins, concurrency, idle sessions, listings.",
                "Prints a table on stdout (progress on stderr); --json writes the same as JSON.",
                "Load only 127.0.0.1 or servers you run: every scenario is bounded in count and time."})
final class BenchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "URL",
            description = "ftp://user:password@host:port/dir (dir: where the benchmark's files go); not needed for raw and hash")
    String url;

    @Option(names = "--scenario", required = true, paramLabel = "NAME",
            description = "retr, stor, login, conc-retr, conc-stor, small-files, idle, list; raw = the loopback limit, hash = a login's password hash")
    String scenario;

    @Option(names = "--size", paramLabel = "SIZE", defaultValue = "1GiB", description = "file size for retr, stor, raw (default: ${DEFAULT-VALUE})")
    String size;

    @Option(names = "--conc-size", paramLabel = "SIZE", defaultValue = "10MiB", description = "file size per client for conc-* (default: ${DEFAULT-VALUE})")
    String concSize;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "0",
            description = "concurrent clients; 0 = the scenario's default (login 200, conc-* 100, small-files 20; hash: threads, one per core)")
    int clients;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "10s", description = "how long login and hash run (default: ${DEFAULT-VALUE})")
    String duration;

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "3s", description = "login and hash run this long untimed first, for a steady rate (default: ${DEFAULT-VALUE})")
    String warmup;

    @Option(names = "--count", paramLabel = "N", defaultValue = "1000000", description = "at most this many logins, or verifies in hash (default: ${DEFAULT-VALUE})")
    long count;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "3", description = "runs of retr, stor, conc-*, list, raw; the best is reported (default: ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--sessions", paramLabel = "N", defaultValue = "10000", description = "idle sessions to hold (default: ${DEFAULT-VALUE})")
    int sessions;

    @Option(names = "--entries", paramLabel = "N", defaultValue = "10000", description = "entries of the listed directory (default: ${DEFAULT-VALUE})")
    int entries;

    @Option(names = "--files", paramLabel = "N", defaultValue = "100", description = "4KiB files per client in small-files (default: ${DEFAULT-VALUE})")
    int files;

    @Option(names = "--server-pid", paramLabel = "PID", description = "the server's process: its CPU time (and, for idle, memory) from /proc, children included")
    Long serverPid;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the result as JSON")
    Path json;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "where local source files are made (default: the temp dir)")
    Path workDir;

    @Option(names = "--time-limit", paramLabel = "DURATION", defaultValue = "5m", description = "stop a scenario still running after this (default: ${DEFAULT-VALUE})")
    String timeLimit;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Scenario s = Scenario.byName(scenario).orElse(null);
        if (s == null) {
            err.println("ferry: unknown scenario '" + scenario + "'; one of: "
                    + Scenario.all().stream().map(Scenario::name).collect(Collectors.joining(", ")));
            return ExitCodes.USAGE;
        }
        FtpUrl target;
        BenchOptions o;
        try {
            if (url == null && !s.needsNoServer()) {
                err.println("ferry: bench " + s.name() + " needs a URL, e.g. ftp://user:password@127.0.0.1:2121/");
                return ExitCodes.USAGE;
            }
            target = FtpUrl.parse(url == null ? "ftp://127.0.0.1/" : url);
            BenchOptions d = BenchOptions.defaults(target);
            o = new BenchOptions(target, Units.parseSize(size), Units.parseSize(concSize), clients, Units.parseDuration(duration),
                    Units.parseDuration(warmup), count, repeat, sessions, entries, files,
                    serverPid == null ? OptionalLong.empty() : OptionalLong.of(serverPid),
                    workDir == null ? d.workDir() : workDir, Units.parseDuration(timeLimit));
        } catch (IllegalArgumentException e) {
            err.println("ferry: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Result r = Bench.run(s, o, System.err);
        out.print(r.table());
        out.flush();
        if (json != null) {
            Files.writeString(json, r.json() + System.lineSeparator(), StandardCharsets.UTF_8);
        }
        return r.errors() == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
