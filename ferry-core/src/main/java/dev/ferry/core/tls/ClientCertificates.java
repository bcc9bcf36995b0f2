package dev.ferry.core.tls;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * Client certificates (mutual TLS): which CAs the server trusts to issue them, and which account
 * a certificate names. JSSE checks the chain against the CAs during the handshake; only a
 * certificate that passed arrives here.
 */
public final class ClientCertificates {

    private ClientCertificates() {}

    /** A trust manager for the CA certificates in a PEM file. */
    public static X509TrustManager trustManager(Path caFile) throws TlsConfigException {
        List<X509Certificate> cas = CertificateFiles.readCertificates(caFile);
        if (cas.isEmpty()) {
            throw new TlsConfigException(caFile + ": no CA certificate (expected -----BEGIN CERTIFICATE-----)");
        }
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                ks.setCertificateEntry("ca-" + i, cas.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(ks);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    return x;
                }
            }
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new TlsConfigException("cannot use " + caFile + " as client CA: " + e.getMessage(), e);
        }
        throw new TlsConfigException("no X.509 trust manager available");
    }

    /** The subject's common name: the account a client certificate speaks for. */
    public static Optional<String> commonName(X509Certificate cert) {
        X500Name name = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
        RDN[] cns = name.getRDNs(BCStyle.CN);
        if (cns.length != 1) {
            return Optional.empty(); // none, or ambiguous
        }
        return Optional.of(IETFUtils.valueToString(cns[0].getFirst().getValue()));
    }
}
