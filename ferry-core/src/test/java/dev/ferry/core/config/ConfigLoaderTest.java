package dev.ferry.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** defaults < YAML < environment < flags, and clear errors naming the setting and its source. */
class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void defaultsWhenNothingIsGiven() throws Exception {
        ServerConfig c = ConfigLoader.load(Map.of(), Map.of(), Optional.empty());
        assertThat(c.get(Settings.FTP_PORT)).isEqualTo(2121);
        assertThat(c.get(Settings.DATA)).isEqualTo(Path.of("./ferry-data"));
        assertThat(c.get(Settings.IDLE_TIMEOUT)).isEqualTo(Duration.ofSeconds(300));
        assertThat(c.get(Settings.PASSIVE_PORTS).isAny()).isTrue();
        assertThat(c.source(Settings.FTP_PORT)).isEqualTo("default");
    }

    @Test
    void eachLayerOverridesTheOneBefore() throws Exception {
        Path yml = dir.resolve("ferry.yml");
        Files.writeString(yml, "ftp-port: 2000\nidle-timeout: 5m\npassive-ports: 30000-30010\nbind: [127.0.0.1, \"::1\"]\n");
        ServerConfig c = ConfigLoader.load(Map.of("ftp-port", "4000"),
                Map.of("FERRY_FTP_PORT", "3000", "FERRY_IDLE_TIMEOUT", "10m"), Optional.of(yml));
        assertThat(c.get(Settings.FTP_PORT)).isEqualTo(4000);
        assertThat(c.source(Settings.FTP_PORT)).isEqualTo("flag --ftp-port");
        assertThat(c.get(Settings.IDLE_TIMEOUT)).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.source(Settings.IDLE_TIMEOUT)).isEqualTo("env FERRY_IDLE_TIMEOUT");
        assertThat(c.get(Settings.PASSIVE_PORTS)).isEqualTo(new PortRange(30000, 30010));
        assertThat(c.source(Settings.PASSIVE_PORTS)).isEqualTo(yml.toString());
        assertThat(c.get(Settings.BIND)).hasSize(2);
    }

    @Test
    void theDataDirectorysFerryYmlIsReadWhenNoFileIsNamed() throws Exception {
        Files.writeString(dir.resolve("ferry.yml"), "ftp-port: 2999\n");
        ServerConfig c = ConfigLoader.load(Map.of("data", dir.toString()), Map.of(), Optional.empty());
        assertThat(c.get(Settings.FTP_PORT)).isEqualTo(2999);
        ServerConfig viaEnv = ConfigLoader.load(Map.of(), Map.of("FERRY_DATA", dir.toString()), Optional.empty());
        assertThat(viaEnv.get(Settings.FTP_PORT)).isEqualTo(2999);
    }

    @Test
    void unknownKeysAndBadValuesAreErrorsNamingTheirSource() throws Exception {
        Path yml = dir.resolve("bad.yml");
        Files.writeString(yml, "ftp-prot: 21\n");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of(), Optional.of(yml)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown setting 'ftp-prot'")
                .hasMessageContaining(yml.toString());
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("ftp-port", "99999"), Map.of(), Optional.empty()))
                .hasMessageContaining("'ftp-port'").hasMessageContaining("flag --ftp-port").hasMessageContaining("out of range");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("FERRY_IDLE_TIMEOUT", "soon"), Optional.empty()))
                .hasMessageContaining("env FERRY_IDLE_TIMEOUT");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("passive-ports", "3000-2000"), Map.of(), Optional.empty()))
                .hasMessageContaining("passive-ports");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("bind", "example.com"), Map.of(), Optional.empty()))
                .hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of(), Optional.of(dir.resolve("missing.yml"))))
                .hasMessageContaining("config file not found");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("data", ""), Map.of(), Optional.empty()))
                .as("not the working directory").hasMessageContaining("an empty path");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("ftp-port", "\u0662\u0661"), Map.of(), Optional.empty()))
                .hasMessageContaining("not a whole number");
    }

    @Test
    void aYamlFileThatIsNotAMappingIsRefused() throws Exception {
        Path yml = dir.resolve("list.yml");
        Files.writeString(yml, "- a\n- b\n");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of(), Optional.of(yml)))
                .hasMessageContaining("must be a mapping");
    }

    @Test
    void everySettingHasAFlagAnEnvironmentNameAndHelp() {
        for (Setting<?> s : Settings.ALL) {
            assertThat(s.key()).matches("[a-z0-9]+(-[a-z0-9]+)*");
            assertThat(s.envName()).isEqualTo("FERRY_" + s.key().toUpperCase().replace('-', '_'));
            assertThat(s.help()).isNotBlank();
            // The default itself must parse.
            s.parse(s.defaultValue());
        }
    }
}
