package dev.ferry.app.client;

import dev.ferry.client.progress.Reporter;
import dev.ferry.client.remote.ConnectOptions;
import dev.ferry.client.transfer.TransferOptions;
import dev.ferry.core.config.Units;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options every client verb shares: credentials, trust, progress, retries. */
public final class ClientOptions {

    @Option(names = "--password-stdin", description = "read the password from the first line of standard input")
    boolean passwordStdin;

    @Option(names = "--netrc-file", paramLabel = "FILE", description = "netrc file to read (default $NETRC, else ~/.netrc)")
    Path netrcFile;

    @Option(names = {"-q", "--quiet"}, description = "print nothing but errors")
    boolean quiet;

    @Option(names = "--progress", paramLabel = "STYLE",
            description = "bar (live, on a terminal), lines (a line a second), plain (start and end lines), none; "
                    + "default: bar on a terminal, else plain")
    String progress;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "3",
            description = "reconnect and resume this many times after a dropped connection (default ${DEFAULT-VALUE})")
    int retries;

    @Option(names = "--limit-rate", paramLabel = "RATE", description = "cap each transfer, e.g. 1MiB/s (default: no cap)")
    String limitRate;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "connect timeout, and how long a silent server is waited for (default ${DEFAULT-VALUE})")
    String timeout;

    @Option(names = {"-k", "--insecure"}, description = "FTPS: accept any certificate; SFTP: any host key")
    boolean insecure;

    @Option(names = "--cacert", paramLabel = "FILE", description = "FTPS: trust the certificates in this PEM file")
    Path caCert;

    @Option(names = "--implicit-tls", description = "FTPS: TLS from the first byte (an implicit-FTPS port), not AUTH TLS; implied on port 990")
    boolean implicitTls;

    @Option(names = {"-i", "--identity"}, paramLabel = "KEY", description = "SFTP: private key file (repeatable; default ~/.ssh/id_*)")
    List<Path> identities = new ArrayList<>();

    @Option(names = "--known-hosts", paramLabel = "FILE", description = "SFTP: known_hosts file (default ~/.ssh/known_hosts)")
    Path knownHosts;

    @Option(names = "--debug", description = "print the protocol dialog (passwords masked) on standard error")
    boolean debug;

    Reporter.Mode progressMode(boolean stderrIsTerminal) throws BadOption {
        if (quiet) {
            return Reporter.Mode.QUIET;
        }
        if (progress == null) {
            return stderrIsTerminal ? Reporter.Mode.BAR : Reporter.Mode.PLAIN;
        }
        return switch (progress.toLowerCase(java.util.Locale.ROOT)) {
            case "bar" -> Reporter.Mode.BAR;
            case "lines" -> Reporter.Mode.LINES;
            case "plain" -> Reporter.Mode.PLAIN;
            case "none", "quiet" -> Reporter.Mode.QUIET;
            default -> throw new BadOption("--progress must be bar, lines, plain or none, not '" + progress + "'");
        };
    }

    ConnectOptions connectOptions(PrintStream debugOut) throws BadOption {
        return new ConnectOptions(duration(), insecure, Optional.ofNullable(caCert), List.copyOf(identities),
                Optional.ofNullable(knownHosts), debug ? Optional.of(debugOut) : Optional.empty(), implicitTls);
    }

    TransferOptions transferOptions(boolean resume, boolean verify) throws BadOption {
        if (retries < 0) {
            throw new BadOption("--retries must be 0 or more");
        }
        long rate = 0;
        if (limitRate != null) {
            try {
                rate = Units.parseRate(limitRate);
            } catch (IllegalArgumentException e) {
                throw new BadOption("--limit-rate: " + e.getMessage());
            }
        }
        TransferOptions d = TransferOptions.defaults();
        return new TransferOptions(resume, retries, verify, rate, d.firstRetry(), d.maxBackoff());
    }

    private Duration duration() throws BadOption {
        try {
            Duration d = Units.parseDuration(timeout);
            if (d.isZero() || d.isNegative()) {
                throw new BadOption("--timeout must be positive");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new BadOption("--timeout: " + e.getMessage());
        }
    }

    /** A bad option value; exit code USAGE. */
    static final class BadOption extends Exception {
        BadOption(String message) {
            super(message);
        }
    }
}
