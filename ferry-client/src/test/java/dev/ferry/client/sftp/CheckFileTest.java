package dev.ferry.client.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.transfer.HashAlgorithm;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading check-file replies as the draft writes them and as MINA's server does. */
class CheckFileTest {

    private static final String MD5_OF_ABC = "900150983cd24fb0d6963f7d28e17f72";

    @Test
    void aBareDigestAndALengthPrefixedOneReadTheSame() {
        byte[] bare = HexFormat.of().parseHex(MD5_OF_ABC);
        byte[] prefixed = HexFormat.of().parseHex("00000010" + MD5_OF_ABC);
        assertThat(CheckFile.digest(bare, HashAlgorithm.MD5)).contains(MD5_OF_ABC);
        assertThat(CheckFile.digest(prefixed, HashAlgorithm.MD5)).contains(MD5_OF_ABC);
    }

    @Test
    void anythingElseIsNoDigest() {
        assertThat(CheckFile.digest(new byte[0], HashAlgorithm.MD5)).isEmpty();
        assertThat(CheckFile.digest(new byte[32], HashAlgorithm.MD5)).as("two blocks' digests, not one").isEmpty();
        assertThat(CheckFile.digest(HexFormat.of().parseHex("00000011" + MD5_OF_ABC), HashAlgorithm.MD5)).isEmpty();
    }

    @Test
    void onlyAServerThatListsTheExtensionIsAskedToHash() {
        assertThat(CheckFile.offered(Map.of("posix-rename@openssh.com", new byte[] {'1'}))).isEmpty();
        assertThat(CheckFile.offered(Map.of("check-file-name", new byte[] {'1'}))).contains(HashAlgorithm.SHA_256);
        assertThat(CheckFile.offered(Map.of("check-file", new byte[0]))).contains(HashAlgorithm.SHA_256);
    }
}
