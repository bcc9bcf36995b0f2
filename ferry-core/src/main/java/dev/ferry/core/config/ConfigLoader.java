package dev.ferry.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Builds a {@link ServerConfig} from four layers, each overriding the one before:
 * defaults &lt; YAML file &lt; environment (FERRY_*) &lt; command-line flags.
 *
 * <p>The YAML file is the one named by {@code --config}/FERRY_CONFIG, or else
 * {@code <data>/ferry.yml} when it exists. Its keys are exactly the flag names. Unknown keys and
 * bad values are errors at start, naming the key and where it came from.
 */
public final class ConfigLoader {

    public static final String CONFIG_ENV = "FERRY_CONFIG";

    private ConfigLoader() {}

    public static ServerConfig load(Map<String, String> flags, Map<String, String> env, Optional<Path> configFile)
            throws ConfigException {
        Optional<Path> file = configFile.or(() -> Optional.ofNullable(env.get(CONFIG_ENV)).filter(s -> !s.isBlank()).map(Path::of));
        boolean explicit = file.isPresent();
        if (file.isEmpty()) {
            String data = flags.getOrDefault(Settings.DATA.key(), env.getOrDefault(Settings.DATA.envName(), Settings.DATA.defaultValue()));
            Path candidate = Path.of(data).resolve("ferry.yml");
            if (Files.isRegularFile(candidate)) {
                file = Optional.of(candidate);
            }
        }
        Map<String, String> fromFile = new LinkedHashMap<>();
        if (file.isPresent()) {
            if (explicit && !Files.isRegularFile(file.get())) {
                throw new ConfigException("config file not found: " + file.get());
            }
            fromFile = readYaml(file.get());
        }
        Map<String, String> fromEnv = new LinkedHashMap<>();
        for (Setting<?> s : Settings.ALL) {
            String v = env.get(s.envName());
            if (v != null) {
                fromEnv.put(s.key(), v);
            }
        }
        String fileName = file.map(Path::toString).orElse("");
        Map<String, String> layeredSources = new LinkedHashMap<>();
        Map<String, String> merged = new LinkedHashMap<>();
        fromFile.forEach((k, v) -> { merged.put(k, v); layeredSources.put(k, fileName); });
        fromEnv.forEach((k, v) -> { merged.put(k, v); layeredSources.put(k, "env " + Settings.byKey(k).orElseThrow().envName()); });
        flags.forEach((k, v) -> { merged.put(k, v); layeredSources.put(k, "flag --" + k); });
        return resolve(layeredSources, merged, null);
    }

    /** Parses every setting from {@code text} (missing ones from their defaults) and validates. */
    static ServerConfig resolve(Map<String, String> sourceByKey, Map<String, String> text, String defaultSource)
            throws ConfigException {
        for (String key : text.keySet()) {
            if (Settings.byKey(key).isEmpty()) {
                throw new ConfigException("unknown setting '" + key + "'" + from(sourceByKey.getOrDefault(key, defaultSource))
                        + "; known settings: " + Settings.ALL.stream().map(Setting::key).collect(Collectors.joining(", ")));
            }
        }
        Map<Setting<?>, Object> values = new LinkedHashMap<>();
        Map<Setting<?>, String> sources = new LinkedHashMap<>();
        for (Setting<?> s : Settings.ALL) {
            String raw = text.getOrDefault(s.key(), s.defaultValue());
            String source = text.containsKey(s.key()) ? sourceByKey.getOrDefault(s.key(), defaultSource) : "default";
            try {
                values.put(s, s.parse(raw));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("bad value for '" + s.key() + "'" + from(source) + ": " + e.getMessage());
            }
            sources.put(s, source == null ? "default" : source);
        }
        return ServerConfig.of(values, sources);
    }

    private static String from(String source) {
        return source == null || source.equals("default") ? "" : " (from " + source + ")";
    }

    private static Map<String, String> readYaml(Path file) throws ConfigException {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return out;
        }
        if (!root.isObject()) {
            throw new ConfigException("config file " + file + " must be a mapping of setting: value");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), scalarText(file, e.getKey(), e.getValue()));
        }
        return out;
    }

    private static String scalarText(Path file, String key, JsonNode node) throws ConfigException {
        if (node.isNull()) {
            return "";
        }
        if (node.isValueNode()) {
            return node.asText();
        }
        if (node.isArray()) {
            List<String> parts = new ArrayList<>();
            for (JsonNode n : node) {
                if (!n.isValueNode()) {
                    throw new ConfigException("config file " + file + ": '" + key + "' must be a list of plain values");
                }
                parts.add(n.asText());
            }
            return String.join(",", parts);
        }
        throw new ConfigException("config file " + file + ": '" + key + "' must be a plain value or a list");
    }
}
