package dev.ferry.client.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The shell word sha256sum is given, and what of its output counts as a digest. */
class ExecHashTest {

    private static final String HEX = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void aPathIsOneSingleQuotedWordOrNotSentAtAll() {
        assertThat(ExecHash.quote("/home/me/a b.txt")).contains("'/home/me/a b.txt'");
        assertThat(ExecHash.quote("$(rm -rf ~) `x` ; | & * ? ~ ! # \"")).contains("'$(rm -rf ~) `x` ; | & * ? ~ ! # \"'");
        assertThat(ExecHash.quote("-n")).contains("'-n'");
        // Read differently by some shells inside quotes (fish: \' is a quote): never sent.
        assertThat(ExecHash.quote("it's")).isEmpty();
        assertThat(ExecHash.quote("\\'; touch /tmp/x; #")).isEmpty();
        assertThat(ExecHash.quote("back\\slash")).isEmpty();
        assertThat(ExecHash.quote("line\nbreak")).isEmpty();
        assertThat(ExecHash.quote("tab\there")).isEmpty();
    }

    @Test
    void onlyCoreutilsOutputWithExitZeroIsADigest() {
        assertThat(ExecHash.parse(HEX + "  /home/me/a.bin\n", 0)).contains(HEX);
        assertThat(ExecHash.parse(HEX + " */home/me/a.bin\n", 0)).as("binary mode marker").contains(HEX);
        assertThat(ExecHash.parse("\\" + HEX + "  /home/me/a\\\\b\n", 0)).as("an escaped name").contains(HEX);
        assertThat(ExecHash.parse(HEX + "  /home/me/a.bin\n", 1)).isEmpty();
        assertThat(ExecHash.parse(HEX + "  /home/me/a.bin\n", null)).isEmpty();
        assertThat(ExecHash.parse("Welcome!\n" + HEX + "  /home/me/a.bin\n", 0)).as("a chatty login shell").isEmpty();
        assertThat(ExecHash.parse("sha256sum: /x: No such file or directory\n", 0)).isEmpty();
        assertThat(ExecHash.parse(HEX.substring(1) + "  short\n", 0)).isEmpty();
    }
}
