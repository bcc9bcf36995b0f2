package dev.ferry.sftp.crypto;

/** Poly1305 as chacha20-poly1305@openssh.com uses it: a fresh 32-byte key per packet. */
interface OneTimeMac {

    void init(byte[] key, int off);

    void update(byte[] in, int off, int len);

    /** Writes the 16-byte tag at {@code out[off]}. */
    void finish(byte[] out, int off);

    /** The fastest Poly1305 this JVM offers. */
    static OneTimeMac create() {
        return JdkPoly1305.available() ? new JdkPoly1305() : new Poly1305();
    }
}
