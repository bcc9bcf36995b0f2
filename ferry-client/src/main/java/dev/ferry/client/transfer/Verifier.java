package dev.ferry.client.transfer;

import dev.ferry.client.remote.RemoteException;
import dev.ferry.client.remote.RemoteException.Kind;
import dev.ferry.client.remote.RemoteFileSystem;
import dev.ferry.client.remote.RemoteHash;
import dev.ferry.core.transfer.HashAlgorithm;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Compares a local file with the server's copy through the server's hash (FTP HASH, SFTP
 * check-file-name), strongest algorithm first: after a transfer, and before a resume extends a
 * partial copy. The local hash is computed while the server computes its own.
 */
public final class Verifier {

    /** Preference order: the strongest the server offers wins. */
    private static final List<HashAlgorithm> PREFERENCE = List.of(
            HashAlgorithm.SHA_256, HashAlgorithm.SHA_512, HashAlgorithm.SHA_1, HashAlgorithm.MD5, HashAlgorithm.CRC32);

    private Verifier() {}

    public static Optional<HashAlgorithm> choose(RemoteFileSystem fs) {
        return PREFERENCE.stream().filter(fs.hashAlgorithms()::contains).findFirst();
    }

    /** Verifies; throws a {@link Kind#VERIFY} failure on a mismatch. */
    public static Verification verify(RemoteFileSystem fs, String remotePath, Path local, long size) throws IOException {
        Optional<HashAlgorithm> algorithm = choose(fs);
        if (algorithm.isEmpty()) {
            return new Verification.SizeOnly(size, "the server offers no file hashes");
        }
        HashAlgorithm a = algorithm.get();
        CompletableFuture<String> localHash = localHash(local, a, Long.MAX_VALUE);
        Optional<RemoteHash> remote = fs.hash(remotePath, a);
        String mine = await(localHash, local);
        if (remote.isEmpty()) {
            return new Verification.SizeOnly(size, "the server did not hash the file");
        }
        if (!remote.get().hex().equalsIgnoreCase(mine)) {
            throw new RemoteException(Kind.VERIFY, "checksum mismatch for " + remotePath + ": local " + a.shortName() + " "
                    + mine + ", server " + remote.get().hex());
        }
        return new Verification.Verified(a);
    }

    /** What a resume learnt about the partial copy it is about to extend. */
    public enum Prefix {
        /** The partial copy is the start of the file: extend it. */
        MATCHES,
        /** It is not (another file, or changed since): start over. */
        DIFFERS,
        /** The server cannot hash a part of a file; the whole file is verified after the transfer. */
        UNCHECKED
    }

    /**
     * Compares the first {@code length} bytes of the two sides before a resume. A download's
     * partial copy is the local file, compared with the server's first bytes; an upload's is the
     * server's file ({@code remoteIsPartial}), compared whole with the local file's first bytes.
     */
    public static Prefix prefix(RemoteFileSystem fs, String remotePath, boolean remoteIsPartial, Path local, long length)
            throws IOException {
        Optional<HashAlgorithm> algorithm = choose(fs);
        if (algorithm.isEmpty()) {
            return Prefix.UNCHECKED;
        }
        HashAlgorithm a = algorithm.get();
        CompletableFuture<String> localHash = localHash(local, a, length);
        Optional<RemoteHash> remote = fs.prefixHash(remotePath, a, length);
        boolean whole = false;
        if (remote.isEmpty() && remoteIsPartial) { // a server without ranges: the partial is the whole file
            remote = fs.hash(remotePath, a);
            whole = true;
        }
        String mine = await(localHash, local);
        if (remote.isEmpty()) {
            return Prefix.UNCHECKED;
        }
        RemoteHash r = remote.get();
        long end = r.endInclusive();
        if (r.start() != 0 || end != length - 1 && !(whole && end < 0)) {
            return Prefix.UNCHECKED; // the server hashed other bytes than asked: it says nothing of these
        }
        return r.hex().equalsIgnoreCase(mine) ? Prefix.MATCHES : Prefix.DIFFERS;
    }

    /** The hash of a local file's first {@code limit} bytes, computed while the server computes its own. */
    private static CompletableFuture<String> localHash(Path local, HashAlgorithm a, long limit) {
        CompletableFuture<String> localHash = new CompletableFuture<>();
        Thread.ofVirtual().name("ferry-local-hash").start(() -> {
            try (FileChannel ch = FileChannel.open(local, StandardOpenOption.READ)) {
                localHash.complete(a.hash(ch, limit));
            } catch (IOException | RuntimeException e) {
                localHash.completeExceptionally(e);
            }
        });
        return localHash;
    }

    private static String await(CompletableFuture<String> localHash, Path local) throws IOException {
        try {
            return localHash.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while hashing " + local, e);
        } catch (ExecutionException e) {
            throw new IOException("cannot hash " + local + ": " + e.getCause().getMessage(), e.getCause());
        }
    }
}
