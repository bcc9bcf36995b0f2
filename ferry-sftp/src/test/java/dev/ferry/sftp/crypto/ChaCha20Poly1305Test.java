package dev.ferry.sftp.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.junit.jupiter.api.Test;

/**
 * Our chacha20-poly1305@openssh.com against MINA's independent implementation, packet by packet
 * in both directions, as the SSH layer drives a cipher: the 4-byte length as additional data,
 * then the payload, the tag behind it.
 */
class ChaCha20Poly1305Test {

    static byte[] packets(Cipher enc, Random r, int count, Cipher dec) throws Exception {
        byte[] last = null;
        for (int i = 0; i < count; i++) {
            int len = 8 * (1 + r.nextInt(4096));
            byte[] plain = new byte[4 + len + 16];
            r.nextBytes(plain);
            plain[0] = 0;
            byte[] packet = plain.clone();
            enc.updateWithAAD(packet, 0, 4, len);
            assertThat(Arrays.copyOfRange(packet, 4, 4 + len)).isNotEqualTo(Arrays.copyOfRange(plain, 4, 4 + len));
            dec.updateAAD(packet, 0, 4);
            assertThat(Arrays.copyOfRange(packet, 0, 4)).isEqualTo(Arrays.copyOfRange(plain, 0, 4));
            dec.update(packet, 4, len);
            assertThat(Arrays.copyOfRange(packet, 4, 4 + len)).isEqualTo(Arrays.copyOfRange(plain, 4, 4 + len));
            last = packet;
        }
        return last;
    }

    static Cipher ours(Cipher.Mode mode, byte[] key, byte[] iv) throws Exception {
        Cipher c = ChaCha20Poly1305.FACTORY.create();
        c.init(mode, key, iv);
        return c;
    }

    static Cipher mina(Cipher.Mode mode, byte[] key, byte[] iv) throws Exception {
        Cipher c = BuiltinCiphers.cc20p1305_openssh.create();
        c.init(mode, key, iv);
        return c;
    }

    @Test
    void interoperatesWithMinaBothWays() throws Exception {
        Random r = new Random(1);
        byte[] key = new byte[64];
        r.nextBytes(key);
        byte[] iv = {0, 0, 0, 0, 0, 0, 0, 3};
        packets(ours(Cipher.Mode.Encrypt, key, iv), r, 50, mina(Cipher.Mode.Decrypt, key, iv));
        packets(mina(Cipher.Mode.Encrypt, key, iv), r, 50, ours(Cipher.Mode.Decrypt, key, iv));
    }

    @Test
    void aTamperedPacketIsRefused() throws Exception {
        Random r = new Random(2);
        byte[] key = new byte[64];
        r.nextBytes(key);
        byte[] iv = new byte[8];
        Cipher enc = ours(Cipher.Mode.Encrypt, key, iv);
        Cipher dec = ours(Cipher.Mode.Decrypt, key, iv);
        byte[] packet = new byte[4 + 64 + 16];
        packet[3] = 64;
        enc.updateWithAAD(packet, 0, 4, 64);
        packet[20] ^= 1;
        dec.updateAAD(packet, 0, 4);
        assertThatThrownBy(() -> dec.update(packet, 4, 64)).isInstanceOf(javax.crypto.AEADBadTagException.class);
    }

    @Test
    void describesItselfAsOpenSshDoes() {
        assertThat(ChaCha20Poly1305.FACTORY.getName()).isEqualTo("chacha20-poly1305@openssh.com");
        assertThat(ChaCha20Poly1305.FACTORY.getKdfSize()).isEqualTo(64);
        assertThat(ChaCha20Poly1305.FACTORY.getAuthenticationTagSize()).isEqualTo(16);
        assertThat(ChaCha20Poly1305.FACTORY.isSupported()).isTrue();
    }
}
