package dev.ferry.client.remote;

import dev.ferry.core.transfer.HashAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A logged-in connection to a server, whatever the protocol. Paths are absolute server paths
 * ("/dir/file"). One transfer at a time per connection: close the stream of one before opening
 * the next. Failures are {@link RemoteException}s.
 */
public interface RemoteFileSystem extends AutoCloseable {

    /** Where the login starts (FTP PWD, SFTP's "."), absolute. */
    String home();

    /** The entries of a directory, without "." and "..". */
    List<RemoteEntry> list(String directory) throws IOException;

    /** Facts about one path, or empty when it does not exist. */
    Optional<RemoteEntry> stat(String path) throws IOException;

    /**
     * Streams a file from {@code offset} on. Closing the stream ends the transfer and reports a
     * failure the server announced after the data (FTP's closing reply) as an exception.
     */
    InputStream read(String path, long offset) throws IOException;

    /**
     * Writes a file: from the start (replacing it) when {@code offset} is 0, else keeping the first
     * {@code offset} bytes and writing after them. Closing the stream completes the upload.
     */
    OutputStream write(String path, long offset) throws IOException;

    void mkdir(String path) throws IOException;

    void delete(String path) throws IOException;

    void rmdir(String path) throws IOException;

    void rename(String from, String to) throws IOException;

    /**
     * What {@code mv} does: {@code to} an existing directory means into it; onto an existing file
     * is refused, whatever the protocol (an FTP RNTO would replace it silently, an SFTP rename would
     * refuse), so that no file is lost to a mistyped name. Returns the path moved to.
     */
    default String move(String from, String to) throws IOException {
        Optional<RemoteEntry> t = stat(to);
        String target = to;
        if (t.isPresent() && t.get().isDirectory()) {
            target = RemotePaths.child(to, RemotePaths.name(from));
            t = stat(target);
        }
        if (t.isPresent()) {
            throw new RemoteException(RemoteException.Kind.REFUSED, target + " exists; remove it first to replace it");
        }
        rename(from, target);
        return target;
    }

    /** Sets a file's modification time, if the server allows it; returns false when it cannot. */
    boolean setModified(String path, Instant time) throws IOException;

    /** The hash algorithms the server can compute on its side; empty when it has none. */
    Set<HashAlgorithm> hashAlgorithms();

    /** The server's hash of a whole file, or empty when the server does not offer {@code algorithm}. */
    Optional<RemoteHash> hash(String path, HashAlgorithm algorithm) throws IOException;

    /**
     * The server's hash of the first {@code length} bytes of a file ({@code length} -1: all of
     * it), or empty when the server cannot hash a part of a file with {@code algorithm}. A resume
     * asks it first, so that a partial copy that is not the start of the file is not extended.
     */
    default Optional<RemoteHash> prefixHash(String path, HashAlgorithm algorithm, long length) throws IOException {
        return length < 0 ? hash(path, algorithm) : Optional.empty();
    }

    /** "ftp://user@host:port", for messages. */
    String describe();

    @Override
    void close();
}
