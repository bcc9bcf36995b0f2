package dev.ferry.sftp.crypto;

import java.security.MessageDigest;
import javax.crypto.AEADBadTagException;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.cipher.CipherFactory;

/**
 * chacha20-poly1305@openssh.com (OpenSSH's PROTOCOL.chacha20poly1305) on the JDK's ChaCha20,
 * which HotSpot vectorises, and the fastest Poly1305 available ({@link OneTimeMac#create}).
 * MINA's own implementation is plain Java block by block, about a third of OpenSSH's speed here.
 *
 * <p>The construction: 64 bytes of key, K_2 (first 32, the payload) and K_1 (last 32, the packet
 * length). The nonce is the packet sequence number; the 8-byte DJB ChaCha20 nonce and 64-bit block
 * counter map onto the JDK's IETF ChaCha20 as a 12-byte nonce of four zero bytes and the sequence
 * number, with the counter starting at 0 (the length, and the Poly1305 key from K_2's first
 * block) or 1 (the payload). The tag is Poly1305 over the encrypted length and payload.
 */
public final class ChaCha20Poly1305 implements Cipher {

    public static final String NAME = "chacha20-poly1305@openssh.com";

    /** MINA's factory for this cipher, registered under OpenSSH's name. */
    public static final CipherFactory FACTORY = new CipherFactory() {
        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public Cipher create() {
            return new ChaCha20Poly1305();
        }

        @Override
        public boolean isSupported() {
            try {
                javax.crypto.Cipher.getInstance("ChaCha20");
                return true;
            } catch (Exception e) {
                return false;
            }
        }

        @Override
        public String getAlgorithm() {
            return "ChaCha20";
        }

        @Override
        public String getTransformation() {
            return "ChaCha20";
        }

        @Override
        public int getIVSize() {
            return 8;
        }

        @Override
        public int getAuthenticationTagSize() {
            return 16;
        }

        @Override
        public int getCipherBlockSize() {
            return 8;
        }

        @Override
        public int getKdfSize() {
            return 64;
        }

        @Override
        public int getKeySize() {
            return 256;
        }
    };

    private static final byte[] ZEROS = new byte[64];

    private final javax.crypto.Cipher header;
    private final javax.crypto.Cipher body;
    private final OneTimeMac mac = OneTimeMac.create();
    private final byte[] nonce = new byte[12];
    private final byte[] polyKey = new byte[64];
    private final byte[] tag = new byte[16];
    private SecretKeySpec headerKey;
    private SecretKeySpec bodyKey;
    private Mode mode;
    private long sequence;
    private boolean macStarted;

    private ChaCha20Poly1305() {
        try {
            header = javax.crypto.Cipher.getInstance("ChaCha20");
            body = javax.crypto.Cipher.getInstance("ChaCha20");
        } catch (Exception e) {
            throw new IllegalStateException("ChaCha20 is not available", e);
        }
    }

    @Override
    public void init(Mode mode, byte[] key, byte[] iv) {
        this.mode = mode;
        this.bodyKey = new SecretKeySpec(key, 0, 32, "ChaCha20");
        this.headerKey = new SecretKeySpec(key, 32, 32, "ChaCha20");
        long seq = 0;
        for (int i = 0; i < 8; i++) {
            seq = (seq << 8) | (iv[i] & 0xff);
        }
        this.sequence = seq;
        setNonce();
    }

    /** The packet length (4 bytes): en- or decrypted with K_1, and the start of the tag. */
    @Override
    public void updateAAD(byte[] data, int offset, int length) throws Exception {
        if (length != 4) {
            throw new IllegalArgumentException("only the 4-byte packet length is additional data");
        }
        // The JDK refuses to encrypt twice with one key and nonce; ChaCha20 is its own inverse,
        // so both directions run in DECRYPT mode (no such check there).
        header.init(javax.crypto.Cipher.DECRYPT_MODE, headerKey, new ChaCha20ParameterSpec(nonce, 0));
        startMac();
        if (mode == Mode.Decrypt) {
            mac.update(data, offset, 4);
        }
        header.update(data, offset, 4, data, offset);
        if (mode == Mode.Encrypt) {
            mac.update(data, offset, 4);
        }
    }

    /** The payload: en- or decrypted with K_2 from block 1 on; the tag follows it. */
    @Override
    public void update(byte[] input, int offset, int length) throws Exception {
        startMac();
        if (mode == Mode.Decrypt) {
            mac.update(input, offset, length);
            mac.finish(tag, 0);
            if (!MessageDigest.isEqual(slice(input, offset + length), tag)) {
                throw new AEADBadTagException("packet authentication failed");
            }
            body.update(input, offset, length, input, offset);
        } else {
            body.update(input, offset, length, input, offset);
            mac.update(input, offset, length);
            mac.finish(input, offset + length);
        }
        macStarted = false;
        sequence++;
        setNonce();
    }

    /** Keys the MAC from K_2's block 0, leaving the body cipher at block 1 for the payload. */
    private void startMac() throws Exception {
        if (macStarted) {
            return;
        }
        body.init(javax.crypto.Cipher.DECRYPT_MODE, bodyKey, new ChaCha20ParameterSpec(nonce, 0));
        body.update(ZEROS, 0, 64, polyKey, 0);
        mac.init(polyKey, 0);
        macStarted = true;
    }

    private byte[] slice(byte[] b, int off) {
        byte[] s = new byte[16];
        System.arraycopy(b, off, s, 0, 16);
        return s;
    }

    private void setNonce() {
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (byte) (sequence >>> (56 - 8 * i));
        }
    }

    @Override
    public String getAlgorithm() {
        return FACTORY.getAlgorithm();
    }

    @Override
    public String getTransformation() {
        return FACTORY.getTransformation();
    }

    @Override
    public int getIVSize() {
        return FACTORY.getIVSize();
    }

    @Override
    public int getAuthenticationTagSize() {
        return FACTORY.getAuthenticationTagSize();
    }

    @Override
    public int getCipherBlockSize() {
        return FACTORY.getCipherBlockSize();
    }

    @Override
    public int getKdfSize() {
        return FACTORY.getKdfSize();
    }

    @Override
    public int getKeySize() {
        return FACTORY.getKeySize();
    }
}
