package dev.ferry.sftp.exec;

import dev.ferry.core.transfer.HashAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.command.CommandFactory;

/**
 * The exec requests the server runs: {@code scp -t/-f} (classic SCP) and the read-only checksum
 * commands {@code sha256sum} and {@code md5sum}. There is no shell; any other command gets exit
 * status 127 and a one-line explanation.
 */
public final class ExecCommands implements CommandFactory {

    @Override
    public Command createCommand(ChannelSession channel, String command) {
        Optional<List<String>> words = CommandLineWords.split(command);
        if (words.isEmpty() || words.get().isEmpty()) {
            return refused("this server has no shell: only scp, sha256sum and md5sum can be run");
        }
        List<String> w = words.get();
        String tool = w.get(0);
        List<String> args = w.subList(1, w.size());
        if (!args.isEmpty() && args.get(0).equals("--")) {
            args = args.subList(1, args.size());
        }
        switch (tool) {
            case "scp" -> {
                ScpCommand scp = ScpCommand.parse(channel, w);
                return scp != null ? scp : refused("scp: unsupported options (use scp -t or scp -f)");
            }
            case "sha256sum" -> {
                return args.stream().anyMatch(a -> a.startsWith("-")) ? refused("sha256sum: options are not supported")
                        : new ChecksumCommand(channel, "sha256sum", HashAlgorithm.SHA_256, args);
            }
            case "md5sum" -> {
                return args.stream().anyMatch(a -> a.startsWith("-")) ? refused("md5sum: options are not supported")
                        : new ChecksumCommand(channel, "md5sum", HashAlgorithm.MD5, args);
            }
            default -> {
                return refused("this server has no shell: only scp, sha256sum and md5sum can be run");
            }
        }
    }

    private static Command refused(String message) {
        return new Command() {
            private OutputStream err;
            private ExitCallback exit;

            @Override
            public void setInputStream(InputStream in) {
            }

            @Override
            public void setOutputStream(OutputStream out) {
            }

            @Override
            public void setErrorStream(OutputStream err) {
                this.err = err;
            }

            @Override
            public void setExitCallback(ExitCallback callback) {
                this.exit = callback;
            }

            @Override
            public void start(ChannelSession channel, Environment env) throws IOException {
                err.write(("ferry: " + message + "\n").getBytes(StandardCharsets.UTF_8));
                err.flush();
                exit.onExit(127, message);
            }

            @Override
            public void destroy(ChannelSession channel) {
            }
        };
    }
}
