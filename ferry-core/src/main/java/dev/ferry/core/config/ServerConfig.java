package dev.ferry.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The validated, typed configuration of one server process. Built only by {@link ConfigLoader}
 * (or {@link #builder()} in tests and embedded use); immutable.
 */
public final class ServerConfig {

    private final Map<Setting<?>, Object> values;
    private final Map<Setting<?>, String> sources;

    private ServerConfig(Map<Setting<?>, Object> values, Map<Setting<?>, String> sources) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        Object v = values.get(setting);
        if (v == null) {
            throw new IllegalArgumentException("setting not registered: " + setting.key());
        }
        return (T) v;
    }

    /** Where a setting's value came from: "default", a file name, an environment variable or a flag. */
    public String source(Setting<?> setting) {
        return sources.getOrDefault(setting, "default");
    }

    /** Defaults for everything, overridden by text values; for tests and embedding. */
    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final Map<String, String> text = new LinkedHashMap<>();

        public Builder set(Setting<?> setting, String value) {
            text.put(setting.key(), value);
            return this;
        }

        public ServerConfig build() {
            try {
                return ConfigLoader.resolve(Map.of(), text, "builder");
            } catch (ConfigException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
    }

    static ServerConfig of(Map<Setting<?>, Object> values, Map<Setting<?>, String> sources) {
        return new ServerConfig(values, sources);
    }
}
