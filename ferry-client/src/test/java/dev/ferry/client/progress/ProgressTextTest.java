package dev.ferry.client.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressTextTest {

    @Test
    void barLineFitsTheWidthAndShowsEverything() {
        String line = TerminalReporter.barLine("get a-rather-long-file-name-indeed.iso", 0.45, 90L << 20, 200L << 20,
                50.0 * (1 << 20), Duration.ofSeconds(2), 79);
        assertThat(line.length()).isLessThanOrEqualTo(79);
        assertThat(line).contains(" 45% [").contains("90.0 MiB/200 MiB").contains("50.0 MiB/s").contains("ETA 0:02");
        String narrow = TerminalReporter.barLine("x", 0.5, 1, 2, 1, null, 30);
        assertThat(narrow.length()).isLessThanOrEqualTo(30);
        // 40 columns: the bar and the byte counts give way; the name, the rate and the ETA stay whole.
        String forty = TerminalReporter.barLine("get big-download.bin", 0.52, 105L << 20, 200L << 20, 20.0 * (1 << 20),
                Duration.ofSeconds(5), 39);
        assertThat(forty.length()).isLessThanOrEqualTo(39);
        assertThat(forty).contains("ownload.bin").contains(" 52%").contains("20.0 MiB/s ETA 0:05").doesNotContain("[");
    }

    @Test
    void formats() {
        assertThat(Formats.size(1023)).isEqualTo("1023 B");
        assertThat(Formats.size(1536)).isEqualTo("1.5 KiB");
        assertThat(Formats.clock(Duration.ofSeconds(3725))).isEqualTo("1:02:05");
        assertThat(Formats.clock(null)).isEqualTo("--:--");
        assertThat(Formats.bar(0.5, 12)).isEqualTo("[=====>    ]");
        assertThat(Formats.bar(1, 6)).isEqualTo("[====]");
        assertThat(Formats.printable("a\u001b[2Jb")).isEqualTo("a?[2Jb");
    }

    @Test
    void lineReporterPrintsStartAndEndWithoutControlCharacters() {
        StringWriter s = new StringWriter();
        LineReporter r = new LineReporter(new PrintWriter(s), false);
        ProgressListener p = r.transfer("get evil\u001b[31mname");
        p.started(100, 1000);
        p.advanced(900);
        p.finished("verified sha256");
        assertThat(s.toString()).doesNotContain("\u001b").contains("resuming at 100 B of 1000 B")
                .containsPattern("done, 1000 B, 900 B of it in [0-9.]+ s \\(.*\\); verified sha256");
    }
}
