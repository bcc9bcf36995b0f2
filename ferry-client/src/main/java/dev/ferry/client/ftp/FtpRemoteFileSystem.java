package dev.ferry.client.ftp;

import dev.ferry.client.auth.Credentials;
import dev.ferry.client.remote.Causes;
import dev.ferry.client.remote.ConnectOptions;
import dev.ferry.client.remote.Protocol;
import dev.ferry.client.remote.RemoteEntry;
import dev.ferry.client.remote.RemoteException;
import dev.ferry.client.remote.RemoteException.Kind;
import dev.ferry.client.remote.RemoteFileSystem;
import dev.ferry.client.remote.RemoteHash;
import dev.ferry.client.remote.RemoteUrl;
import dev.ferry.core.transfer.HashAlgorithm;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLException;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPConnectionClosedException;
import org.apache.commons.net.ftp.FTPFile;
import org.apache.commons.net.ftp.FTPReply;
import org.apache.commons.net.ftp.FTPSClient;

/**
 * FTP and FTPS (explicit TLS: AUTH TLS, then PBSZ 0 and PROT P so data is encrypted too) on Apache
 * Commons Net. Passive mode, binary type, UTF-8 names. Uses MLSD/MLST when the server offers
 * them (exact facts), else LIST; REST STREAM for resumed uploads, else APPE; HASH when offered.
 */
public final class FtpRemoteFileSystem implements RemoteFileSystem {

    private static final DateTimeFormatter MFMT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    /** How long the server may take to hash a file before we give up on the reply. */
    private static final Duration HASH_TIMEOUT = Duration.ofMinutes(30);

    private final FTPClient ftp;
    private final RemoteUrl url;
    private final String home;
    private final boolean mlst;
    private final boolean restStream;
    private final boolean mfmt;
    private final Set<HashAlgorithm> hashes;
    /** FEAT lists RANG: HASH can cover a part of a file. */
    private final boolean ranges;
    private final int timeoutMillis;
    private HashAlgorithm selectedHash;

    private FtpRemoteFileSystem(FTPClient ftp, RemoteUrl url, int timeoutMillis) throws IOException {
        this.ftp = ftp;
        this.url = url;
        this.timeoutMillis = timeoutMillis;
        ftp.features();
        this.mlst = ftp.hasFeature("MLST");
        this.restStream = ftp.hasFeature("REST", "STREAM");
        this.mfmt = ftp.hasFeature("MFMT");
        String[] hashFeat = ftp.featureValues("HASH");
        this.hashes = hashFeat == null || hashFeat.length == 0 ? EnumSet.noneOf(HashAlgorithm.class) : FeatHash.algorithms(hashFeat[0]);
        this.ranges = ftp.hasFeature("RANG");
        if (ftp.hasFeature("UTF8")) {
            ftp.sendCommand("OPTS", "UTF8 ON");
        }
        String pwd = ftp.printWorkingDirectory();
        this.home = pwd == null || !pwd.startsWith("/") ? "/" : pwd;
    }

