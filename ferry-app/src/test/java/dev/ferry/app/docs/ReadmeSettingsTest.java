package dev.ferry.app.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.config.SettingsTable;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's configuration reference is the settings table itself, kept in step by this test. */
class ReadmeSettingsTest {

    private static final String BEGIN = "<!-- settings-table:begin -->\n";
    private static final String END = "<!-- settings-table:end -->";

    @Test
    void readmeListsEverySettingWithItsDefault() throws Exception {
        Path readme = Path.of("..", "README.md");
        String text = Files.readString(readme);
        int a = text.indexOf(BEGIN);
        int b = text.indexOf(END);
        assertThat(a).as("README has the settings-table markers").isNotNegative();
        String actual = text.substring(a + BEGIN.length(), b);
        assertThat(actual)
                .as("README settings table is out of date; replace it with:\n" + SettingsTable.markdown())
                .isEqualTo(SettingsTable.markdown());
    }
}
