package dev.ferry.core.config;

import java.util.stream.Collectors;

/** The settings as the Markdown table of the README's configuration reference. */
public final class SettingsTable {

    private SettingsTable() {}

    public static String markdown() {
        return "| key (flag `--key`) | default | meaning |\n| --- | --- | --- |\n"
                + Settings.ALL.stream()
                        .map(s -> "| `" + s.key() + "` | " + (s.defaultValue().isEmpty() ? "(none)" : "`" + s.defaultValue() + "`")
                                + " | " + s.help().replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;") + " |")
                        .collect(Collectors.joining("\n"))
                + "\n";
    }
}