    /** Connects and logs in; a refused login is a {@link Kind#AUTH} failure. */
    public static FtpRemoteFileSystem connect(RemoteUrl url, Credentials credentials, ConnectOptions options) throws IOException {
        boolean tls = url.protocol() == Protocol.FTPS;
        FTPClient ftp;
        if (tls) {
            FTPSClient s = new ReusingFtpsClient(options.implicitTlsOn(url.port()), TlsTrust.context(options));
            s.setEndpointCheckingEnabled(!options.insecure());
            s.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            ftp = s;
        } else {
            ftp = new BoundedFtpClient();
        }
        int timeout = (int) Math.min(options.timeout().toMillis(), Integer.MAX_VALUE);
        ftp.setControlEncoding(StandardCharsets.UTF_8.name());
        ftp.setConnectTimeout(timeout);
        ftp.setDefaultTimeout(timeout);
        ftp.setDataTimeout(options.timeout());
        ftp.setBufferSize(256 * 1024);
        ftp.setListHiddenFiles(true);
        options.debug().ifPresent(out -> ftp.addProtocolCommandListener(new DebugDialog(out)));
        boolean greeted = false;
        try {
            ftp.connect(url.host(), url.port());
            greeted = true;
            ftp.setSoTimeout(timeout);
            if (!FTPReply.isPositiveCompletion(ftp.getReplyCode())) {
                throw FtpReplies.failure("the server refused the connection", ftp.getReplyCode(), ftp.getReplyString());
            }
            String password = credentials.password().map(String::new).orElse("");
            if (!ftp.login(credentials.user(), password)) {
                int code = ftp.getReplyCode();
                throw new RemoteException(code == 421 ? Kind.CONNECTION : Kind.AUTH,
                        "login as " + credentials.user() + " refused: " + FtpReplies.oneLine(ftp.getReplyString()));
            }
            if (tls) {
                FTPSClient s = (FTPSClient) ftp;
                s.execPBSZ(0);
                s.execPROT("P");
            }
            ftp.enterLocalPassiveMode();
            if (!ftp.setFileType(FTP.BINARY_FILE_TYPE)) {
                throw FtpReplies.failure("TYPE I", ftp.getReplyCode(), ftp.getReplyString());
            }
            return new FtpRemoteFileSystem(ftp, url, timeout);
        } catch (RemoteException e) {
            disconnect(ftp);
            throw e;
        } catch (SSLException e) {
            int code = ftp.getReplyCode();
            String reply = ftp.getReplyString();
            disconnect(ftp);
            // Commons Net reports a refused AUTH TLS (during connect) as an SSLException, and a
            // refused PBSZ or PROT P (after the login) too: say which.
            if (tls && code >= 500 && code < 600 && greeted) {
                throw new RemoteException(Kind.REFUSED, "the server refused private data connections (PBSZ 0 / PROT P): "
                        + FtpReplies.oneLine(reply), e);
            }
            if (tls && code >= 500 && code < 600) {
                throw noTls(reply, e);
            }
            throw new RemoteException(Kind.UNTRUSTED, "TLS with " + url.host() + ":" + url.port() + " failed: " + Causes.plain(e)
                    + (options.insecure() ? "" : " (--cacert FILE trusts a private CA; -k skips the check)"), e);
        } catch (IOException e) {
            disconnect(ftp);
            if (tls && ftp.getReplyCode() >= 500 && ftp.getReplyCode() < 600) {
                throw noTls(ftp.getReplyString(), e);
            }
            if (tls && !options.implicitTlsOn(url.port()) && timedOut(e) && !greeted) {
                // No greeting at all: an implicit-FTPS port waits for our TLS hello as we wait for its 220.
                throw new RemoteException(Kind.CONNECTION, "cannot connect to " + url.host() + ":" + url.port()
                        + ": no FTP greeting (an implicit-FTPS port? --implicit-tls starts with TLS)", e);
            }
            throw connectionFailure("cannot connect to " + url.host() + ":" + url.port(), e);
        }
    }

