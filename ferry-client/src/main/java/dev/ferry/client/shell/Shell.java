package dev.ferry.client.shell;

import dev.ferry.client.progress.Formats;
import dev.ferry.client.progress.Reporter;
import dev.ferry.client.progress.TerminalReporter;
import dev.ferry.client.progress.LineReporter;
import dev.ferry.client.remote.Connection;
import dev.ferry.client.remote.RemoteException;
import dev.ferry.client.remote.RemoteFileSystem;
import dev.ferry.client.remote.RemotePaths;
import dev.ferry.client.transfer.TransferOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;

/**
 * {@code ferry shell URL}: the interactive session. Line editing, history (~/.ferry_history) and
 * tab completion of remote paths come from JLine. Each command runs on a virtual thread so that
 * Ctrl-C can interrupt a transfer (the connection is then dropped and made again on the next
 * command) without leaving the shell; Ctrl-C at the prompt clears the line, Ctrl-D or exit leaves.
 */
public final class Shell {

    private final Terminal terminal;
    private final Connection connection;
    private final TransferOptions transferOptions;
    private final Path historyFile;
    private final boolean progressBars;
    private final RemoteCompleter completer = new RemoteCompleter(this);
    private String cwd;
    private Path localDir = Path.of("").toAbsolutePath();
    private boolean done;
    private final boolean script;

    /**
     * @param progressBars live bars (a real terminal), else plain lines
     * @param script       commands come from a pipe or a file, not a person: as with {@code sftp -b},
     *                     the first command that fails ends the run (exit 1), no prompt is printed
     *                     and nothing goes into the history
     */
    public Shell(Terminal terminal, Connection connection, String startDir, TransferOptions transferOptions, Path historyFile,
                 boolean progressBars, boolean script) {
        this.terminal = terminal;
        this.connection = connection;
        this.cwd = startDir;
        this.transferOptions = transferOptions;
        this.historyFile = historyFile;
        this.progressBars = progressBars;
        this.script = script;
    }

    /** Runs until exit or end of input; returns the exit status (0, or 1 when a command of a script failed). */
    public int run() {
        DefaultParser parser = new DefaultParser();
        // No escape character: backslashes are literal (common in names, rare as escapes). With
        // none, JLine quotes a completed name that holds a space or a quote ('with space.txt'),
        // so that a completion is one word and rm of it removes that file and no other.
        parser.setEscapeChars(null);
        LineReaderBuilder builder = LineReaderBuilder.builder().terminal(terminal).appName("ferry").completer(completer)
                .parser(parser).option(LineReader.Option.AUTO_FRESH_LINE, true);
        if (!script) {
            ownerOnly(historyFile);
            builder.variable(LineReader.HISTORY_FILE, historyFile);
        }
        LineReader reader = builder.build();
        PrintWriter out = terminal.writer();
        if (!script) {
            out.println("Connected to " + connection.url().origin() + ". Type help for commands.");
            out.flush();
        }
        int lastFailure = 0;
        while (!done) {
            String line;
            try {
                line = reader.readLine(script ? "" : prompt());
            } catch (UserInterruptException e) {
                continue;
            } catch (EndOfFileException e) {
                break;
            }
            List<String> words = reader.getParsedLine().words().stream().filter(w -> !w.isEmpty()).toList();
            if (words.isEmpty()) {
                continue;
            }
            lastFailure = execute(words, out);
            if (script && lastFailure != 0) {
                break; // a script goes no further than its first failure, as sftp -b
            }
        }
        if (!script) {
            try {
                reader.getHistory().save();
            } catch (IOException ignored) {
                // history is a convenience
            }
            out.println();
        }
        out.flush();
        return lastFailure;
    }

    /** What was typed may name private paths: the history is the owner's only, as ~/.bash_history, from its first byte. */
    private static void ownerOnly(Path history) {
        var mode = java.nio.file.attribute.PosixFilePermissions.fromString("rw-------");
        try {
            if (!java.nio.file.Files.exists(history)) {
                java.nio.file.Files.createFile(history, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(mode));
            } else {
                java.nio.file.Files.setPosixFilePermissions(history, mode);
            }
        } catch (IOException | UnsupportedOperationException ignored) {
            // history is a convenience
        }
    }

    private String prompt() {
        return "ferry:" + Formats.fit(Formats.printable(cwd), 40) + "> ";
    }

    /** Runs one command line on a virtual thread, interruptible by Ctrl-C. */
    private int execute(List<String> words, PrintWriter out) {
        AtomicReference<Integer> status = new AtomicReference<>(0);
        Thread worker = Thread.ofVirtual().name("ferry-shell-command").unstarted(() -> {
            try {
                ShellVerbs.run(this, words, out);
            } catch (RemoteException e) {
                out.println("error: " + e.getMessage());
                status.set(1);
                if (e.kind() == RemoteException.Kind.CONNECTION) {
                    connection.drop();
                    out.println("(the connection was lost; the next command connects again)");
                }
            } catch (ShellVerbs.Usage e) {
                out.println(e.getMessage());
                status.set(1);
            } catch (InterruptedException | java.io.InterruptedIOException e) {
                out.println("interrupted");
                connection.drop();
                status.set(1);
            } catch (IOException e) {
                out.println("error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
                status.set(1);
            } catch (Exception e) {
                out.println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
                status.set(1);
            }
            out.flush();
        });
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, sig -> worker.interrupt());
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            worker.interrupt();
            Thread.currentThread().interrupt();
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
        }
        return status.get();
    }

    // --- state for the verbs -----------------------------------------------------------------

    String cwd() {
        return cwd;
    }

    void setCwd(String dir) {
        cwd = dir;
    }

    Path localDir() {
        return localDir;
    }

    void setLocalDir(Path dir) {
        localDir = dir;
    }

    String remote(String input) {
        return RemotePaths.resolve(cwd, input);
    }

    RemoteFileSystem fs() throws IOException {
        return connection.get();
    }

    Connection connection() {
        return connection;
    }

    TransferOptions transferOptions() {
        return transferOptions;
    }

    Reporter reporter() {
        return progressBars ? new TerminalReporter(terminal.writer(), terminal::getWidth) : new LineReporter(terminal.writer(), false);
    }

    void changed() {
        completer.invalidate();
    }

    void exit() {
        done = true;
    }
}
