package dev.ferry.client.sftp;

import dev.ferry.core.transfer.HashAlgorithm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;

/**
 * A whole file's SHA-256 from {@code sha256sum} run on the server, for SFTP servers without
 * check-file (OpenSSH's), as rclone does: the account's shell runs {@code sha256sum -- 'PATH'}, and
 * its output must be coreutils' ({@code HEX  NAME}) with exit status 0. Whether the server can is
 * learnt once, at the first hash asked for, on {@code /dev/null}: an account without a shell (a
 * forced internal-sftp, a Windows server, a restricted shell) simply has no hashes.
 */
final class ExecHash {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
    /** Hashing a large file takes the server a while. */
    private static final Duration HASH_TIMEOUT = Duration.ofMinutes(30);
    private static final int MAX_OUTPUT = 4096;
    /** coreutils prefixes the line with a backslash when the name holds one or a line break. */
    private static final Pattern LINE = Pattern.compile("\\\\?([0-9a-f]{64}) [ *].*", Pattern.DOTALL);
    private static final String EMPTY_SHA256 = HashAlgorithm.SHA_256.start().hex();

    private final ClientSession session;
    private Boolean works;

    ExecHash(ClientSession session) {
        this.session = session;
    }

    /** SHA-256 when the server's shell has a working sha256sum, else nothing. */
    EnumSet<HashAlgorithm> offered() {
        if (works == null) {
            works = run("sha256sum /dev/null", PROBE_TIMEOUT).filter(EMPTY_SHA256::equals).isPresent();
        }
        return works ? EnumSet.of(HashAlgorithm.SHA_256) : EnumSet.noneOf(HashAlgorithm.class);
    }

    /** The server's SHA-256 of {@code path}, or empty when it could not say. */
    Optional<String> sha256(String path) {
        Optional<String> word = quote(path);
        if (word.isEmpty() || offered().isEmpty()) {
            return Optional.empty();
        }
        return run("sha256sum -- " + word.get(), HASH_TIMEOUT);
    }

    /**
     * {@code s} in single quotes, or empty when it holds a quote, a backslash or a control
     * character. Inside single quotes every other character is literal in sh, bash, zsh, dash,
     * ksh, tcsh and fish alike; a quote or a backslash is not (fish reads \' inside quotes as a
     * quote, so the POSIX '\'' escape would end the word there). Such a name goes unverified
     * rather than risk a word the account's shell splits differently.
     */
    static Optional<String> quote(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'' || c == '\\' || c < 0x20 || c == 0x7f) {
                return Optional.empty();
            }
        }
        return Optional.of("'" + s + "'");
    }

    /** The hex digest of the command's first line, when it exited 0 and printed one. */
    static Optional<String> parse(String output, Integer exitStatus) {
        if (exitStatus == null || exitStatus != 0) {
            return Optional.empty();
        }
        Matcher m = LINE.matcher(output);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private Optional<String> run(String command, Duration timeout) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ChannelExec exec = session.createExecChannel(command)) {
            exec.setOut(new Capped(out));
            exec.setErr(OutputStream.nullOutputStream());
            exec.open().verify(timeout);
            exec.getInvertedIn().close(); // no input: a forced sftp-server reads EOF and ends
            if (exec.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout).contains(ClientChannelEvent.TIMEOUT)) {
                return Optional.empty();
            }
            return parse(out.toString(StandardCharsets.UTF_8), exec.getExitStatus());
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // exec refused, or the channel broke: no hash, not a failed transfer
        }
    }

    /** Keeps the first bytes only: a server that floods is not held in memory. */
    private static final class Capped extends OutputStream {
        private final ByteArrayOutputStream into;

        Capped(ByteArrayOutputStream into) {
            this.into = into;
        }

        @Override
        public void write(int b) {
            if (into.size() < MAX_OUTPUT) {
                into.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            into.write(b, off, Math.max(0, Math.min(len, MAX_OUTPUT - into.size())));
        }
    }
}