    private static RemoteException noTls(String reply, IOException e) {
        return new RemoteException(Kind.UNSUPPORTED, "the server does not offer TLS (AUTH TLS refused: " + FtpReplies.oneLine(reply) + ")", e);
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    static RemoteException connectionFailure(String what, IOException e) {
        if (e instanceof RemoteException r) {
            return r;
        }
        String why = e instanceof FTPConnectionClosedException ? "the server closed the connection"
                : e instanceof SocketTimeoutException ? "timed out"
                : Causes.plain(e);
        return new RemoteException(Kind.CONNECTION, what + ": " + why, e);
    }

    private static void disconnect(FTPClient ftp) {
        try {
            if (ftp.isConnected()) {
                ftp.disconnect();
            }
        } catch (IOException ignored) {
            // leaving anyway
        }
    }

    private RemoteException failure(String what) {
        return FtpReplies.failure(what, ftp.getReplyCode(), ftp.getReplyString());
    }

    /** Runs one exchange, turning a broken connection into a retryable failure. */
    private <T> T io(String what, IoCall<T> call) throws IOException {
        try {
            return call.run();
        } catch (RemoteException e) {
            throw e;
        } catch (IOException e) {
            throw connectionFailure(what, e);
        }
    }

    @FunctionalInterface
    private interface IoCall<T> {
        T run() throws IOException;
    }

    @Override
    public String home() {
        return home;
    }

    @Override
    public List<RemoteEntry> list(String directory) throws IOException {
        return io("listing " + directory, () -> {
            FTPFile[] files = mlst ? ftp.mlistDir(directory) : ftp.listFiles(directory);
            if (!FTPReply.isPositiveCompletion(ftp.getReplyCode())) {
                throw failure("cannot list " + directory);
            }
            List<RemoteEntry> out = new ArrayList<>(files.length);
            for (FTPFile f : files) {
                if (f == null) {
                    continue;
                }
                String name = baseName(f.getName());
                if (name.isEmpty() || name.equals(".") || name.equals("..")) {
                    continue;
                }
                out.add(entry(name, child(directory, name), f));
            }
            return out;
        });
    }

    @Override
    public Optional<RemoteEntry> stat(String path) throws IOException {
        if (path.equals("/")) {
            return Optional.of(new RemoteEntry("/", "/", RemoteEntry.Type.DIRECTORY, 0, Optional.empty()));
        }
        return io("looking up " + path, () -> {
            if (mlst) {
                FTPFile f = ftp.mlistFile(path);
                if (f == null) {
                    if (ftp.getReplyCode() == 550 || ftp.getReplyCode() == 501) {
                        return Optional.<RemoteEntry>empty();
                    }
                    throw failure("cannot look up " + path);
                }
                return Optional.of(entry(baseName(path), path, f));
            }
            // Without MLST: the parent's listing is the only portable source of a directory's facts.
            String parent = parent(path);
            String name = baseName(path);
            for (RemoteEntry e : listOrEmpty(parent)) {
                if (e.name().equals(name)) {
                    return Optional.of(e);
                }
            }
            return Optional.<RemoteEntry>empty();
        });
    }

    private List<RemoteEntry> listOrEmpty(String dir) throws IOException {
        try {
            return list(dir);
        } catch (RemoteException e) {
            if (e.kind() == Kind.NOT_FOUND) {
                return List.of();
            }
            throw e;
        }
    }

    private static RemoteEntry entry(String name, String path, FTPFile f) {
        RemoteEntry.Type type = f.isDirectory() ? RemoteEntry.Type.DIRECTORY
                : f.isSymbolicLink() ? RemoteEntry.Type.LINK
                : f.isFile() ? RemoteEntry.Type.FILE : RemoteEntry.Type.OTHER;
        Optional<Instant> time = Optional.ofNullable(f.getTimestamp()).map(c -> c.toInstant());
        return new RemoteEntry(name, path, type, type == RemoteEntry.Type.DIRECTORY ? 0 : f.getSize(), time);
    }

    @Override
    public InputStream read(String path, long offset) throws IOException {
        return io("downloading " + path, () -> {
            ftp.setRestartOffset(offset);
            InputStream in = ftp.retrieveFileStream(path);
            ftp.setRestartOffset(0);
            if (in == null) {
                throw failure("cannot download " + path);
            }
            return new FilterInputStream(in) {
                private boolean closed;

                @Override
                public void close() throws IOException {
                    if (closed) {
                        return;
                    }
                    closed = true;
                    io("downloading " + path, () -> {
                        super.close();
                        if (!ftp.completePendingCommand()) {
                            throw failure("download of " + path + " failed");
                        }
                        return null;
                    });
                }
            };
        });
    }

    @Override
    public OutputStream write(String path, long offset) throws IOException {
        return io("uploading " + path, () -> {
            OutputStream out;
            if (offset > 0 && restStream) {
                ftp.setRestartOffset(offset);
                out = ftp.storeFileStream(path);
                ftp.setRestartOffset(0);
            } else if (offset > 0) {
                out = ftp.appendFileStream(path); // no REST STREAM: appending is the portable resume
            } else {
                out = ftp.storeFileStream(path);
            }
            if (out == null) {
                throw failure("cannot upload " + path);
            }
            return new FilterOutputStream(out) {
                private boolean closed;

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    if (closed) {
                        return;
                    }
                    closed = true;
                    io("uploading " + path, () -> {
                        out.close();
                        if (!ftp.completePendingCommand()) {
                            throw failure("upload of " + path + " failed");
                        }
                        return null;
                    });
                }
            };
        });
    }

