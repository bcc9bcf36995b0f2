package dev.ferry.app.client;

import dev.ferry.app.ExitCodes;
import dev.ferry.client.progress.Formats;
import dev.ferry.client.remote.Connection;
import dev.ferry.client.remote.RemoteEntry;
import dev.ferry.client.remote.RemoteException;
import dev.ferry.client.remote.RemoteFileSystem;
import dev.ferry.client.remote.RemoteUrl;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry ls URL}: a directory's entries (or one file's), one per line. */
@Command(name = "ls", mixinStandardHelpOptions = true, description = "List a remote directory.")
public final class LsCommand extends ClientCommand {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    @Parameters(paramLabel = "URL", description = "ftp://, ftps:// or sftp://[user@]host[:port]/path")
    String target;

    @Option(names = {"-1", "--names"}, description = "names only, one per line")
    boolean namesOnly;

    @Override
    int run() throws Exception {
        RemoteUrl url = url(target);
        Connection connection = connect(url);
        RemoteFileSystem fs = connection.get();
        Optional<RemoteEntry> self = fs.stat(url.path());
        if (self.isEmpty()) {
            throw new RemoteException(RemoteException.Kind.NOT_FOUND, "no such file or directory on the server: " + url.path());
        }
        List<RemoteEntry> entries = self.get().isDirectory() ? fs.list(url.path()) : List.of(self.get());
        PrintWriter out = out();
        for (RemoteEntry e : entries.stream().sorted(Comparator.comparing(RemoteEntry::name)).toList()) {
            out.println(namesOnly ? Formats.printable(e.name()) : line(e));
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** "d          0  2024-05-01 12:00  name/": type, size, local time, name. */
    static String line(RemoteEntry e) {
        char type = switch (e.type()) {
            case DIRECTORY -> 'd';
            case LINK -> 'l';
            case FILE -> '-';
            case OTHER -> '?';
        };
        String time = e.modified().map(TIME::format).orElse("                ");
        return type + " " + String.format("%12d", Math.max(0, e.size())) + "  " + time + "  "
                + Formats.printable(e.name()) + (e.isDirectory() ? "/" : "");
    }
}
