package dev.ferry.app.client;

import dev.ferry.client.progress.Terminals;
import dev.ferry.client.remote.Connection;
import dev.ferry.client.remote.RemoteEntry;
import dev.ferry.client.remote.RemoteUrl;
import dev.ferry.client.shell.Shell;
import java.nio.file.Path;
import java.util.Optional;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;

/** {@code ferry shell URL}: an interactive session on one server. */
@Command(name = "shell", mixinStandardHelpOptions = true, description = {
        "Interactive session: cd, ls, get, put, mget/mput with globs, mkdir, rmdir, rm, mv, lcd, lls...",
        "History in ~/.ferry_history; Tab completes remote paths."})
public final class ShellCommand extends ClientCommand {

    @picocli.CommandLine.Parameters(paramLabel = "URL", description = "server, and the directory to start in")
    String target;

    @Override
    int run() throws Exception {
        RemoteUrl url = url(target);
        Connection connection = connect(url);
        String start = url.path();
        if (start.equals("/")) {
            start = connection.get().home();
        } else {
            Optional<RemoteEntry> e = connection.get().stat(start);
            if (e.isEmpty() || !e.get().isDirectory()) {
                throw new dev.ferry.client.remote.RemoteException(e.isEmpty() ? dev.ferry.client.remote.RemoteException.Kind.NOT_FOUND
                        : dev.ferry.client.remote.RemoteException.Kind.REFUSED,
                        (e.isEmpty() ? "no such directory on the server: " : "not a directory on the server: ") + start);
            }
        }
        boolean tty = Terminals.isTerminal(1, System.getenv()) && Terminals.isTerminal(0, System.getenv());
        try (Terminal terminal = TerminalBuilder.builder().system(true).dumb(!tty).build()) {
            boolean bars = tty && !client.quiet && (client.progress == null || client.progress.equals("bar"));
            Shell shell = new Shell(terminal, connection, start, client.transferOptions(false, false),
                    Path.of(System.getProperty("user.home"), ".ferry_history"), bars, !Terminals.isTerminal(0, System.getenv()));
            return shell.run();
        }
    }
}
