package dev.ferry.app.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.sftp.client.RawSftpClient;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClient.CloseableHandle;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;
import org.apache.sshd.sftp.client.impl.SftpResponse;
import org.apache.sshd.sftp.client.impl.SftpStatus;
import org.apache.sshd.sftp.common.SftpConstants;
import org.junit.jupiter.api.Test;

/**
 * check-file-name and check-file-handle (draft-ietf-secsh-filexfer-09, 9.1.2) byte for byte, sent
 * raw through MINA's client: ranges, blocks, algorithm choice, and the refusals.
 */
class SftpCheckFileTest extends SftpServerTest {

    private static final byte[] DATA = new byte[300_000];

    static {
        new Random(42).nextBytes(DATA);
    }

    /** What came back: the algorithm and the bare digest bytes, or the status code. */
    private record Reply(String algorithm, byte[] digests, int status) {}

    private static Reply ask(SftpClient c, String extension, Object target, String algorithms, long start, long length, int block)
            throws Exception {
        RawSftpClient raw = (RawSftpClient) c;
        Buffer b = new ByteArrayBuffer();
        b.putString(extension);
        if (target instanceof CloseableHandle h) {
            b.putBytes(h.getIdentifier());
        } else {
            b.putString((String) target);
        }
        b.putString(algorithms);
        b.putLong(start);
        b.putLong(length);
        b.putUInt(block);
        int id = raw.send(SftpConstants.SSH_FXP_EXTENDED, b);
        SftpResponse r = SftpResponse.parse(SftpConstants.SSH_FXP_EXTENDED, raw.receive(id));
        if (r.getType() == SftpConstants.SSH_FXP_STATUS) {
            return new Reply(null, null, SftpStatus.parse(r).getStatusCode());
        }
        assertThat(r.getType()).isEqualTo(SftpConstants.SSH_FXP_EXTENDED_REPLY);
        Buffer reply = r.getBuffer();
        assertThat(reply.getString()).isEqualTo("check-file");
        String used = reply.getString();
        byte[] rest = new byte[reply.available()];
        reply.getRawBytes(rest);
        return new Reply(used, rest, -1);
    }

    private static byte[] digest(String jdkName, int from, int to) throws Exception {
        return MessageDigest.getInstance(jdkName).digest(Arrays.copyOfRange(DATA, from, to));
    }

    @Test
    void theVersionReplyOffersTheExtension() throws Exception {
        try (SftpClient c = sftp()) {
            assertThat(c.getServerExtensions()).containsKeys("check-file-name", "check-file-handle", "check-file");
        }
    }

    @Test
    void aWholeFileARangeAndBlocksHashAsTheDraftSays() throws Exception {
        Files.write(home.resolve("h.bin"), DATA);
        try (SftpClient c = sftp()) {
            Reply whole = ask(c, "check-file-name", "h.bin", "sha256", 0, 0, 0);
            assertThat(whole.algorithm()).isEqualTo("sha256");
            assertThat(whole.digests()).isEqualTo(digest("SHA-256", 0, DATA.length));

            Reply prefix = ask(c, "check-file-name", "/h.bin", "sha256", 0, 100_000, 0);
            assertThat(prefix.digests()).isEqualTo(digest("SHA-256", 0, 100_000));

            Reply middle = ask(c, "check-file-name", "h.bin", "sha256", 1000, 5000, 0);
            assertThat(middle.digests()).isEqualTo(digest("SHA-256", 1000, 6000));

            // Past the end: what is there, as a READ would return it.
            Reply over = ask(c, "check-file-name", "h.bin", "sha256", 299_000, 10_000, 0);
            assertThat(over.digests()).isEqualTo(digest("SHA-256", 299_000, DATA.length));

            // One digest per block, the last one short.
            Reply blocks = ask(c, "check-file-name", "h.bin", "md5", 0, 0, 128 * 1024);
            assertThat(blocks.algorithm()).isEqualTo("md5");
            byte[] expected = new byte[48];
            System.arraycopy(digest("MD5", 0, 131_072), 0, expected, 0, 16);
            System.arraycopy(digest("MD5", 131_072, 262_144), 0, expected, 16, 16);
            System.arraycopy(digest("MD5", 262_144, DATA.length), 0, expected, 32, 16);
            assertThat(blocks.digests()).isEqualTo(expected);
        }
    }

