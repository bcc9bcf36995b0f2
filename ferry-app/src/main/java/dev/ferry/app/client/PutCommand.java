package dev.ferry.app.client;

import dev.ferry.app.ExitCodes;
import dev.ferry.client.progress.ProgressListener;
import dev.ferry.client.progress.Reporter;
import dev.ferry.client.remote.Connection;
import dev.ferry.client.remote.RemoteEntry;
import dev.ferry.client.remote.RemoteException;
import dev.ferry.client.remote.RemotePaths;
import dev.ferry.client.remote.RemoteUrl;
import dev.ferry.client.transfer.TransferResult;
import dev.ferry.client.transfer.Transfers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry put LOCAL URL}: upload one file, resumable and verified. */
@Command(name = "put", mixinStandardHelpOptions = true, description = {"Upload a file.",
        "A URL ending in / (or naming a directory) means a file of the local name in it."})
public final class PutCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "LOCAL")
    Path local;

    @Parameters(index = "1", paramLabel = "URL")
    String target;

    @Option(names = {"-c", "--continue"}, description = "resume a partial file on the server (REST+STOR, or APPE), then verify")
    boolean resume;

    @Option(names = "--verify", description = "verify the whole file against the server's hash even when nothing was resumed")
    boolean verify;

    @Override
    int run() throws Exception {
        RemoteUrl url = url(target);
        if (local.toString().equals("-")) {
            return fromStandardInput(url);
        }
        if (!Files.exists(local)) {
            throw new RemoteException(RemoteException.Kind.NOT_FOUND, "no such local file: " + local);
        }
        if (!Files.isRegularFile(local)) {
            throw new ClientOptions.BadOption(local + " is not a regular file (use mirror to copy a directory)");
        }
        Connection connection = connect(url);
        String remote = url.path();
        String name = local.getFileName().toString();
        if (remote.endsWith("/")) {
            remote = RemotePaths.child(remote, name);
        } else {
            Optional<RemoteEntry> there = connection.get().stat(remote);
            if (there.isPresent() && there.get().isDirectory()) {
                remote = RemotePaths.child(remote, name);
            }
        }
        try (Reporter reporter = reporter()) {
            ProgressListener progress = reporter.transfer("put " + RemotePaths.name(remote));
            try {
                TransferResult r = Transfers.put(connection, local, remote, client.transferOptions(resume, verify), progress);
                progress.finished(r.verification().describe());
                return ExitCodes.OK;
            } catch (Exception e) {
                progress.failed(e.getMessage() == null ? e.toString() : e.getMessage());
                throw e;
            }
        }
    }

    /** {@code put - URL}: standard input to a named file (as curl -T -); no resume, no retry. */
    private int fromStandardInput(RemoteUrl url) throws Exception {
        if (resume) {
            throw new ClientOptions.BadOption("-c cannot resume from standard input");
        }
        if (client.passwordStdin) {
            throw new ClientOptions.BadOption("put - reads the file from standard input; give the password another way (FERRY_PASSWORD, ~/.netrc)");
        }
        if (url.path().endsWith("/") || RemotePaths.name(url.path()).isEmpty()) {
            throw new ClientOptions.BadOption("put - needs the file's name in the URL (standard input has none)");
        }
        Connection connection = connect(url);
        Transfers.putFromStream(connection, System.in, url.path(), client.transferOptions(false, false), ProgressListener.NONE);
        return ExitCodes.OK;
    }
}
