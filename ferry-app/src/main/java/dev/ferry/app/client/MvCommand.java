package dev.ferry.app.client;

import dev.ferry.app.ExitCodes;
import dev.ferry.client.remote.RemotePaths;
import dev.ferry.client.remote.RemoteUrl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ferry mv URL TO}: rename on the server; TO is a path (relative to URL's directory) or a URL on the same server. */
@Command(name = "mv", mixinStandardHelpOptions = true, description = {"Rename or move a remote file or directory.",
        "TO is an absolute path, a path relative to the URL's directory, or a URL on the same server; an existing directory means into it; an existing file is not replaced."})
public final class MvCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "URL")
    String source;

    @Parameters(index = "1", paramLabel = "TO")
    String destination;

    @Override
    int run() throws Exception {
        RemoteUrl from = url(source);
        String to;
        if (RemoteUrl.looksLikeUrl(destination)) {
            RemoteUrl t = url(destination);
            if (!t.origin().equals(from.origin())) {
                throw new ClientOptions.BadOption("mv works within one server; " + t.origin() + " is not " + from.origin());
            }
            to = t.path();
        } else {
            to = RemotePaths.resolve(RemotePaths.parent(from.path()), destination);
        }
        connect(from).get().move(from.path(), to);
        return ExitCodes.OK;
    }
}
