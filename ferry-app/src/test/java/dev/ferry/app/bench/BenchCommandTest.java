package dev.ferry.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.app.ExitCodes;
import dev.ferry.app.FerryMain;
import dev.ferry.app.testing.TestServer;
import dev.ferry.core.auth.PasswordHasher;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * `ferry bench` end to end against the real server: each scenario in a tiny size, its JSON read
 * back, and its figures checked against what the server's disk and sessions say. Speed itself is
 * not checked here (benchmarks measure it; see bench/compare.sh).
 */
class BenchCommandTest {

    @TempDir
    static Path dir;

    static TestServer server;
    static Path home;
    static String url;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dir.resolve("data"));
        home = server.addUser("bench", "bench-pw");
        url = "ftp://bench:bench-pw@127.0.0.1:" + server.ftpPort() + "/";
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Run(int exit, String out, String err, JsonNode json) {
        double metric(String name) {
            JsonNode v = json.path("metrics").path(name);
            assertThat(v.isNumber()).as("metric %s in %s", name, json).isTrue();
            return v.asDouble();
        }
    }

    private static Run bench(String... args) throws Exception {
        Path json = Files.createTempFile(dir, "result", ".json");
        Files.delete(json);
        List<String> all = new ArrayList<>(List.of("bench"));
        all.addAll(List.of(args));
        all.addAll(List.of("--json", json.toString(), "--work-dir", dir.resolve("src").toString(), "--time-limit", "60s"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = FerryMain.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(all.toArray(String[]::new));
        JsonNode node = Files.exists(json) ? new ObjectMapper().readTree(json.toFile()) : null;
        return new Run(exit, out.toString(), err.toString(), node);
    }

    private static String pid() {
        return Long.toString(ProcessHandle.current().pid());
    }

    @Test
    void storMovesExactlyTheFileAndTheServerHasIt() throws Exception {
        Run r = bench(url, "--scenario", "stor", "--size", "3MiB", "--repeat", "2", "--server-pid", pid());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.json().path("errors").asInt()).isZero();
        assertThat(r.metric("bytes")).isEqualTo(3 * 1024 * 1024);
        assertThat(r.metric("runs")).isEqualTo(2);
        assertThat(r.metric("mib_per_s")).isPositive();
        assertThat(r.metric("server_cpu_s")).isNotNegative();
        assertThat(Files.size(home.resolve("ferry-bench-stor.bin"))).isEqualTo(3 * 1024 * 1024);
        assertThat(r.out()).contains("scenario stor against ftp://bench@127.0.0.1:" + server.ftpPort()).doesNotContain("bench-pw");
    }

    @Test
    void retrUploadsItsFileOnceThenDownloadsItWhole() throws Exception {
        Run r = bench(url, "--scenario", "retr", "--size", "2MiB", "--repeat", "2");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.metric("bytes")).isEqualTo(2 * 1024 * 1024);
        assertThat(Files.size(home.resolve("ferry-bench-retr-2097152.bin"))).isEqualTo(2 * 1024 * 1024);
        assertThat(r.metric("client_cpu_s")).isNotNegative();
    }

    @Test
    void concurrentTransfersCountEveryClientsBytes() throws Exception {
        Run stor = bench(url, "--scenario", "conc-stor", "--clients", "3", "--conc-size", "64KiB", "--repeat", "1");
        assertThat(stor.exit()).as(stor.err()).isZero();
        assertThat(stor.metric("bytes")).isEqualTo(3 * 65536);
        for (int i = 0; i < 3; i++) {
            assertThat(Files.size(home.resolve("ferry-bench-conc-" + i + ".bin"))).isEqualTo(65536);
        }
        Run retr = bench(url, "--scenario", "conc-retr", "--clients", "3", "--conc-size", "64KiB", "--repeat", "1");
        assertThat(retr.exit()).as(retr.err()).isZero();
        assertThat(retr.metric("bytes")).isEqualTo(3 * 65536);
        assertThat(retr.metric("clients")).isEqualTo(3);
    }

    @Test
    void smallFilesStoresAndRetrievesEveryFile() throws Exception {
        Run r = bench(url, "--scenario", "small-files", "--clients", "2", "--files", "5");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.metric("files_stored")).isEqualTo(10);
        assertThat(r.metric("files_retrieved")).isEqualTo(10);
        try (Stream<Path> files = Files.list(home.resolve("ferry-bench-small/c1"))) {
            assertThat(files.toList()).hasSize(5).allSatisfy(p -> assertThat(Files.size(p)).isEqualTo(4096));
        }
    }

    @Test
    void loginCountsSessionsAndLatencies() throws Exception {
        Run r = bench(url, "--scenario", "login", "--clients", "3", "--duration", "1s", "--count", "30", "--warmup", "0s");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.metric("logins")).isBetween(1.0, 30.0);
        assertThat(r.metric("latency_p50_ms")).isPositive().isLessThanOrEqualTo(r.metric("latency_p99_ms"));
        assertThat(r.json().path("errors").asInt()).isZero();
    }

    @Test
    void aWrongPasswordIsReportedAsErrorsNotAsLogins() throws Exception {
        Run r = bench("ftp://bench:wrong@127.0.0.1:" + server.ftpPort() + "/", "--scenario", "login", "--clients", "2",
                "--duration", "1s", "--count", "4", "--warmup", "0s");
        assertThat(r.exit()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.metric("logins")).isZero();
        assertThat(r.json().path("errors").asInt()).isPositive();
    }

    @Test
    void idleHoldsEverySessionAndReadsTheServersMemory() throws Exception {
        Run r = bench(url, "--scenario", "idle", "--sessions", "20", "--server-pid", pid());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.metric("sessions_alive")).isEqualTo(20);
        assertThat(r.metric("server_rss_held_mib")).isPositive();
        assertThat(r.metric("server_processes")).isEqualTo(1);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (server.server().sessions().count() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20); // the server ends a session just after its 221 reply
        }
        assertThat(server.server().sessions().count()).as("every idle session ended with QUIT").isZero();
    }

    @Test
    void listFillsTheDirectoryAndListsEveryEntry() throws Exception {
        Run r = bench(url, "--scenario", "list", "--entries", "40", "--repeat", "1");
        assertThat(r.exit()).as(r.err()).isZero();
        try (Stream<Path> files = Files.list(home.resolve("ferry-bench-list-40"))) {
            assertThat(files.count()).isEqualTo(40);
        }
        assertThat(r.metric("list_lines")).isEqualTo(40);
        assertThat(r.metric("mlsd_lines")).isEqualTo(40);
    }

    @Test
    void rawNeedsNoServer() throws Exception {
        Run r = bench("--scenario", "raw", "--size", "1MiB", "--repeat", "1");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.metric("bytes")).isEqualTo(1024 * 1024);
    }

    @Test
    void hashNeedsNoServerAndCountsEveryVerify() throws Exception {
        Run r = bench("--scenario", "hash", "--clients", "2", "--duration", "1s", "--count", "6", "--warmup", "0s");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.metric("threads")).isEqualTo(2);
        assertThat(r.metric("verifies")).isEqualTo(6);
        assertThat(r.metric("cpu_ms_per_verify")).isPositive();
        // The compression is this JVM's: the vector one here, the scalar one in the without-jdk-internals run.
        assertThat(r.json().path("notes").toString())
                .contains("argon2id m=19456 t=2 p=1, compression: " + PasswordHasher.argon2Compression());
    }

    @Test
    void aScenarioPastItsTimeLimitIsStopped() throws Exception {
        StringWriter err = new StringWriter();
        CommandLine cl = FerryMain.commandLine();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        long t0 = System.nanoTime();
        int exit = cl.execute("bench", url, "--scenario", "login", "--clients", "2", "--duration", "60s", "--warmup", "0s", "--time-limit", "2s");
        assertThat(exit).isEqualTo(ExitCodes.SOFTWARE);
        assertThat(err.toString()).contains("did not finish within 2 s");
        assertThat((System.nanoTime() - t0) / 1e9).as("seconds until it stopped").isLessThan(30);
    }

    @Test
    void badArgumentsGetAClearMessage() {
        StringWriter err = new StringWriter();
        CommandLine cl = FerryMain.commandLine();
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute("bench", url, "--scenario", "nonsense")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("unknown scenario 'nonsense'").contains("retr");
        assertThat(cl.execute("bench", "--scenario", "retr")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("needs a URL");
        assertThat(cl.execute("bench", "http://example.org/", "--scenario", "retr")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("only ftp:// URLs");
    }
}
