package dev.ferry.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UnitsTest {

    @Test
    void sizesAreBinary() {
        assertThat(Units.parseSize("0")).isZero();
        assertThat(Units.parseSize("4096")).isEqualTo(4096);
        assertThat(Units.parseSize("512K")).isEqualTo(512 * 1024);
        assertThat(Units.parseSize("20MiB")).isEqualTo(20L << 20);
        assertThat(Units.parseSize("1.5GB")).isEqualTo(3L << 29);
        assertThat(Units.parseSize("10g")).isEqualTo(10L << 30);
        assertThatThrownBy(() -> Units.parseSize("lots")).hasMessageContaining("not a size");
        assertThatThrownBy(() -> Units.parseSize("-1")).hasMessageContaining("not a size");
    }

    @Test
    void sizesAreExactOrRefused() {
        assertThat(Units.parseSize("9007199254740993")).as("no trip through a double").isEqualTo(9007199254740993L);
        assertThat(Units.parseSize("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(Units.parseSize("7EiB")).isEqualTo(7L << 60);
        assertThat(Units.parseSize(Units.formatSize(8L << 50).replace(" ", ""))).as("what show prints reads back").isEqualTo(8L << 50);
        assertThatThrownBy(() -> Units.parseSize("9223372036854775808")).hasMessageContaining("too large");
        assertThatThrownBy(() -> Units.parseSize("8EiB")).hasMessageContaining("too large");
        assertThatThrownBy(() -> Units.parseSize("0.5")).hasMessageContaining("whole number of bytes");
        assertThatThrownBy(() -> Units.parseSize("0.0000001")).hasMessageContaining("whole number of bytes");
        assertThatThrownBy(() -> Units.parseSize("1Mib")).hasMessageContaining("bits");
        assertThatThrownBy(() -> Units.parseRate("1Mib/s")).hasMessageContaining("bits");
        assertThatThrownBy(() -> Units.parseSize("\u0661\u0662")).hasMessageContaining("not a size");
    }

    @Test
    void rates() {
        assertThat(Units.parseRate("1MiB/s")).isEqualTo(1 << 20);
        assertThat(Units.parseRate("0")).isZero();
        assertThatThrownBy(() -> Units.parseRate("fast")).hasMessage("not a rate: 'fast' (examples: 0 for unlimited, 512KiB/s, 1MiB/s)");
        assertThatThrownBy(() -> Units.parseRate("1Mib/s")).hasMessageContaining("means bits");
    }

    @Test
    void durations() {
        assertThat(Units.parseDuration("300")).isEqualTo(Duration.ofSeconds(300));
        assertThat(Units.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Units.parseDuration("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Units.parseDuration("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(Units.parseDuration("PT1H")).isEqualTo(Duration.ofHours(1));
        assertThat(Units.formatDuration(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(Units.formatSize(1536)).isEqualTo("1.5 KiB");
        assertThatThrownBy(() -> Units.parseDuration("soon")).hasMessageContaining("not a duration");
    }
}
