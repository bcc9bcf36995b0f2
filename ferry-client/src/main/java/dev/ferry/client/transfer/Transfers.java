package dev.ferry.client.transfer;

import dev.ferry.client.progress.ProgressListener;
import dev.ferry.client.remote.Connection;
import dev.ferry.client.remote.RemoteEntry;
import dev.ferry.client.remote.RemoteException;
import dev.ferry.client.remote.RemoteException.Kind;
import dev.ferry.client.remote.RemoteFileSystem;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;

/**
 * Downloads and uploads with resume, retry and verification. A run that breaks off on a dropped
 * connection (or a transient 4xx) waits, reconnects and goes on from the bytes that arrived, up to
 * {@code retries} times. A partial copy found by a resume ({@code -c}) is first compared with the
 * other side's first bytes, where the server can hash a part of a file, and the transfer starts
 * over if it differs. Whenever a file was resumed, or with {@code verify}, the whole file is
 * checked against the server's hash afterwards.
 */
public final class Transfers {

    private static final int BUFFER = 256 * 1024;

    private Transfers() {}

    /** One run of a transfer on a connection; returns the offset it started at. */
    @FunctionalInterface
    private interface Run {
        long run(RemoteFileSystem fs, boolean continuing) throws IOException, InterruptedException;
    }

    private static long withRetries(Connection connection, TransferOptions options, ProgressListener progress, Run run,
                                    int[] attempts) throws IOException, InterruptedException {
        int attempt = 0;
        long firstResume = 0;
        while (true) {
            attempts[0] = attempt + 1;
            try {
                RemoteFileSystem fs = connection.get();
                long started = run.run(fs, options.resume() || attempt > 0);
                if (firstResume == 0 && started > 0) {
                    firstResume = started;
                }
                return firstResume;
            } catch (RemoteException e) {
                if (!e.retryable() || attempt >= options.retries()) {
                    if (e.retryable()) {
                        connection.drop();
                    }
                    throw e;
                }
                attempt++;
                Duration wait = options.backoff(attempt);
                progress.retrying(e.getMessage() + " (retry " + attempt + " of " + options.retries() + ")", wait);
                connection.drop();
                Thread.sleep(wait);
            }
        }
    }

    /** Downloads {@code remote} to {@code local}. */
    public static TransferResult get(Connection connection, String remote, Path local, TransferOptions options,
                                     ProgressListener progress) throws IOException, InterruptedException {
        long[] size = {-1};
        int[] attempts = {0};
        // A partial copy from before this run is compared with the server's first bytes before it
        // is extended; one this run wrote (before a dropped connection) is not.
        boolean[] partialChecked = {!options.resume()};
        long resumedFrom = withRetries(connection, options, progress, (fs, continuing) -> {
            RemoteEntry entry = remoteFile(fs, remote);
            long total = entry.size();
            size[0] = total;
            long offset = continuing && Files.isRegularFile(local) ? Files.size(local) : 0;
            if (total >= 0 && offset > total) {
                throw new RemoteException(Kind.VERIFY, local + " (" + offset + " bytes) is larger than " + remote + " ("
                        + total + " bytes): it is not a part of it; remove it, or get without -c");
            }
            if (offset > 0 && !partialChecked[0]
                    && Verifier.prefix(fs, remote, false, local, offset) == Verifier.Prefix.DIFFERS) {
                progress.restarting(local + " is not the start of " + remote + " (its checksum differs)");
                offset = 0;
            }
            partialChecked[0] = true;
            progress.started(offset, total);
            if (total >= 0 && offset == total && offset > 0) {
                return offset; // already complete: nothing to fetch, the check below still runs
            }
            long copied;
            // The server's stream first: a refused RETR (no permission, gone meanwhile) must not
            // have emptied a local file of the same name.
            try (InputStream in = fs.read(remote, offset);
                 FileChannel out = openLocal(local, offset)) {
                copied = copy(in, out, options.rateLimit(), progress);
            }
            // A device or a pipe (/dev/null, to test a download) has no size to check: count.
            long got = Files.isRegularFile(local) ? Files.size(local) : offset + copied;
            if (total >= 0 && got != total) {
                throw new RemoteException(Kind.TRANSFER, "download of " + remote + " ended at " + got + " of " + total + " bytes");
            }
            return offset;
        }, attempts);
        boolean regular = Files.isRegularFile(local);
        long finalSize = regular ? Files.size(local) : Math.max(0, size[0]);
        if (!regular && options.verify()) {
            throw new RemoteException(Kind.VERIFY, remote + " was transferred to " + local
                    + ", which cannot be read back to verify it as asked");
        }
        Verification v = new Verification.NotChecked();
        if (regular && (resumedFrom > 0 || options.verify())) {
            v = Verifier.verify(connection.get(), remote, local, finalSize);
        }
        requireAskedVerification(options, v, remote);
        return new TransferResult(finalSize, resumedFrom, attempts[0], v);
    }

