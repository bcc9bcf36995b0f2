package dev.ferry.client.sftp;

import dev.ferry.client.auth.Credentials;
import dev.ferry.client.remote.Causes;
import dev.ferry.client.remote.ConnectOptions;
import dev.ferry.client.remote.RemoteEntry;
import dev.ferry.client.remote.RemoteException;
import dev.ferry.client.remote.RemoteException.Kind;
import dev.ferry.client.remote.RemoteFileSystem;
import dev.ferry.client.remote.RemoteHash;
import dev.ferry.client.remote.RemotePaths;
import dev.ferry.client.remote.RemoteUrl;
import dev.ferry.core.transfer.HashAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClient.Attributes;
import org.apache.sshd.sftp.client.SftpClient.CloseableHandle;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.client.impl.AbstractSftpClient;
import org.apache.sshd.sftp.client.impl.SftpInputStreamAsync;
import org.apache.sshd.sftp.client.impl.SftpOutputStreamAsync;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * SFTP on Apache MINA SSHD's client. Host keys are checked against known_hosts like OpenSSH's
 * {@code StrictHostKeyChecking=accept-new}: an unknown host is added, a changed key is refused.
 * Authentication: the password when one was given, and the private keys (-i, else ~/.ssh/id_*).
 * Reads and writes use MINA's pipelined streams, which keep several requests in flight.
 */
public final class SftpRemoteFileSystem implements RemoteFileSystem {

    private static final int BUFFER = 64 * 1024;

    private final SshClient client;
    private final ClientSession session;
    private final SftpClient sftp;
    private final RemoteUrl url;
    private final String home;
    private final ExecHash execHash;
    /** What the server hashes through check-file-name, read once from its VERSION extensions. */
    private final Set<HashAlgorithm> checkFileHashes;

    private SftpRemoteFileSystem(SshClient client, ClientSession session, SftpClient sftp, RemoteUrl url) throws IOException {
        this.client = client;
        this.session = session;
        this.execHash = new ExecHash(session);
        this.checkFileHashes = CheckFile.offered(sftp.getServerExtensions());
        this.sftp = sftp;
        this.url = url;
        this.home = sftp.canonicalPath(".");
    }

