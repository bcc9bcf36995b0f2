package dev.ferry.sftp.ssh;

import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.OptionalFeature;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.compression.BuiltinCompressions;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.kex.KeyExchangeFactory;
import org.apache.sshd.common.mac.BuiltinMacs;
import org.apache.sshd.common.mac.Mac;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;

/**
 * The algorithms the server offers, most preferred first. By default only modern ones: hybrid
 * post-quantum key exchange (ML-KEM-768 and sntrup761, each with X25519), then X25519 and
 * 4096/8192-bit Diffie-Hellman; Ed25519 and RSA-SHA2 host key signatures; AEAD ciphers and AES-CTR
 * with encrypt-then-MAC SHA-2 MACs; no compression. Older algorithms (NIST-curve ECDH, SHA-1,
 * CBC, ssh-rsa) only with {@code --ssh-legacy}, for clients that know nothing newer.
 */
public final class Algorithms {

    private Algorithms() {}

    static final List<BuiltinDHFactories> MODERN_KEX = List.of(
            BuiltinDHFactories.mlkem768x25519,
            BuiltinDHFactories.sntrup761x25519,
            BuiltinDHFactories.sntrup761x25519_openssh,
            BuiltinDHFactories.curve25519,
            BuiltinDHFactories.curve25519_libssh,
            BuiltinDHFactories.dhg16_512,
            BuiltinDHFactories.dhg18_512);
    /** ssh-audit fails the NIST curves ("weak elliptic curves"), so they are legacy here. */
    static final List<BuiltinDHFactories> LEGACY_KEX = List.of(
            BuiltinDHFactories.ecdhp256,
            BuiltinDHFactories.ecdhp384,
            BuiltinDHFactories.ecdhp521,
            BuiltinDHFactories.dhgex256,
            BuiltinDHFactories.dhg14_256);

    static final List<BuiltinSignatures> MODERN_SIGNATURES = List.of(
            BuiltinSignatures.ed25519,
            BuiltinSignatures.rsaSHA512,
            BuiltinSignatures.rsaSHA256,
            BuiltinSignatures.nistp256,
            BuiltinSignatures.nistp384,
            BuiltinSignatures.nistp521,
            BuiltinSignatures.sk_ssh_ed25519,
            BuiltinSignatures.sk_ecdsa_sha2_nistp256);
    static final List<BuiltinSignatures> LEGACY_SIGNATURES = List.of(BuiltinSignatures.rsa);

    static final List<BuiltinMacs> MODERN_MACS = List.of(BuiltinMacs.hmacsha256etm, BuiltinMacs.hmacsha512etm);
    static final List<BuiltinMacs> LEGACY_MACS = List.of(BuiltinMacs.hmacsha256, BuiltinMacs.hmacsha512,
            BuiltinMacs.hmacsha1etm, BuiltinMacs.hmacsha1);

    static final List<BuiltinCiphers> LEGACY_CIPHERS = List.of(BuiltinCiphers.aes128cbc, BuiltinCiphers.aes192cbc,
            BuiltinCiphers.aes256cbc);

    /** Sets the key exchanges, host key signatures, ciphers and MACs of {@code server}. */
    public static void configure(SshServer server, boolean legacy) {
        List<BuiltinDHFactories> kex = new ArrayList<>(MODERN_KEX);
        List<BuiltinSignatures> sigs = new ArrayList<>(MODERN_SIGNATURES);
        List<BuiltinMacs> macs = new ArrayList<>(MODERN_MACS);
        if (legacy) {
            kex.addAll(LEGACY_KEX);
            sigs.addAll(LEGACY_SIGNATURES);
            macs.addAll(LEGACY_MACS);
        }
        List<KeyExchangeFactory> kexFactories = supported(kex).stream().map(ServerBuilder.DH2KEX).toList();
        server.setKeyExchangeFactories(kexFactories);
        server.setSignatureFactories(new ArrayList<NamedFactory<Signature>>(supported(sigs)));
        server.setCipherFactories(ciphers(legacy));
        server.setMacFactories(new ArrayList<NamedFactory<Mac>>(supported(macs)));
        server.setCompressionFactories(List.of(BuiltinCompressions.none));
    }

    /** Ciphers, most preferred first; both AEAD ciphers before CTR. */
    static List<NamedFactory<Cipher>> ciphers(boolean legacy) {
        List<NamedFactory<Cipher>> out = new ArrayList<>();
        out.add(BuiltinCiphers.aes128gcm);
        out.add(BuiltinCiphers.aes256gcm);
        out.add(dev.ferry.sftp.crypto.ChaCha20Poly1305.FACTORY);
        out.add(BuiltinCiphers.aes128ctr);
        out.add(BuiltinCiphers.aes192ctr);
        out.add(BuiltinCiphers.aes256ctr);
        if (legacy) {
            out.addAll(LEGACY_CIPHERS);
        }
        return out.stream().filter(f -> !(f instanceof OptionalFeature o) || o.isSupported()).toList();
    }

    private static <T extends OptionalFeature> List<T> supported(List<T> all) {
        return all.stream().filter(OptionalFeature::isSupported).toList();
    }
}
