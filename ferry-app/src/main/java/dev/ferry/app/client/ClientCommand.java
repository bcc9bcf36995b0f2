package dev.ferry.app.client;

import dev.ferry.app.ExitCodes;
import dev.ferry.client.auth.CredentialResolver;
import dev.ferry.client.auth.Credentials;
import dev.ferry.client.progress.Reporter;
import dev.ferry.client.progress.Terminals;
import dev.ferry.client.remote.Connection;
import dev.ferry.client.remote.RemoteException;
import dev.ferry.client.remote.RemoteFileSystem;
import dev.ferry.client.remote.RemoteUrl;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/**
 * What every client verb shares: URL parsing, credentials, connecting, the progress reporter, and
 * the mapping of every failure to one line on stderr and an exit code scripts can test.
 */
abstract class ClientCommand implements Callable<Integer> {

    @Mixin
    ClientOptions client;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final List<Credentials> credentials = new ArrayList<>();
    private final List<Connection> connections = new ArrayList<>();
    private Optional<char[]> stdinPassword;

    /** The verb itself; returns the exit code. */
    abstract int run() throws Exception;

    @Override
    public final Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        // MINA logs host-key and session events at WARN; for a client they would only garble the
        // progress display: failures reach the user as our one-line errors instead.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.apache.sshd"))
                .setLevel(client != null && client.debug ? ch.qos.logback.classic.Level.INFO : ch.qos.logback.classic.Level.OFF);
        try {
            return run();
        } catch (RemoteUrl.Invalid | ClientOptions.BadOption e) {
            err.println("ferry: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (CredentialResolver.Missing e) {
            err.println("ferry: " + e.getMessage());
            return ExitCodes.AUTH;
        } catch (RemoteException e) {
            err.println("ferry: " + e.getMessage());
            return exitCode(e.kind());
        } catch (InterruptedException e) {
            err.println("ferry: interrupted");
            return ExitCodes.INTERRUPTED;
        } catch (NoSuchFileException e) {
            err.println("ferry: no such file: " + e.getFile());
            return ExitCodes.NOT_FOUND;
        } catch (AccessDeniedException e) {
            err.println("ferry: permission denied: " + e.getFile());
            return ExitCodes.FAILURE;
        } catch (FileAlreadyExistsException e) {
            err.println("ferry: already exists: " + e.getFile());
            return ExitCodes.FAILURE;
        } catch (IOException e) {
            err.println("ferry: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            return ExitCodes.FAILURE;
        } catch (Exception e) {
            err.println("ferry: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return ExitCodes.SOFTWARE;
        } finally {
            connections.forEach(Connection::close);
            credentials.forEach(Credentials::wipe);
            stdinPassword().ifPresent(p -> java.util.Arrays.fill(p, '\0'));
            err.flush();
        }
    }

    static int exitCode(RemoteException.Kind kind) {
        return switch (kind) {
            case AUTH -> ExitCodes.AUTH;
            case NOT_FOUND -> ExitCodes.NOT_FOUND;
            case TRANSFER, VERIFY -> ExitCodes.TRANSFER;
            case CONNECTION, UNTRUSTED -> ExitCodes.CONNECTION;
            case REFUSED, UNSUPPORTED -> ExitCodes.REFUSED;
        };
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    static RemoteUrl url(String text) throws RemoteUrl.Invalid {
        return RemoteUrl.parse(text);
    }

    private Optional<char[]> stdinPassword() {
        if (stdinPassword == null) {
            stdinPassword = Optional.empty();
            if (client != null && client.passwordStdin) {
                try {
                    String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                    stdinPassword = Optional.ofNullable(line).map(String::toCharArray);
                } catch (IOException e) {
                    stdinPassword = Optional.empty();
                }
            }
        }
        return stdinPassword;
    }

    /** Resolves the credentials and connects (so a wrong password fails here, before any work). */
    Connection connect(RemoteUrl url) throws Exception {
        Map<String, String> env = System.getenv();
        if (client.passwordStdin && stdinPassword().isEmpty()) {
            throw new CredentialResolver.Missing("--password-stdin: no password on standard input");
        }
        CredentialResolver resolver = new CredentialResolver(stdinPassword(), env,
                Optional.ofNullable(client.netrcFile).or(() -> CredentialResolver.defaultNetrc(env)), ClientCommand::prompt);
        Credentials c = resolver.resolve(url);
        credentials.add(c);
        Connection connection = new Connection(url, c, client.connectOptions(debugStream()));
        connections.add(connection);
        connection.get();
        return connection;
    }

    /** What a many-URL verb does to each path on the one server they share. */
    @FunctionalInterface
    interface PathAction {
        void apply(RemoteFileSystem fs, String path) throws Exception;
    }

    /**
     * Connects to the first target's server and applies {@code action} to each target's path in
     * turn; a target on another server is a usage error when its turn comes.
     */
    void onOneServer(List<String> targets, PathAction action) throws Exception {
        RemoteUrl first = url(targets.getFirst());
        RemoteFileSystem fs = connect(first).get();
        for (String t : targets) {
            RemoteUrl u = url(t);
            if (!u.origin().equals(first.origin())) {
                throw new ClientOptions.BadOption("all URLs must be on the same server as " + first.origin());
            }
            action.apply(fs, u.path());
        }
    }

    /** Another connection with the same login (mirror's workers); closed with the command. */
    Connection sibling(Connection of) {
        Connection c = of.sibling();
        synchronized (connections) {
            connections.add(c);
        }
        return c;
    }

    private static PrintStream debugStream() {
        return System.err;
    }

    private static Optional<char[]> prompt(String question) {
        Console console = System.console();
        if (console == null || !Terminals.isTerminal(0, System.getenv())) {
            return Optional.empty();
        }
        return Optional.ofNullable(console.readPassword("%s", question));
    }

    Reporter reporter() throws ClientOptions.BadOption {
        Map<String, String> env = System.getenv();
        boolean tty = Terminals.stderrIsTerminal(env);
        Reporter.Mode mode = client.progressMode(tty);
        return Terminals.reporter(mode, err(), tty, mode == Reporter.Mode.BAR && tty ? Terminals.width(env) : 80);
    }
}