    @Override
    public void mkdir(String path) throws IOException {
        io("mkdir " + path, () -> {
            if (!ftp.makeDirectory(path)) {
                throw failure("cannot create directory " + path);
            }
            return null;
        });
    }

    @Override
    public void delete(String path) throws IOException {
        io("deleting " + path, () -> {
            if (!ftp.deleteFile(path)) {
                throw failure("cannot delete " + path);
            }
            return null;
        });
    }

    @Override
    public void rmdir(String path) throws IOException {
        io("rmdir " + path, () -> {
            if (!ftp.removeDirectory(path)) {
                throw failure("cannot remove directory " + path);
            }
            return null;
        });
    }

    @Override
    public void rename(String from, String to) throws IOException {
        io("renaming " + from, () -> {
            if (!ftp.rename(from, to)) {
                throw failure("cannot rename " + from + " to " + to);
            }
            return null;
        });
    }

    @Override
    public boolean setModified(String path, Instant time) throws IOException {
        if (!mfmt) {
            return false;
        }
        return io("setting the time of " + path, () -> ftp.setModificationTime(path, MFMT.format(time)));
    }

    @Override
    public Set<HashAlgorithm> hashAlgorithms() {
        return hashes;
    }

    @Override
    public Optional<RemoteHash> hash(String path, HashAlgorithm algorithm) throws IOException {
        return prefixHash(path, algorithm, -1);
    }

    /** HASH, after RANG 0 length-1 for a prefix; a server without RANG hashes whole files only. */
    @Override
    public Optional<RemoteHash> prefixHash(String path, HashAlgorithm algorithm, long length) throws IOException {
        if (!hashes.contains(algorithm) || length >= 0 && !ranges) {
            return Optional.empty();
        }
        if (length == 0) {
            return Optional.of(new RemoteHash(algorithm, 0, -1, algorithm.start().hex()));
        }
        return io("hashing " + path, () -> {
            if (algorithm != selectedHash) {
                int code = ftp.sendCommand("OPTS", "HASH " + algorithm.ianaName());
                if (!FTPReply.isPositiveCompletion(code)) {
                    throw failure("the server refused " + algorithm.ianaName());
                }
                selectedHash = algorithm;
            }
            if (length > 0 && ftp.sendCommand("RANG", "0 " + (length - 1)) != 350) {
                return Optional.<RemoteHash>empty();
            }
            // Hashing a large file takes the server a while; the reply comes only when it is done.
            ftp.setSoTimeout((int) HASH_TIMEOUT.toMillis());
            int code;
            try {
                code = ftp.sendCommand("HASH", path);
            } finally {
                ftp.setSoTimeout(timeoutMillis);
            }
            if (length > 0 && code == 556 // the range lies past the end: shorter than the prefix
                    || code == 550 || code == 502 || code == 504) { // not for this user or file (no download permission)
                return Optional.<RemoteHash>empty();
            }
            if (code != 213) {
                throw failure("cannot hash " + path);
            }
            Optional<RemoteHash> h = FeatHash.parse(ftp.getReplyString(), algorithm);
            if (h.isEmpty()) {
                throw new RemoteException(Kind.UNSUPPORTED, "unreadable HASH reply: " + FtpReplies.oneLine(ftp.getReplyString()));
            }
            return h;
        });
    }

    @Override
    public String describe() {
        return url.origin();
    }

    @Override
    public void close() {
        try {
            if (ftp.isConnected()) {
                ftp.logout();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        disconnect(ftp);
    }

    static String baseName(String path) {
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        int i = p.lastIndexOf('/');
        return i < 0 ? p : p.substring(i + 1);
    }

    static String parent(String path) {
        int i = path.lastIndexOf('/');
        return i <= 0 ? "/" : path.substring(0, i);
    }

    static String child(String dir, String name) {
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }
}