    /** Downloads {@code remote} into a stream (stdout): bytes already written cannot be taken back, so no resume and no retry. */
    public static TransferResult getToStream(Connection connection, String remote, OutputStream target, TransferOptions options,
                                             ProgressListener progress) throws IOException, InterruptedException {
        RemoteFileSystem fs = connection.get();
        RemoteEntry entry = remoteFile(fs, remote);
        progress.started(0, entry.size());
        long n;
        try (InputStream in = fs.read(remote, 0)) {
            n = copy(in, target, options.rateLimit(), progress);
        }
        target.flush();
        if (target instanceof java.io.PrintStream ps && ps.checkError()) { // the last bytes, at the flush
            throw new IOException("cannot write to standard output (disk full, or the reader went away)");
        }
        return new TransferResult(n, 0, 1, new Verification.NotChecked());
    }

    /** Uploads a stream (stdin) to {@code remote}: what was read cannot be read again, so no resume and no retry. */
    public static TransferResult putFromStream(Connection connection, InputStream source, String remote, TransferOptions options,
                                               ProgressListener progress) throws IOException, InterruptedException {
        RemoteFileSystem fs = connection.get();
        Optional<RemoteEntry> there = fs.stat(remote);
        if (there.isPresent() && there.get().isDirectory()) {
            throw new RemoteException(Kind.REFUSED, remote + " is a directory on the server");
        }
        progress.started(0, -1);
        long n;
        try (OutputStream out = fs.write(remote, 0)) {
            n = copy(java.nio.channels.Channels.newChannel(source), out, options.rateLimit(), progress);
        }
        return new TransferResult(n, 0, 1, new Verification.NotChecked());
    }

    /** Uploads {@code local} to {@code remote}. */
    public static TransferResult put(Connection connection, Path local, String remote, TransferOptions options,
                                     ProgressListener progress) throws IOException, InterruptedException {
        long total;
        try {
            total = Files.size(local);
        } catch (NoSuchFileException e) {
            throw new RemoteException(Kind.NOT_FOUND, "no such local file: " + local);
        }
        if (!Files.isRegularFile(local)) {
            throw new RemoteException(Kind.REFUSED, local + " is not a regular file");
        }
        int[] attempts = {0};
        boolean[] partialChecked = {!options.resume()}; // as in get
        long resumedFrom = withRetries(connection, options, progress, (fs, continuing) -> {
            long offset = 0;
            if (continuing) {
                Optional<RemoteEntry> there = fs.stat(remote);
                if (there.isPresent() && there.get().isDirectory()) {
                    throw new RemoteException(Kind.REFUSED, remote + " is a directory on the server");
                }
                offset = there.map(RemoteEntry::size).orElse(0L);
                if (offset > total) {
                    throw new RemoteException(Kind.VERIFY, remote + " on the server (" + offset + " bytes) is larger than "
                            + local + " (" + total + " bytes); remove it, or put without -c");
                }
                if (offset > 0 && !partialChecked[0]
                        && Verifier.prefix(fs, remote, true, local, offset) == Verifier.Prefix.DIFFERS) {
                    progress.restarting(remote + " on the server is not the start of " + local + " (its checksum differs)");
                    offset = 0;
                }
                partialChecked[0] = true;
            }
            progress.started(offset, total);
            if (offset == total && offset > 0) {
                return offset;
            }
            try (FileChannel in = FileChannel.open(local, StandardOpenOption.READ)) {
                in.position(offset);
                try (OutputStream out = fs.write(remote, offset)) {
                    copy(in, out, options.rateLimit(), progress);
                }
            }
            Optional<RemoteEntry> after = fs.stat(remote);
            if (after.isPresent() && after.get().size() >= 0 && after.get().size() != total) {
                throw new RemoteException(Kind.TRANSFER, "upload of " + remote + " ended at " + after.get().size() + " of "
                        + total + " bytes");
            }
            return offset;
        }, attempts);
        Verification v = new Verification.NotChecked();
        if (resumedFrom > 0 || options.verify()) {
            v = Verifier.verify(connection.get(), remote, local, total);
        }
        requireAskedVerification(options, v, remote);
        return new TransferResult(total, resumedFrom, attempts[0], v);
    }

