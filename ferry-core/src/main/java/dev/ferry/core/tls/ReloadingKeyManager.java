package dev.ferry.core.tls;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's key manager: serves the current key and certificate, and reloads them when their
 * files change. The files are looked at when a full handshake picks the key, at most once a
 * second, so a renewed certificate (certbot, a new PKCS#12) is used by the next connection
 * without a restart. A file that fails to load is logged and the old key kept.
 *
 * <p>Each loaded generation has its own alias, so a handshake that chose its alias before a
 * reload still gets the key and chain of that same generation.
 */
public final class ReloadingKeyManager extends X509ExtendedKeyManager {

    private static final Logger LOG = LoggerFactory.getLogger(ReloadingKeyManager.class);
    private static final long CHECK_INTERVAL_NANOS = 1_000_000_000L;

    private record Generation(String alias, KeyMaterial material, X509ExtendedKeyManager delegate, List<String> stamps) {}

    private final CertificateSource source;
    private final LongSupplier nanoClock;
    private final ReentrantLock reloading = new ReentrantLock();
    private volatile Generation current;
    private volatile Generation previous;
    private volatile long lastCheck;
    private volatile List<String> failedStamps = List.of();
    private int generations;

    public ReloadingKeyManager(CertificateSource source) throws TlsConfigException {
        this(source, System::nanoTime);
    }

    ReloadingKeyManager(CertificateSource source, LongSupplier nanoClock) throws TlsConfigException {
        this.source = source;
        this.nanoClock = nanoClock;
        List<String> stamps = stamps();
        this.current = generation(source.load(), stamps);
        this.lastCheck = nanoClock.getAsLong();
    }

    /** What the server presents now. */
    public KeyMaterial material() {
        return current.material();
    }

    /** Reloads now if a file changed; returns true when a new key is in use. For tests and SIGHUP-like use. */
    public boolean reloadIfChanged() {
        reloading.lock();
        try {
            lastCheck = nanoClock.getAsLong();
            List<String> stamps = stamps();
            if (stamps.equals(current.stamps()) || stamps.equals(failedStamps)) {
                return false;
            }
            try {
                Generation next = generation(source.load(), stamps);
                previous = current;
                current = next;
                failedStamps = List.of();
                LOG.info("TLS certificate reloaded from {}: {}, SHA-256 {}", next.material().source(),
                        next.material().certificate().getSubjectX500Principal().getName(), next.material().fingerprint());
                return true;
            } catch (TlsConfigException e) {
                failedStamps = stamps;
                LOG.warn("TLS certificate files changed but cannot be used; keeping the current certificate: {}", e.getMessage());
                return false;
            }
        } finally {
            reloading.unlock();
        }
    }

    private void maybeReload() {
        if (nanoClock.getAsLong() - lastCheck < CHECK_INTERVAL_NANOS || !reloading.tryLock()) {
            return;
        }
        try {
            if (nanoClock.getAsLong() - lastCheck >= CHECK_INTERVAL_NANOS) {
                reloadIfChanged();
            }
        } finally {
            reloading.unlock();
        }
    }

    /** Modification time, size and identity of each file: a change to any means "reload". */
    private List<String> stamps() {
        List<String> out = new ArrayList<>();
        for (Path p : source.files()) {
            try {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                out.add(a.lastModifiedTime().toMillis() + "/" + a.size() + "/" + Objects.toString(a.fileKey()));
            } catch (IOException e) {
                out.add("missing");
            }
        }
        return out;
    }

    private Generation generation(KeyMaterial m, List<String> stamps) throws TlsConfigException {
        String alias = "ferry-" + (++generations);
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            char[] none = new char[0];
            ks.setKeyEntry(alias, m.key(), none, m.chain().toArray(X509Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
            kmf.init(ks, none);
            return new Generation(alias, m, (X509ExtendedKeyManager) kmf.getKeyManagers()[0], stamps);
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsConfigException("cannot use the key from " + m.source() + ": " + e.getMessage(), e);
        }
    }

    private Generation byAlias(String alias) {
        Generation c = current;
        if (c.alias().equals(alias)) {
            return c;
        }
        Generation p = previous;
        return p != null && p.alias().equals(alias) ? p : null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        maybeReload();
        return current.delegate().chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        maybeReload();
        return current.delegate().chooseEngineServerAlias(keyType, issuers, engine);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return current.delegate().getServerAliases(keyType, issuers);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        Generation g = byAlias(alias);
        return g == null ? null : g.delegate().getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Generation g = byAlias(alias);
        return g == null ? null : g.delegate().getPrivateKey(alias);
    }

    // A server key manager: it never acts as a TLS client.
    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }
}
