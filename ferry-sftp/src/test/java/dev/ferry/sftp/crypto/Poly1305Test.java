package dev.ferry.sftp.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Both Poly1305s against RFC 8439's vectors and against each other on random input. */
class Poly1305Test {

    private static final HexFormat HEX = HexFormat.of();

    static String tag(OneTimeMac mac, byte[] key, byte[] msg, int... splits) {
        mac.init(key, 0);
        int off = 0;
        for (int s : splits) {
            mac.update(msg, off, s - off);
            off = s;
        }
        mac.update(msg, off, msg.length - off);
        byte[] t = new byte[16];
        mac.finish(t, 0);
        return HEX.formatHex(t);
    }

    @Test
    void rfc8439Section252() {
        byte[] key = HEX.parseHex("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b");
        byte[] msg = "Cryptographic Forum Research Group".getBytes();
        assertThat(tag(new Poly1305(), key, msg)).isEqualTo("a8061dc1305136c6c22b8baf0c0127a9");
        assertThat(tag(new Poly1305(), key, msg, 1, 17, 20)).isEqualTo("a8061dc1305136c6c22b8baf0c0127a9");
        assertThat(JdkPoly1305.available()).as("the JDK Poly1305 (test runs with --add-opens)").isTrue();
        assertThat(tag(new JdkPoly1305(), key, msg)).isEqualTo("a8061dc1305136c6c22b8baf0c0127a9");
    }

    /** RFC 8439 appendix A.3, vectors 1 (all zero) and 2 (the IETF notice with r = 0). */
    @Test
    void rfc8439AppendixA3() {
        assertThat(tag(new Poly1305(), new byte[32], new byte[64])).isEqualTo("00000000000000000000000000000000");
        byte[] key = HEX.parseHex("0000000000000000000000000000000036e5f6b5c5e06070f0efca96227a863e");
        byte[] msg = ("Any submission to the IETF intended by the Contributor for publication as all or part of an IETF "
                + "Internet-Draft or RFC and any statement made within the context of an IETF activity is considered an "
                + "\"IETF Contribution\". Such statements include oral statements in IETF sessions, as well as written and "
                + "electronic communications made at any time or place, which are addressed to").getBytes();
        assertThat(tag(new Poly1305(), key, msg)).isEqualTo("36e5f6b5c5e06070f0efca96227a863e");
    }

    /** A.3 vector 6: h just above p must wrap (the final reduction). */
    @Test
    void finalReductionEdgeCase() {
        byte[] key = HEX.parseHex("0200000000000000000000000000000000000000000000000000000000000000");
        byte[] msg = HEX.parseHex("ffffffffffffffffffffffffffffffff");
        assertThat(tag(new Poly1305(), key, msg)).isEqualTo("03000000000000000000000000000000");
        byte[] key2 = HEX.parseHex("02000000000000000000000000000000ffffffffffffffffffffffffffffffff");
        byte[] msg2 = HEX.parseHex("02000000000000000000000000000000");
        assertThat(tag(new Poly1305(), key2, msg2)).isEqualTo("03000000000000000000000000000000");
    }

    @Test
    void javaAndJdkAgreeOnRandomInput() {
        Random r = new Random(42);
        for (int i = 0; i < 300; i++) {
            byte[] key = new byte[32];
            r.nextBytes(key);
            byte[] msg = new byte[r.nextInt(5000)];
            r.nextBytes(msg);
            int split = msg.length == 0 ? 0 : r.nextInt(msg.length + 1);
            assertThat(tag(new Poly1305(), key, msg, split)).isEqualTo(tag(new JdkPoly1305(), key, msg));
        }
    }
}
