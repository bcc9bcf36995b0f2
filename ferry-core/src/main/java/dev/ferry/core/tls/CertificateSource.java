package dev.ferry.core.tls;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Where the server's key and certificate come from; read at start and again whenever a file changes. */
public sealed interface CertificateSource {

    KeyMaterial load() throws TlsConfigException;

    /** The files whose change triggers a reload. */
    List<Path> files();

    /** A PEM certificate chain and its key (in the same file when {@code key} is empty). */
    record Pem(Path cert, Optional<Path> key) implements CertificateSource {
        @Override
        public KeyMaterial load() throws TlsConfigException {
            return CertificateFiles.readPem(cert, key);
        }

        @Override
        public List<Path> files() {
            List<Path> out = new ArrayList<>(List.of(cert));
            key.ifPresent(out::add);
            return out;
        }
    }

    record Pkcs12(Path file, String password) implements CertificateSource {
        @Override
        public KeyMaterial load() throws TlsConfigException {
            return CertificateFiles.readPkcs12(file, password.toCharArray());
        }

        @Override
        public List<Path> files() {
            return List.of(file);
        }

        @Override
        public String toString() {
            return "Pkcs12[" + file + "]"; // never the password
        }
    }
}