    /** --verify asked for a checksum: a transfer the server cannot hash has not been verified (exit 5). */
    private static void requireAskedVerification(TransferOptions options, Verification v, String remote) throws RemoteException {
        if (options.verify() && v instanceof Verification.SizeOnly s) {
            throw new RemoteException(Kind.VERIFY, remote + " was transferred but could not be verified as asked: " + s.why()
                    + " (the size matches)");
        }
    }

    private static RemoteEntry remoteFile(RemoteFileSystem fs, String remote) throws IOException {
        Optional<RemoteEntry> entry = fs.stat(remote);
        if (entry.isEmpty()) {
            throw new RemoteException(Kind.NOT_FOUND, "no such file on the server: " + remote);
        }
        if (entry.get().isDirectory()) {
            throw new RemoteException(Kind.REFUSED, remote + " is a directory (use mirror for directories)");
        }
        return entry.get();
    }

    private static FileChannel openLocal(Path local, long offset) throws IOException {
        Path parent = local.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new RemoteException(Kind.NOT_FOUND, "no such local directory: " + parent);
        }
        if (offset > 0) {
            FileChannel ch = FileChannel.open(local, StandardOpenOption.WRITE);
            ch.truncate(offset);
            ch.position(offset);
            return ch;
        }
        return FileChannel.open(local, StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Returns the bytes copied. */
    private static long copy(InputStream in, FileChannel out, long rate, ProgressListener progress)
            throws IOException, InterruptedException {
        RateLimiter limiter = new RateLimiter(rate);
        byte[] buf = new byte[BUFFER];
        long total = 0;
        int n;
        while ((n = remoteRead(in, buf)) > 0) {
            limiter.acquire(n);
            ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
            while (bb.hasRemaining()) {
                out.write(bb);
            }
            total += n;
            progress.advanced(n);
            checkInterrupted();
        }
        return total;
    }

    private static long copy(InputStream in, OutputStream out, long rate, ProgressListener progress)
            throws IOException, InterruptedException {
        RateLimiter limiter = new RateLimiter(rate);
        byte[] buf = new byte[BUFFER];
        long total = 0;
        int n;
        while ((n = remoteRead(in, buf)) > 0) {
            limiter.acquire(n);
            out.write(buf, 0, n);
            // A PrintStream (System.out) keeps write errors to itself: a full disk, or a reader
            // that went away (| head), would otherwise end 0 after fetching the rest for nothing.
            if (out instanceof java.io.PrintStream ps && ps.checkError()) {
                throw new IOException("cannot write to standard output (disk full, or the reader went away)");
            }
            total += n;
            progress.advanced(n);
            checkInterrupted();
        }
        return total;
    }

    /** An upload's loop, from a local file or standard input; returns the bytes copied. */
    private static long copy(java.nio.channels.ReadableByteChannel in, OutputStream out, long rate, ProgressListener progress)
            throws IOException, InterruptedException {
        RateLimiter limiter = new RateLimiter(rate);
        byte[] buf = new byte[BUFFER];
        ByteBuffer bb = ByteBuffer.wrap(buf);
        long total = 0;
        while (true) {
            bb.clear();
            int n = in.read(bb);
            if (n < 0) {
                break;
            }
            limiter.acquire(n);
            try {
                out.write(buf, 0, n);
            } catch (RemoteException e) {
                throw e;
            } catch (IOException e) {
                throw lost(e);
            }
            total += n;
            progress.advanced(n);
            checkInterrupted();
        }
        return total;
    }

    /**
     * A read from the server; a failure here is the network's (retryable), unlike a failure of
     * the local file, which is reported as it is.
     */
    private static int remoteRead(InputStream in, byte[] buf) throws IOException {
        try {
            return in.read(buf);
        } catch (RemoteException e) {
            throw e;
        } catch (java.net.SocketTimeoutException e) {
            throw lost(e);
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            throw lost(e);
        }
    }

    private static RemoteException lost(IOException e) {
        return new RemoteException(Kind.CONNECTION, "connection lost: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getMessage()), e);
    }

    private static void checkInterrupted() throws InterruptedIOException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("transfer interrupted");
        }
    }
}
