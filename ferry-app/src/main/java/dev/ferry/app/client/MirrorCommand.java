package dev.ferry.app.client;

import dev.ferry.app.ExitCodes;
import dev.ferry.client.mirror.Mirror;
import dev.ferry.client.progress.Reporter;
import dev.ferry.client.remote.Connection;
import dev.ferry.client.remote.RemoteUrl;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry mirror SRC DST}: one of them a URL, the other a local directory. */
@Command(name = "mirror", mixinStandardHelpOptions = true, description = {
        "Copy a directory tree, in either direction, transferring only files that are new or differ in size or time.",
        "  ferry mirror ftp://host/site ./site     download",
        "  ferry mirror ./site ftp://host/site     upload",
        "Nothing is deleted at the destination, unless --delete."})
public final class MirrorCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "SRC")
    String source;

    @Parameters(index = "1", paramLabel = "DST")
    String destination;

    @Option(names = {"-P", "--parallel"}, paramLabel = "N", defaultValue = "1",
            description = "files in flight at once, each on its own connection (default ${DEFAULT-VALUE})")
    int parallel;

    @Option(names = "--delete", description = "also remove what the destination has and the source has not "
            + "(files, then emptied directories); only after a run in which nothing failed")
    boolean delete;

    @Override
    int run() throws Exception {
        boolean srcRemote = RemoteUrl.looksLikeUrl(source);
        boolean dstRemote = RemoteUrl.looksLikeUrl(destination);
        if (srcRemote == dstRemote) {
            throw new ClientOptions.BadOption("mirror needs one URL and one local directory, e.g. mirror ftp://host/dir ./dir");
        }
        if (parallel < 1 || parallel > 32) {
            throw new ClientOptions.BadOption("-P must be between 1 and 32");
        }
        RemoteUrl url = url(srcRemote ? source : destination);
        Connection main = connect(url);
        Mirror.Summary s;
        try (Reporter reporter = reporter()) {
            var options = client.transferOptions(false, false);
            s = srcRemote
                    ? Mirror.download(main, () -> sibling(main), url.path(), Path.of(destination), parallel, delete, options, reporter)
                    : Mirror.upload(main, () -> sibling(main), Path.of(source), url.path(), parallel, delete, options, reporter);
            reporter.message("mirror: " + s.copied() + " copied, " + s.unchanged() + " unchanged, " + s.directoriesCreated()
                    + " directories created" + (delete ? ", " + s.deleted() + " deleted" : "")
                    + (s.failures().isEmpty() ? "" : ", " + s.failures().size() + " failed"));
        }
        if (!s.failures().isEmpty()) {
            err().println("ferry: mirror: " + s.failures().size() + " file(s) failed; first: " + s.failures().getFirst());
            return ExitCodes.TRANSFER;
        }
        return ExitCodes.OK;
    }
}