    public static SftpRemoteFileSystem connect(RemoteUrl url, Credentials credentials, ConnectOptions options) throws IOException {
        SshClient client = SshClient.setUpDefaultClient();
        // The server may hash a large file for many minutes before a check-file or sha256sum
        // answer, with nothing on the wire meanwhile: the session must outlive that wait.
        org.apache.sshd.core.CoreModuleProperties.IDLE_TIMEOUT.set(client, CheckFile.TIMEOUT.plusMinutes(1));
        if (options.insecure()) {
            client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        } else {
            Path knownHosts = options.knownHosts().orElse(Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"));
            client.setServerKeyVerifier(new KnownHostsServerKeyVerifier(firstUse(url, knownHosts), knownHosts));
        }
        List<Path> keys = new ArrayList<>(options.identities());
        if (keys.isEmpty()) {
            for (String name : List.of("id_ed25519", "id_ecdsa", "id_rsa")) {
                Path p = Path.of(System.getProperty("user.home"), ".ssh", name);
                if (Files.isReadable(p)) {
                    keys.add(p);
                }
            }
        }
        if (!keys.isEmpty()) {
            client.setKeyIdentityProvider(new FileKeyPairProvider(keys));
        }
        client.start();
        ClientSession session = null;
        try {
            session = client.connect(credentials.user(), url.host(), url.port()).verify(options.timeout()).getSession();
            if (credentials.password().isPresent()) {
                // MINA keeps the identity as a String; it lives only as long as this session.
                session.addPasswordIdentity(new String(credentials.password().get()));
            }
            try {
                session.auth().verify(options.timeout());
            } catch (SshException e) {
                if (e.getMessage() != null && e.getMessage().contains("Server key did not validate")) {
                    throw e; // reported below as an untrusted host
                }
                if (session.getServerKey() == null) {
                    // No key exchange finished: not a login refusal but a server that is silent,
                    // too slow, or does not speak SSH.
                    throw new RemoteException(Kind.CONNECTION, url.host() + ":" + url.port()
                            + " did not complete an SSH handshake within " + options.timeout().toSeconds()
                            + " s (is it an SSH server?)", e);
                }
                if (session.isOpen() || e.getMessage() != null && e.getMessage().toLowerCase().contains("auth")) {
                    throw new RemoteException(Kind.AUTH, "login as " + credentials.user() + " refused"
                            + (credentials.password().isEmpty() && keys.isEmpty() ? " (no password and no key: use -i KEY or --password-stdin)" : ""), e);
                }
                throw e;
            }
            SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
            return new SftpRemoteFileSystem(client, session, sftp, url);
        } catch (RemoteException e) {
            close(session, client);
            throw e;
        } catch (IOException e) {
            close(session, client);
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (msg.contains("Server key did not validate") || msg.toLowerCase().contains("host key")) {
                throw new RemoteException(Kind.UNTRUSTED, "the host key of " + url.host() + ":" + url.port()
                        + " does not match known_hosts; refusing to connect", e);
            }
            throw new RemoteException(Kind.CONNECTION, "cannot connect to " + url.host() + ":" + url.port() + ": " + Causes.plain(e), e);
        }
    }

    /**
     * Trust on first use, as OpenSSH: an unknown host's key is accepted, added to known_hosts and
     * said so on standard error, so that a key that changes later is refused. The directory is
     * made (mode 0700) when missing; without it MINA could not add the key, and every later
     * connection would be a silent first use.
     */
    private static org.apache.sshd.client.keyverifier.ServerKeyVerifier firstUse(RemoteUrl url, Path knownHosts) {
        return (session, address, key) -> {
            Path dir = knownHosts.toAbsolutePath().getParent();
            String where = knownHosts.toString();
            try {
                if (dir != null && !Files.isDirectory(dir)) {
                    Files.createDirectories(dir, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
                }
            } catch (IOException | UnsupportedOperationException e) {
                where = knownHosts + " (cannot create " + dir + ": it will be asked again next time)";
            }
            System.err.println("ferry: warning: permanently added the " + org.apache.sshd.common.config.keys.KeyUtils.getKeyType(key)
                    + " host key of " + url.host() + ":" + url.port() + " ("
                    + org.apache.sshd.common.config.keys.KeyUtils.getFingerPrint(key) + ") to " + where);
            return true;
        };
    }

    private static void close(ClientSession session, SshClient client) {
        try {
            if (session != null) {
                session.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        client.stop();
    }

    private static RemoteException failure(String what, IOException e) {
        if (e instanceof RemoteException r) {
            return r;
        }
        if (e instanceof SftpException s) {
            Kind kind = switch (s.getStatus()) {
                case SftpConstants.SSH_FX_NO_SUCH_FILE, SftpConstants.SSH_FX_NO_SUCH_PATH -> Kind.NOT_FOUND;
                case SftpConstants.SSH_FX_OP_UNSUPPORTED -> Kind.UNSUPPORTED;
                case SftpConstants.SSH_FX_CONNECTION_LOST, SftpConstants.SSH_FX_NO_CONNECTION -> Kind.CONNECTION;
                default -> Kind.REFUSED;
            };
            return new RemoteException(kind, what + ": " + s.getMessage(), e);
        }
        return new RemoteException(Kind.CONNECTION, what + ": " + Causes.plain(e), e);
    }

    @FunctionalInterface
    private interface IoCall<T> {
        T run() throws IOException;
    }

    private static <T> T io(String what, IoCall<T> call) throws RemoteException {
        try {
            return call.run();
        } catch (IOException e) {
            throw failure(what, e);
        }
    }

    @Override
    public String home() {
        return home;
    }

    @Override
    public List<RemoteEntry> list(String directory) throws IOException {
        return io("cannot list " + directory, () -> {
            List<RemoteEntry> out = new ArrayList<>();
            for (SftpClient.DirEntry e : sftp.readDir(directory)) {
                String name = e.getFilename();
                if (name.equals(".") || name.equals("..")) {
                    continue;
                }
                RemotePaths.listedName(directory, name);
                out.add(entry(name, child(directory, name), e.getAttributes()));
            }
            return out;
        });
    }

    @Override
    public Optional<RemoteEntry> stat(String path) throws IOException {
        try {
            return Optional.of(entry(baseName(path), path, sftp.stat(path)));
        } catch (SftpException e) {
            if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE || e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_PATH) {
                return Optional.empty();
            }
            throw failure("cannot look up " + path, e);
        } catch (IOException e) {
            throw failure("cannot look up " + path, e);
        }
    }

    private static RemoteEntry entry(String name, String path, Attributes a) {
        RemoteEntry.Type type = a.isDirectory() ? RemoteEntry.Type.DIRECTORY
                : a.isSymbolicLink() ? RemoteEntry.Type.LINK
                : a.isRegularFile() ? RemoteEntry.Type.FILE : RemoteEntry.Type.OTHER;
        Optional<Instant> time = Optional.ofNullable(a.getModifyTime()).map(FileTime::toInstant);
        return new RemoteEntry(name, path, type, type == RemoteEntry.Type.DIRECTORY ? 0 : a.getSize(), time);
    }

    @Override
    public InputStream read(String path, long offset) throws IOException {
        return io("cannot download " + path, () -> {
            CloseableHandle h = sftp.open(path, OpenMode.Read);
            long size = sftp.stat(h).getSize();
            return new SftpInputStreamAsync((AbstractSftpClient) sftp, BUFFER, offset, size, path, h);
        });
    }

    @Override
    public OutputStream write(String path, long offset) throws IOException {
        return io("cannot upload " + path, () -> {
            CloseableHandle h = offset > 0 ? sftp.open(path, OpenMode.Write, OpenMode.Create)
                    : sftp.open(path, OpenMode.Write, OpenMode.Create, OpenMode.Truncate);
            SftpOutputStreamAsync out = new SftpOutputStreamAsync((AbstractSftpClient) sftp, BUFFER, path, h);
            out.setOffset(offset);
            return out;
        });
    }

    @Override
    public void mkdir(String path) throws IOException {
        io("cannot create directory " + path, () -> {
            sftp.mkdir(path);
            return null;
        });
    }

    @Override
    public void delete(String path) throws IOException {
        io("cannot delete " + path, () -> {
            sftp.remove(path);
            return null;
        });
    }

    @Override
    public void rmdir(String path) throws IOException {
        io("cannot remove directory " + path, () -> {
            sftp.rmdir(path);
            return null;
        });
    }

    @Override
    public void rename(String from, String to) throws IOException {
        io("cannot rename " + from + " to " + to, () -> {
            sftp.rename(from, to);
            return null;
        });
    }

    @Override
    public boolean setModified(String path, Instant time) throws IOException {
        io("cannot set the time of " + path, () -> {
            sftp.setStat(path, new Attributes().modifyTime(FileTime.from(time)).accessTime(FileTime.from(time)));
            return null;
        });
        return true;
    }

    /**
     * What the server hashes: through check-file-name ({@link CheckFile}), which Ferry's offers;
     * else SHA-256 from sha256sum in the account's shell ({@link ExecHash}), which an OpenSSH
     * server with shell access has. Without either, verification compares sizes only.
     */
    @Override
    public Set<HashAlgorithm> hashAlgorithms() {
        return checkFileHashes.isEmpty() ? execHash.offered() : checkFileHashes;
    }

    @Override
    public Optional<RemoteHash> hash(String path, HashAlgorithm algorithm) throws IOException {
        if (checkFileHashes.isEmpty()) {
            return algorithm == HashAlgorithm.SHA_256
                    ? execHash.sha256(path).map(hex -> new RemoteHash(algorithm, 0, -1, hex)) : Optional.empty();
        }
        return checkFile(path, algorithm, -1);
    }

    /** A part of a file only through check-file-name; sha256sum hashes whole files. */
    @Override
    public Optional<RemoteHash> prefixHash(String path, HashAlgorithm algorithm, long length) throws IOException {
        return length < 0 ? hash(path, algorithm) : checkFile(path, algorithm, length);
    }

    private Optional<RemoteHash> checkFile(String path, HashAlgorithm algorithm, long length) throws IOException {
        if (!checkFileHashes.contains(algorithm)) {
            return Optional.empty();
        }
        return io("cannot hash " + path, () -> CheckFile.hash(sftp, path, algorithm, length));
    }

    @Override
    public String describe() {
        return url.origin();
    }

    @Override
    public void close() {
        try {
            sftp.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        close(session, client);
    }

    static String baseName(String path) {
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        int i = p.lastIndexOf('/');
        return i < 0 ? p : p.substring(i + 1);
    }

    static String child(String dir, String name) {
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }
}