    @Test
    void theFirstAlgorithmOfTheListThatTheServerKnowsIsUsed() throws Exception {
        Files.write(home.resolve("a.bin"), DATA);
        try (SftpClient c = sftp()) {
            Reply r = ask(c, "check-file-name", "a.bin", "whirlpool, sha1,sha256", 0, 0, 0);
            assertThat(r.algorithm()).isEqualTo("sha1");
            assertThat(r.digests()).isEqualTo(digest("SHA-1", 0, DATA.length));
            assertThat(ask(c, "check-file-name", "a.bin", "whirlpool,tiger", 0, 0, 0).status())
                    .isEqualTo(SftpConstants.SSH_FX_OP_UNSUPPORTED);
        }
    }

    @Test
    void aHandleOpenForReadingHashesAndItsNextReadStillReadsWhereItAsks() throws Exception {
        Files.write(home.resolve("f.bin"), DATA);
        try (SftpClient c = sftp()) {
            try (CloseableHandle h = c.open("f.bin", OpenMode.Read)) {
                byte[] first = new byte[1000];
                assertThat(c.read(h, 0, first, 0, first.length)).isEqualTo(1000);
                for (String name : new String[] {"check-file-handle", "check-file"}) { // paramiko sends the second
                    Reply r = ask(c, name, h, "sha512", 0, 0, 0);
                    assertThat(r.digests()).isEqualTo(digest("SHA-512", 0, DATA.length));
                }
                byte[] next = new byte[1000];
                assertThat(c.read(h, 1000, next, 0, next.length)).isEqualTo(1000);
                assertThat(next).isEqualTo(Arrays.copyOfRange(DATA, 1000, 2000));
            }
            try (CloseableHandle w = c.open("new.bin", OpenMode.Write, OpenMode.Create)) {
                assertThat(ask(c, "check-file-handle", w, "sha256", 0, 0, 0).status()).isEqualTo(SftpConstants.SSH_FX_PERMISSION_DENIED);
            }
        }
    }

    @Test
    void refusalsAreStatusesNotBrokenReplies() throws Exception {
        Files.write(home.resolve("r.bin"), DATA);
        Files.createDirectories(home.resolve("dir"));
        try (SftpClient c = sftp()) {
            assertThat(ask(c, "check-file-name", "missing.bin", "sha256", 0, 0, 0).status()).isEqualTo(SftpConstants.SSH_FX_NO_SUCH_FILE);
            assertThat(ask(c, "check-file-name", "dir", "sha256", 0, 0, 0).status()).isEqualTo(SftpConstants.SSH_FX_FAILURE);
            assertThat(ask(c, "check-file-name", "../../etc/passwd", "sha256", 0, 0, 0).status())
                    .isEqualTo(SftpConstants.SSH_FX_NO_SUCH_FILE);
            // The draft's minimum block is 256 bytes; a reply must fit one packet.
            assertThat(ask(c, "check-file-name", "r.bin", "sha256", 0, 0, 100).status()).isEqualTo(SftpConstants.SSH_FX_FAILURE);
            Files.write(home.resolve("large.bin"), new byte[4 * 1024 * 1024]);
            assertThat(ask(c, "check-file-name", "large.bin", "sha256", 0, 0, 256).status()).isEqualTo(SftpConstants.SSH_FX_FAILURE);
            // and the session goes on
            assertThat(ask(c, "check-file-name", "r.bin", "crc32", 0, 0, 0).digests()).hasSize(4);
        }
    }
}
