package dev.ferry.client.ftp;

import dev.ferry.client.remote.ConnectOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Which server certificates the FTPS client trusts: the JDK's CAs by default, only those of a PEM
 * file with {@code --cacert}, or anything with {@code -k/--insecure} (then the channel is encrypted
 * but the server is not authenticated, and the client says so).
 */
final class TlsTrust {

    private TlsTrust() {}

    static SSLContext context(ConnectOptions options) throws IOException {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            TrustManager[] trust = null;
            if (options.insecure()) {
                trust = new TrustManager[] {new AcceptAll()};
            } else if (options.caCertificate().isPresent()) {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                CertificateFactory cf = CertificateFactory.getInstance("X.509");
                int i = 0;
                try (InputStream in = Files.newInputStream(options.caCertificate().get())) {
                    for (Certificate c : cf.generateCertificates(in)) {
                        store.setCertificateEntry("ca-" + i++, c);
                    }
                }
                if (i == 0) {
                    throw new IOException("no certificate in " + options.caCertificate().get());
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(store);
                trust = tmf.getTrustManagers();
            }
            ctx.init(null, trust, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** For --insecure only. */
    private static final class AcceptAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // not a server
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // deliberately trusting: the user asked for --insecure
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
