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
 * Compares a local file with the server's copy through the server's HASH, strongest algorithm
 * first. The local hash is computed while the server computes its own.
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
        CompletableFuture<String> localHash = new CompletableFuture<>();
        Thread.ofVirtual().name("ferry-local-hash").start(() -> {
            try (FileChannel ch = FileChannel.open(local, StandardOpenOption.READ)) {
                localHash.complete(a.hash(ch, Long.MAX_VALUE));
            } catch (IOException | RuntimeException e) {
                localHash.completeExceptionally(e);
            }
        });
        Optional<RemoteHash> remote = fs.hash(remotePath, a);
        String mine;
        try {
            mine = localHash.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while hashing " + local, e);
        } catch (ExecutionException e) {
            throw new IOException("cannot hash " + local + ": " + e.getCause().getMessage(), e.getCause());
        }
        if (remote.isEmpty()) {
            return new Verification.SizeOnly(size, "the server did not hash the file");
        }
        if (!remote.get().hex().equalsIgnoreCase(mine)) {
            throw new RemoteException(Kind.VERIFY, "checksum mismatch for " + remotePath + ": local " + a.shortName() + " "
                    + mine + ", server " + remote.get().hex());
        }
        return new Verification.Verified(a);
    }
}
