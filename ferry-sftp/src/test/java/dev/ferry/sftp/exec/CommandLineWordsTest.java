package dev.ferry.sftp.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CommandLineWordsTest {

    @Test
    void splitsLikeAShellForSimpleCommands() {
        assertThat(CommandLineWords.split("sha256sum a.txt  'b c.txt' \"d\\\"e\" f\\ g"))
                .contains(List.of("sha256sum", "a.txt", "b c.txt", "d\"e", "f g"));
        assertThat(CommandLineWords.split("scp -t -- 'it''s'")).contains(List.of("scp", "-t", "--", "its"));
        assertThat(CommandLineWords.split("md5sum '$HOME;|'")).contains(List.of("md5sum", "$HOME;|"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha256sum a; rm -rf /", "md5sum a | nc x 1", "sha256sum $(id)", "sha256sum `id`",
            "md5sum a && ls", "sha256sum > x", "sha256sum \"$HOME\"", "md5sum 'unterminated", "a\nb", "x & y", "(ls)"})
    void refusesWhatWouldNeedAShell(String line) {
        assertThat(CommandLineWords.split(line)).isEqualTo(Optional.empty());
    }
}
