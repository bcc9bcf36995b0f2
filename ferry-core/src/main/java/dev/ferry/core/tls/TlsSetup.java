package dev.ferry.core.tls;

import dev.ferry.core.config.ServerConfig;
import dev.ferry.core.config.Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.X509TrustManager;

/**
 * Builds the server's {@link ServerTls} from the settings: the configured PEM or PKCS#12
 * certificate, else the self-signed one in the data directory (generated on first start).
 *
 * @param tls   ready to use
 * @param notes lines for the console at start: where the certificate is from, its fingerprint
 */
public record TlsSetup(ServerTls tls, List<String> notes) {

    public TlsSetup {
        notes = List.copyOf(notes);
    }

    public static TlsSetup fromConfig(ServerConfig config, Path dataDir) throws TlsConfigException {
        Optional<Path> cert = config.get(Settings.TLS_CERT);
        Optional<Path> key = config.get(Settings.TLS_KEY);
        Optional<Path> keystore = config.get(Settings.TLS_KEYSTORE);
        if (keystore.isPresent() && (cert.isPresent() || key.isPresent())) {
            throw new TlsConfigException("give either --tls-keystore or --tls-cert/--tls-key, not both");
        }
        if (key.isPresent() && cert.isEmpty()) {
            throw new TlsConfigException("--tls-key needs --tls-cert");
        }
        List<String> notes = new ArrayList<>();
        CertificateSource source;
        String origin;
        if (keystore.isPresent()) {
            source = new CertificateSource.Pkcs12(keystore.get().toAbsolutePath(), config.get(Settings.TLS_KEYSTORE_PASSWORD));
            origin = keystore.get().toAbsolutePath().toString();
        } else if (cert.isPresent()) {
            source = new CertificateSource.Pem(cert.get().toAbsolutePath(), key.map(Path::toAbsolutePath));
            origin = cert.get().toAbsolutePath().toString();
        } else {
            boolean generated = SelfSignedCertificate.ensure(dataDir);
            source = new CertificateSource.Pem(SelfSignedCertificate.certFile(dataDir), Optional.of(SelfSignedCertificate.keyFile(dataDir)));
            origin = (generated ? "self-signed, generated now: " : "self-signed: ") + SelfSignedCertificate.certFile(dataDir);
        }
        ReloadingKeyManager keys = new ReloadingKeyManager(source);
        KeyMaterial m = keys.material();
        notes.add("TLS certificate " + m.certificate().getSubjectX500Principal().getName() + " (" + origin + ")");
        notes.add("TLS certificate SHA-256 fingerprint: " + m.fingerprint());
        Optional<X509TrustManager> clientCas = Optional.empty();
        Optional<Path> ca = config.get(Settings.TLS_CLIENT_CA);
        if (ca.isPresent()) {
            clientCas = Optional.of(ClientCertificates.trustManager(ca.get().toAbsolutePath()));
            notes.add("TLS client certificates accepted from the CAs in " + ca.get().toAbsolutePath());
        }
        return new TlsSetup(new ServerTls(keys, clientCas), notes);
    }
}
