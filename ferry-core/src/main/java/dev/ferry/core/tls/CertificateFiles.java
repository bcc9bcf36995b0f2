package dev.ferry.core.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads server keys and certificates: a PEM certificate chain with a PEM private key (PKCS#8 or
 * the traditional RSA/EC forms, in its own file or after the certificates), or a PKCS#12 file.
 * Every failure is a {@link TlsConfigException} that names the file and says what is wrong.
 */
public final class CertificateFiles {

    private CertificateFiles() {}

    /** @param keyFile empty = the key is in {@code certFile} too */
    public static KeyMaterial readPem(Path certFile, Optional<Path> keyFile) throws TlsConfigException {
        List<X509Certificate> chain = readCertificates(certFile);
        if (chain.isEmpty()) {
            throw new TlsConfigException(certFile + ": no certificate (expected -----BEGIN CERTIFICATE-----)");
        }
        Path keyPath = keyFile.orElse(certFile);
        PrivateKey key = readPrivateKey(keyPath);
        checkPair(key, chain.getFirst(), certFile + " with " + keyPath);
        return new KeyMaterial(key, chain, certFile.toString());
    }

    /** Every certificate in a PEM file, in file order. */
    public static List<X509Certificate> readCertificates(Path file) throws TlsConfigException {
        List<X509Certificate> out = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(r)) {
            Object o;
            while ((o = pem.readObject()) != null) {
                if (o instanceof X509CertificateHolder holder) {
                    out.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new TlsConfigException("cannot read certificates from " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static PrivateKey readPrivateKey(Path file) throws TlsConfigException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(r)) {
            Object o;
            while ((o = pem.readObject()) != null) {
                switch (o) {
                    case PEMKeyPair pair -> {
                        // The public half may be absent from a traditional EC key; only the private one is needed.
                        return converter.getPrivateKey(pair.getPrivateKeyInfo());
                    }
                    case PrivateKeyInfo info -> {
                        return converter.getPrivateKey(info);
                    }
                    case PEMEncryptedKeyPair ignored -> throw encrypted(file);
                    case PKCS8EncryptedPrivateKeyInfo ignored -> throw encrypted(file);
                    default -> {
                        // certificates or parameters before the key: skip
                    }
                }
            }
        } catch (IOException e) {
            throw new TlsConfigException("cannot read the private key from " + file + ": " + e.getMessage(), e);
        }
        throw new TlsConfigException(file + ": no private key (expected -----BEGIN PRIVATE KEY----- or a traditional RSA/EC key)");
    }

    private static TlsConfigException encrypted(Path file) {
        return new TlsConfigException(file + ": the private key is encrypted; give an unencrypted key "
                + "(openssl pkey -in KEY -out plain.key) or a PKCS#12 file with --tls-keystore");
    }

    /** The first key entry of a PKCS#12 file. */
    public static KeyMaterial readPkcs12(Path file, char[] password) throws TlsConfigException {
        KeyStore ks;
        try (InputStream in = Files.newInputStream(file)) {
            ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new TlsConfigException("cannot open PKCS#12 file " + file + " (wrong --tls-keystore-password?): " + e.getMessage(), e);
        }
        try {
            for (String alias : Collections.list(ks.aliases())) {
                if (!ks.isKeyEntry(alias)) {
                    continue;
                }
                PrivateKey key = (PrivateKey) ks.getKey(alias, password);
                List<X509Certificate> chain = new ArrayList<>();
                Certificate[] certs = ks.getCertificateChain(alias);
                if (certs == null || certs.length == 0) {
                    continue;
                }
                for (Certificate c : certs) {
                    chain.add((X509Certificate) c);
                }
                checkPair(key, chain.getFirst(), file.toString());
                return new KeyMaterial(key, chain, file.toString());
            }
        } catch (GeneralSecurityException e) {
            throw new TlsConfigException("cannot read the key in " + file + ": " + e.getMessage(), e);
        }
        throw new TlsConfigException(file + ": no private key with a certificate chain in this PKCS#12 file");
    }

    /** A key that does not belong to the certificate would fail every handshake; say so at start instead. */
    private static void checkPair(PrivateKey key, X509Certificate cert, String what) throws TlsConfigException {
        String alg = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "Ed448" -> "Ed448";
            default -> throw new TlsConfigException(what + ": unsupported key type " + key.getAlgorithm() + " (use RSA, EC or Ed25519)");
        };
        byte[] probe = new byte[32];
        new SecureRandom().nextBytes(probe);
        try {
            Signature sign = Signature.getInstance(alg);
            sign.initSign(key);
            sign.update(probe);
            byte[] sig = sign.sign();
            PublicKey pub = cert.getPublicKey();
            Signature verify = Signature.getInstance(alg);
            verify.initVerify(pub);
            verify.update(probe);
            if (verify.verify(sig)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // a key of another type than the certificate's lands here too
        }
        throw new TlsConfigException(what + ": the private key does not match the certificate");
    }
}
