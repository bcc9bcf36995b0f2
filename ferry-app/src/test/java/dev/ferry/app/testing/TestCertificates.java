package dev.ferry.app.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Keys and certificates made on the spot for TLS tests: a CA, server and client certificates, PEM and PKCS#12 files. */
public final class TestCertificates {

    /** A key with its certificate, and the certificate that signed it (itself when self-signed). */
    public record Issued(KeyPair keys, X509Certificate certificate, X509Certificate issuer) {
        public PrivateKey key() {
            return keys.getPrivate();
        }
    }

    private TestCertificates() {}

    public static KeyPair ecKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    public static KeyPair rsaKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    /** A self-signed CA. */
    public static Issued ca(String cn) throws Exception {
        KeyPair k = ecKey();
        X509Certificate c = build(cn, k, cn, k.getPrivate(), true);
        return new Issued(k, c, c);
    }

    /** A self-signed server certificate for 127.0.0.1. */
    public static Issued selfSigned(String cn, KeyPair k) throws Exception {
        X509Certificate c = build(cn, k, cn, k.getPrivate(), false);
        return new Issued(k, c, c);
    }

    /** A certificate for {@code cn}, signed by {@code ca}. */
    public static Issued issue(Issued ca, String cn) throws Exception {
        KeyPair k = ecKey();
        String issuer = ca.certificate().getSubjectX500Principal().getName();
        X509Certificate c = build(cn, k, issuer, ca.key(), false);
        return new Issued(k, c, ca.certificate());
    }

    private static X509Certificate build(String cn, KeyPair subjectKeys, String issuerDn, PrivateKey signer, boolean ca)
            throws Exception {
        Instant now = Instant.now();
        X500Name issuer = issuerDn.contains("=") ? new X500Name(issuerDn) : new X500Name("CN=" + issuerDn);
        var b = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, new SecureRandom()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))),
                new X500Name("CN=" + cn), subjectKeys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (!ca) {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
        }
        String alg = signer.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(alg).build(signer)));
    }

    public static String pem(Object... objects) throws IOException {
        StringWriter s = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(s)) {
            for (Object o : objects) {
                w.writeObject(o);
            }
        }
        return s.toString();
    }

    public static Path writePem(Path file, Object... objects) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, pem(objects));
        return file;
    }

    public static Path writePkcs12(Path file, Issued issued, String password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", issued.key(), password.toCharArray(), new X509Certificate[] {issued.certificate()});
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (var out = Files.newOutputStream(file)) {
            ks.store(out, password.toCharArray());
        }
        return file;
    }
}
