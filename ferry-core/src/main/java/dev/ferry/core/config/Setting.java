package dev.ferry.core.config;

import java.util.Locale;
import java.util.function.Function;

/**
 * One configuration setting. Its key is at once the YAML key, the command-line flag
 * ({@code --key}) and, upper-cased with underscores and a {@code FERRY_} prefix, the environment
 * variable; so every flag has a key and vice versa by construction.
 *
 * @param key          kebab-case name, e.g. {@code ftp-port}
 * @param defaultValue the default, as text (parsed like any other value)
 * @param parser       text to typed value; throws IllegalArgumentException with a clear message
 * @param label        what the value looks like, for help text ({@code N}, {@code DIR}, {@code A-B})
 * @param help         one line of help
 */
public record Setting<T>(String key, String defaultValue, Function<String, T> parser, String label, String help) {

    public String flag() {
        return "--" + key;
    }

    public String envName() {
        return "FERRY_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    public T parse(String text) {
        return parser.apply(text);
    }
}
