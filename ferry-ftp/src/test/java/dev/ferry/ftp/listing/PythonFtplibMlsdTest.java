package dev.ferry.ftp.listing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ferry.core.user.Permission;
import dev.ferry.core.vfs.FileEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs python3's own {@code ftplib.FTP.mlsd} on our MLSD lines: the data connection is replaced
 * by a list of lines, so the parsing under test is ftplib's, unchanged. Skipped where python3 is
 * missing; bin/test installs it.
 */
class PythonFtplibMlsdTest {

    // Names travel back as hex so that no character of theirs can confuse this little protocol.
    private static final String SCRIPT = """
            import ftplib, sys
            lines = sys.stdin.buffer.read().decode('utf-8').split('\\n')
            ftp = ftplib.FTP()
            def retrlines(cmd, callback):
                for line in lines:
                    callback(line)
            ftp.retrlines = retrlines
            for name, facts in ftp.mlsd():
                print(name.encode('utf-8').hex() + '\\t' + ';'.join(k + '=' + v for k, v in facts.items()))
            """;

    @Test
    void ftplibReadsBackWhatWeWrote() throws Exception {
        Instant t = Instant.parse("2024-02-29T17:54:33.120Z");
        List<FileEntry> entries = List.of(
                Entries.file("report.txt", 1234, t),
                Entries.file("big.iso", 5_000_000_000L, t),
                Entries.file("résumé ünïcödé 日本語.txt", 1, t),
                Entries.file("my file  name.txt", 1, t),
                Entries.file("  leading", 1, t),
                Entries.file("trailing  ", 1, t),
                Entries.file("semi;colon=eq; x", 1, t),
                Entries.dir("docs", t),
                Entries.other("fifo", t));
        List<String> lines = entries.stream()
                .map(e -> MlsxFacts.line(e, Permission.parseSet("read-only"), MlstFactSelection.all()).orElseThrow())
                .toList();

        List<String> out = runPython(String.join("\n", lines));

        assertThat(out).hasSize(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            FileEntry e = entries.get(i);
            String[] parts = out.get(i).split("\t", 2);
            assertThat(new String(HexFormat.of().parseHex(parts[0]), UTF_8)).isEqualTo(e.name());
            Map<String, String> facts = new LinkedHashMap<>();
            for (String kv : parts[1].split(";")) {
                String[] p = kv.split("=", 2);
                facts.put(p[0], p[1]);
            }
            assertThat(facts).containsEntry("type", switch (e.type()) {
                case FILE -> "file";
                case DIRECTORY -> "dir";
                case OTHER -> "OS.unix=special";
            });
            assertThat(facts).containsEntry("modify", "20240229175433.120");
            assertThat(facts).containsEntry("unix.mode", e.isDirectory() ? "0755" : "0644");
            if (e.isFile()) {
                assertThat(facts).containsEntry("size", Long.toString(e.size())).containsEntry("perm", "r");
            } else {
                assertThat(facts).doesNotContainKey("size");
            }
        }
    }

    private static List<String> runPython(String input) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("python3", "-c", SCRIPT).redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            assumeTrue(false, "python3 is not installed");
            throw notInstalled;
        }
        try (OutputStream in = p.getOutputStream()) {
            in.write(input.getBytes(UTF_8));
        }
        String output = new String(p.getInputStream().readAllBytes(), UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("python3 did not finish: " + output);
        }
        assertThat(p.exitValue()).as(output).isZero();
        return output.lines().toList();
    }
}
