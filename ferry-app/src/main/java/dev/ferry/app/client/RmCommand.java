package dev.ferry.app.client;

import dev.ferry.app.ExitCodes;
import dev.ferry.client.remote.RemoteEntry;
import dev.ferry.client.remote.RemoteException;
import dev.ferry.client.remote.RemoteFileSystem;
import dev.ferry.client.remote.RemoteUrl;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry rm URL...}: delete files; with -r, directories and what they hold. */
@Command(name = "rm", mixinStandardHelpOptions = true, description = "Delete remote files (-r: directories too).")
public final class RmCommand extends ClientCommand {

    @Parameters(paramLabel = "URL", arity = "1..*", description = "all on the same server")
    List<String> targets;

    @Option(names = {"-r", "--recursive"}, description = "delete directories and their contents")
    boolean recursive;

    @Override
    int run() throws Exception {
        RemoteUrl first = url(targets.getFirst());
        RemoteFileSystem fs = connect(first).get();
        for (String t : targets) {
            RemoteUrl u = url(t);
            if (!u.origin().equals(first.origin())) {
                throw new ClientOptions.BadOption("all URLs must be on the same server as " + first.origin());
            }
            Optional<RemoteEntry> e = fs.stat(u.path());
            if (e.isEmpty()) {
                throw new RemoteException(RemoteException.Kind.NOT_FOUND, "no such file on the server: " + u.path());
            }
            if (e.get().isDirectory()) {
                if (!recursive) {
                    throw new RemoteException(RemoteException.Kind.REFUSED, u.path() + " is a directory (use rm -r)");
                }
                removeTree(fs, u.path());
            } else {
                fs.delete(u.path());
            }
        }
        return ExitCodes.OK;
    }

    /** Depth first: a directory is removed once it is empty. */
    static void removeTree(RemoteFileSystem fs, String dir) throws IOException {
        for (RemoteEntry e : fs.list(dir)) {
            if (e.isDirectory()) {
                removeTree(fs, e.path());
            } else {
                fs.delete(e.path());
            }
        }
        fs.rmdir(dir);
    }
}
