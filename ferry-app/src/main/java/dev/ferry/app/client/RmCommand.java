package dev.ferry.app.client;

import dev.ferry.app.ExitCodes;
import dev.ferry.client.remote.RemoteEntry;
import dev.ferry.client.remote.RemoteException;
import dev.ferry.client.remote.RemotePaths;
import dev.ferry.client.remote.RemoteFileSystem;
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
        onOneServer(targets, (fs, path) -> {
            Optional<RemoteEntry> e = fs.stat(path);
            if (e.isEmpty()) {
                throw new RemoteException(RemoteException.Kind.NOT_FOUND, "no such file on the server: " + path);
            }
            if (e.get().isDirectory()) {
                if (!recursive) {
                    throw new RemoteException(RemoteException.Kind.REFUSED, path + " is a directory (use rm -r)");
                }
                String normal = RemotePaths.resolve("/", path);
                if (normal.equals("/") || normal.equals(RemotePaths.resolve("/", fs.home()))) {
                    // As GNU rm keeps '/': "rm -r $URL/$DIR" with an empty $DIR must not empty the account.
                    throw new RemoteException(RemoteException.Kind.REFUSED, "refusing to remove " + path
                            + ", the top or the login directory (remove what it holds by name)");
                }
                removeTree(fs, path);
            } else {
                fs.delete(path);
            }
        });
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
