package dev.ferry.app.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.config.Setting;
import dev.ferry.core.config.Settings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration reference is the settings table, printed: this test fails when they
 * differ, and shows the block to paste. With FERRY_UPDATE_README=1 it rewrites the block itself.
 */
class ReadmeSettingsTableTest {

    private static final String BEGIN = "<!-- settings-table:begin -->\n";
    private static final String END = "<!-- settings-table:end -->";

    static String table() {
        StringBuilder b = new StringBuilder("| key (flag `--key`) | default | meaning |\n| --- | --- | --- |\n");
        for (Setting<?> s : Settings.ALL) {
            String def = s.defaultValue().isEmpty() ? "" : "`" + s.defaultValue() + "`";
            b.append("| `").append(s.key()).append("` | ").append(def).append(" | ").append(markdown(s.help())).append(" |\n");
        }
        return b.toString();
    }

    /** Help text inside a table cell: pipes would end the cell, and {@code <data>} would be taken for HTML. */
    private static String markdown(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Test
    void theReadmeListsEverySettingAsTheTableDefinesIt() throws Exception {
        Path readme = Path.of("..", "README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int from = text.indexOf(BEGIN);
        int to = text.indexOf(END);
        assertThat(from).as("README has the settings-table markers").isNotNegative();
        assertThat(to).isGreaterThan(from);
        String current = text.substring(from + BEGIN.length(), to);
        String expected = table();
        if (!current.equals(expected) && "1".equals(System.getenv("FERRY_UPDATE_README"))) {
            Files.writeString(readme, text.substring(0, from + BEGIN.length()) + expected + text.substring(to), StandardCharsets.UTF_8);
            current = expected;
        }
        assertThat(current).as("README.md settings table (regenerate: FERRY_UPDATE_README=1 bin/test --junit-only -Dtest=ReadmeSettingsTableTest -Dsurefire.failIfNoSpecifiedTests=false)")
                .isEqualTo(expected);
    }
}
