package dev.ferry.app.client;

import dev.ferry.app.ExitCodes;
import dev.ferry.client.progress.ProgressListener;
import dev.ferry.client.progress.Reporter;
import dev.ferry.client.remote.Connection;
import dev.ferry.client.remote.RemotePaths;
import dev.ferry.client.remote.RemoteUrl;
import dev.ferry.client.transfer.TransferResult;
import dev.ferry.client.transfer.Transfers;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry get URL [LOCAL]}: download one file, resumable and verified. */
@Command(name = "get", mixinStandardHelpOptions = true, description = {"Download a file.",
        "LOCAL defaults to the file's name in the current directory; a directory means a file of that name in it; - is standard output."})
public final class GetCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "URL")
    String source;

    @Parameters(index = "1", paramLabel = "LOCAL", arity = "0..1")
    String local;

    @Option(names = {"-c", "--continue"}, description = "resume a partial local file, then verify the whole file")
    boolean resume;

    @Option(names = "--verify", description = "verify the whole file against the server's hash even when nothing was resumed")
    boolean verify;

    @Override
    int run() throws Exception {
        RemoteUrl url = url(source);
        String name = RemotePaths.name(url.path());
        if (name.isEmpty() || url.path().endsWith("/")) {
            throw new ClientOptions.BadOption("the URL names a directory, not a file (use mirror to copy a directory)");
        }
        Connection connection = connect(url);
        if ("-".equals(local)) {
            if (resume) {
                throw new ClientOptions.BadOption("-c cannot resume into standard output");
            }
            Transfers.getToStream(connection, url.path(), System.out, client.transferOptions(false, false), ProgressListener.NONE);
            return ExitCodes.OK;
        }
        Path target = local == null ? Path.of(name) : Path.of(local);
        if (Files.isDirectory(target)) {
            target = target.resolve(name);
        } else if (local != null && (local.endsWith("/") || local.endsWith(java.io.File.separator))) {
            // A trailing slash says "into this directory" (as cp and curl read it), not "a file of this name".
            throw new dev.ferry.client.remote.RemoteException(dev.ferry.client.remote.RemoteException.Kind.NOT_FOUND,
                    "no such local directory: " + local);
        }
        try (Reporter reporter = reporter()) {
            ProgressListener progress = reporter.transfer("get " + name);
            try {
                TransferResult r = Transfers.get(connection, url.path(), target, client.transferOptions(resume, verify), progress);
                progress.finished(r.verification().describe());
                return ExitCodes.OK;
            } catch (Exception e) {
                progress.failed(e.getMessage() == null ? e.toString() : e.getMessage());
                throw e;
            }
        }
    }
}
