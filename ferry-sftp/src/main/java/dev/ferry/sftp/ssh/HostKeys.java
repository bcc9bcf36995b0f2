package dev.ferry.sftp.ssh;

import dev.ferry.core.user.AuthorizedKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * The server's SSH host keys: Ed25519 and RSA (3072 bits), in OpenSSH's private key format under
 * {@code <data>/ssh/}, readable by the owner only. Generated on the first start and then kept, so
 * clients that trusted the server once keep trusting it.
 */
public final class HostKeys {

    /** One host key and what clients will see of it. */
    public record HostKey(String type, KeyPair pair, String fingerprint) {}

    private static final int RSA_BITS = 3072;

    private final List<HostKey> keys;

    private HostKeys(List<HostKey> keys) {
        this.keys = List.copyOf(keys);
    }

    /** Loads the keys in {@code dir}, generating those that are missing. */
    public static HostKeys loadOrCreate(Path dir) throws IOException {
        Files.createDirectories(dir);
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing more to do
        }
        List<HostKey> out = new ArrayList<>();
        out.add(load(dir.resolve("ssh_host_ed25519_key"), () -> generate(SecurityUtils.EDDSA, 255)));
        out.add(load(dir.resolve("ssh_host_rsa_key"), () -> generate(KeyUtils.RSA_ALGORITHM, RSA_BITS)));
        return new HostKeys(out);
    }

    public List<HostKey> keys() {
        return keys;
    }

    public KeyPairProvider provider() {
        List<KeyPair> pairs = keys.stream().map(HostKey::pair).toList();
        return KeyPairProvider.wrap(pairs);
    }

    /** The OpenSSH SHA-256 fingerprint of a public key, as {@code ssh-keygen -l} shows it. */
    public static String fingerprint(PublicKey key) {
        ByteArrayBuffer b = new ByteArrayBuffer();
        b.putRawPublicKey(key);
        return AuthorizedKey.fingerprint(b.getCompactData());
    }

    private interface Generator {
        KeyPair generate() throws GeneralSecurityException;
    }

    private static HostKey load(Path file, Generator generator) throws IOException {
        if (!Files.exists(file)) {
            try {
                write(file, generator.generate());
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot generate a host key: " + e.getMessage(), e);
            }
        }
        KeyPair pair;
        try (InputStream in = Files.newInputStream(file)) {
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(file.toString()), in, null);
            Iterator<KeyPair> it = pairs == null ? null : pairs.iterator();
            if (it == null || !it.hasNext()) {
                throw new IOException("no key in " + file);
            }
            pair = it.next();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read host key " + file + ": " + e.getMessage(), e);
        }
        return new HostKey(KeyUtils.getKeyType(pair), pair, fingerprint(pair.getPublic()));
    }

    private static KeyPair generate(String algorithm, int bits) throws GeneralSecurityException {
        KeyPairGenerator g = SecurityUtils.getKeyPairGenerator(algorithm);
        g.initialize(bits);
        return g.generateKeyPair();
    }

    /** Writes the key to a private temporary file, then moves it in place: never readable by others, never half written. */
    private static void write(Path file, KeyPair pair) throws IOException, GeneralSecurityException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "ferry host key", null, out);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(tmp);
        }
        try (OutputStream out = Files.newOutputStream(file.resolveSibling(file.getFileName() + ".pub"))) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePublicKey(pair.getPublic(), "ferry host key", out);
        }
    }
}
