package dev.ferry.app.client;

import dev.ferry.app.ExitCodes;
import dev.ferry.client.remote.RemoteEntry;
import dev.ferry.client.remote.RemoteException;
import dev.ferry.client.remote.RemoteFileSystem;
import dev.ferry.client.remote.RemotePaths;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry mkdir URL...}: create directories (-p: parents too, and no error if present). */
@Command(name = "mkdir", mixinStandardHelpOptions = true, description = "Create remote directories.")
public final class MkdirCommand extends ClientCommand {

    @Parameters(paramLabel = "URL", arity = "1..*")
    List<String> targets;

    @Option(names = {"-p", "--parents"}, description = "create missing parents; an existing directory is fine")
    boolean parents;

    @Override
    int run() throws Exception {
        onOneServer(targets, (fs, path) -> {
            if (parents) {
                mkdirs(fs, path);
            } else {
                fs.mkdir(path);
            }
        });
        return ExitCodes.OK;
    }

    static void mkdirs(RemoteFileSystem fs, String path) throws IOException {
        if (path.equals("/")) {
            return;
        }
        Optional<RemoteEntry> e = fs.stat(path);
        if (e.isPresent()) {
            if (!e.get().isDirectory()) {
                throw new RemoteException(RemoteException.Kind.REFUSED, path + " exists and is not a directory");
            }
            return;
        }
        mkdirs(fs, RemotePaths.parent(path));
        fs.mkdir(path);
    }
}
