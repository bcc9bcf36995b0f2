package dev.ferry.core.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificate used when none is configured: an ECDSA P-256 key and a self-signed certificate
 * for this host, localhost and the loopback addresses, generated once into {@code <data>/tls/}
 * and kept, so its fingerprint stays the same across restarts and clients can pin it (or use
 * the certificate file as their CA file).
 */
public final class SelfSignedCertificate {

    public static final String CERT_FILE = "ferry-cert.pem";
    public static final String KEY_FILE = "ferry-key.pem";
    private static final Duration VALIDITY = Duration.ofDays(5 * 365);

    private SelfSignedCertificate() {}

    public static Path certFile(Path dataDir) {
        return dataDir.resolve("tls").resolve(CERT_FILE);
    }

    public static Path keyFile(Path dataDir) {
        return dataDir.resolve("tls").resolve(KEY_FILE);
    }

    /** Creates the pair unless both files exist. Returns true when it generated a new one. */
    public static boolean ensure(Path dataDir) throws TlsConfigException {
        Path cert = certFile(dataDir);
        Path key = keyFile(dataDir);
        if (Files.isRegularFile(cert) && Files.isRegularFile(key)) {
            return false;
        }
        try {
            Files.createDirectories(cert.getParent());
            KeyPair pair = newKeyPair();
            X509Certificate certificate = selfSign(pair, hostNames());
            // The key first: a certificate file without its key would be taken as complete.
            write(key, pem(new JcaPKCS8Generator(pair.getPrivate(), null)), true);
            write(cert, pem(certificate), false);
            return true;
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new TlsConfigException("cannot create a self-signed certificate in " + cert.getParent() + ": " + e.getMessage(), e);
        }
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        return g.generateKeyPair();
    }

    static X509Certificate selfSign(KeyPair pair, Set<String> dnsNames)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        String first = dnsNames.iterator().next();
        X500Name subject = new X500Name("CN=" + first.replaceAll("[,+=\"\\\\<>;#]", "_") + ",O=Ferry self-signed");
        Instant now = Instant.now();
        BigInteger serial = new BigInteger(127, new SecureRandom());
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial,
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(VALIDITY)), subject, pair.getPublic());
        List<GeneralName> names = new ArrayList<>();
        for (String dns : dnsNames) {
            names.add(new GeneralName(GeneralName.dNSName, dns));
        }
        names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
        names.add(new GeneralName(GeneralName.iPAddress, "::1"));
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        // CA:TRUE like `openssl req -x509`, so clients may use this file as their CA file directly.
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
        var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(b.build(signer));
    }

    /** This host's name (when it has one) and localhost. */
    private static Set<String> hostNames() {
        Set<String> names = new LinkedHashSet<>();
        hostName().ifPresent(names::add);
        names.add("localhost");
        return names;
    }

    private static Optional<String> hostName() {
        try {
            String h = InetAddress.getLocalHost().getHostName();
            return h.matches("[A-Za-z0-9][A-Za-z0-9.-]*") && !h.equals("localhost") ? Optional.of(h) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String pem(Object o) throws IOException {
        StringWriter s = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(s)) {
            w.writeObject(o);
        }
        return s.toString();
    }

    /** Writes via a temporary file and a rename, so a reader never sees half a file; keys readable by the owner only. */
    private static void write(Path target, String text, boolean secret) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("temporary file in the way: " + tmp, e);
        }
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.US_ASCII)) {
            w.write(text);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
