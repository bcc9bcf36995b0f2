package dev.ferry.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AsciiDecimalTest {

    @Test
    void readsAsciiDigitsUpToLongMax() {
        assertThat(AsciiDecimal.parse("0")).isZero();
        assertThat(AsciiDecimal.parse("000123")).isEqualTo(123);
        assertThat(AsciiDecimal.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(AsciiDecimal.parse("9223372036854775808")).isEqualTo(-1);
        assertThat(AsciiDecimal.parse("99999999999999999999")).isEqualTo(-1);
    }

    @Test
    void refusesSignsSpacesAndOtherScriptsDigits() {
        assertThat(AsciiDecimal.parse("")).isEqualTo(-1);
        assertThat(AsciiDecimal.parse("+5")).isEqualTo(-1);
        assertThat(AsciiDecimal.parse("-5")).isEqualTo(-1);
        assertThat(AsciiDecimal.parse(" 5")).isEqualTo(-1);
        assertThat(AsciiDecimal.parse("5x")).isEqualTo(-1);
        assertThat(AsciiDecimal.parse("\u0661\u0662\u0663")).isEqualTo(-1); // Arabic-Indic 123
        assertThat(AsciiDecimal.parse("\uff11")).isEqualTo(-1); // fullwidth 1
        assertThat(Long.parseLong("\u0661\u0662\u0663")).isEqualTo(123); // what the JDK would have taken
    }

    @Test
    void boundedParseRefusesAboveTheMaximum() {
        assertThat(AsciiDecimal.parse("65535", 65535)).isEqualTo(65535);
        assertThat(AsciiDecimal.parse("65536", 65535)).isEqualTo(-1);
        assertThat(AsciiDecimal.parse("256", 255)).isEqualTo(-1);
    }
}
