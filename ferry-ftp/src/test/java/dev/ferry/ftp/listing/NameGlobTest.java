package dev.ferry.ftp.listing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameGlobTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "*.log        | a.log   | true",
        "*.log        | a.txt   | false",
        "*.log        | .h.log  | false",
        ".*.log       | .h.log  | true",
        "ab?.bin      | ab1.bin | true",
        "ab?.bin      | ab.bin  | false",
        "ab[0-9].bin  | ab1.bin | true",
        "ab[0-9].bin  | abc.bin | false",
        "ab[!0-9].bin | abc.bin | true",
        "ab[^0-9].bin | ab1.bin | false",
        "a*b*c        | aXbYc   | true",
        "a*b*c        | aXbY    | false",
        "*ab          | aab     | true",
        "a*a          | aaa     | true",
        "\\*x*        | *xy     | true",
        "[]a]*        | ]q      | true",
        "[x           | [x      | true",
        "**           | z       | true",
    })
    void matchesAsAShellDoes(String pattern, String name, boolean expected) {
        assertThat(NameGlob.of(pattern).orElseThrow().matches(name)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"*a*a*a*a*a*a*a*a*a*a*a*a*b, 200", "*a*a*a*a*a*a*a*a*a*a*a*a*, 200"})
    void manyStarsAgainstALongNameFinish(String pattern, int length) {
        // Backtracking recursion took exponential time here (8 stars, 60 characters: 95 s).
        assertThat(NameGlob.of(pattern).orElseThrow().matches("a".repeat(length))).isEqualTo(pattern.endsWith("*"));
    }
}
