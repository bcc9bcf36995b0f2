package dev.ferry.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/** What a running scenario has at hand: its options, its sockets, local source files, progress output. */
public final class BenchContext implements AutoCloseable {

    private static final int PATTERN_BLOCK = 1 << 20;

    private final BenchOptions options;
    private final Connections connections = new Connections();
    private final PrintStream log;
    private final Map<Long, Path> sources = new HashMap<>();

    public BenchContext(BenchOptions options, PrintStream log) {
        this.options = options;
        this.log = log;
    }

    public BenchOptions options() {
        return options;
    }

    public FtpUrl target() {
        return options.target();
    }

    public Connections connections() {
        return connections;
    }

    public OptionalLong serverPid() {
        return options.serverPid();
    }

    public Window window() {
        return Window.open(options.serverPid());
    }

    /** A progress line on the log stream (stderr for the CLI), so stdout stays the table. */
    public void progress(String text) {
        log.println("bench: " + text);
        log.flush();
    }

    /** At most this many logins of a scenario's untimed setup at once. */
    private final java.util.concurrent.Semaphore setupLogins = new java.util.concurrent.Semaphore(16);

    /**
     * A session for a scenario's untimed setup, logged in, binary. Only a few are opened at once:
     * a server with a short listen backlog (vsftpd's is 32) would otherwise drop connects that a
     * scenario about transfers is not about.
     */
    public FtpWire setupLogin() throws IOException, InterruptedException {
        setupLogins.acquire();
        try {
            return login();
        } finally {
            setupLogins.release();
        }
    }

    /** A new session, logged in, binary. */
    public FtpWire login() throws IOException {
        FtpWire w = FtpWire.connect(target(), connections);
        try {
            return w.login().binary();
        } catch (IOException | RuntimeException e) {
            w.close();
            throw e;
        }
    }

    /** A local file of {@code size} bytes of a non-trivial pattern, made once per run. */
    public synchronized Path source(long size) throws IOException {
        Path p = sources.get(size);
        if (p != null) {
            return p;
        }
        Files.createDirectories(options.workDir());
        p = Files.createTempFile(options.workDir(), "ferry-bench-", ".bin");
        byte[] block = new byte[PATTERN_BLOCK];
        for (int i = 0; i < block.length; i++) {
            block[i] = (byte) (i * 31 + (i >>> 8));
        }
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            long left = size;
            while (left > 0) {
                ByteBuffer b = ByteBuffer.wrap(block, 0, (int) Math.min(block.length, left));
                while (b.hasRemaining()) {
                    left -= ch.write(b);
                }
            }
        }
        sources.put(size, p);
        return p;
    }

    /** Makes sure the server has {@code path} with exactly {@code size} bytes; uploads it if not (untimed). */
    public void ensureRemoteFile(FtpWire w, String path, long size) throws IOException {
        OptionalLong have = w.size(path);
        if (have.isPresent() && have.getAsLong() == size) {
            return;
        }
        progress("uploading " + path + " (" + size + " bytes) for the test");
        try (FileChannel src = FileChannel.open(source(size))) {
            long sent = w.stor(path, src, size);
            if (sent != size) {
                throw new IOException("preparing " + path + ": sent " + sent + " of " + size + " bytes");
            }
        }
    }

    @Override
    public void close() {
        connections.closeAll();
        for (Path p : sources.values()) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temp file left behind
            }
        }
        sources.clear();
    }
}
