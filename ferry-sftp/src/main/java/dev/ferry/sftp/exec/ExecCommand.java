package dev.ferry.sftp.exec;

import dev.ferry.sftp.channel.ChannelCommand;
import dev.ferry.sftp.ssh.SshSessionState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.sshd.server.channel.ChannelSession;

/** An exec request we serve: its exit status is the command's, 130 if interrupted, 1 on I/O failure. */
abstract class ExecCommand extends ChannelCommand {

    protected ExecCommand(ChannelSession channel) {
        super(channel, "ssh-exec-");
    }

    @Override
    protected final int serve(SshSessionState ssh) {
        int code;
        try {
            code = run(ssh);
        } catch (InterruptedException | java.io.InterruptedIOException e) {
            code = 130;
        } catch (IOException e) {
            code = 1;
        }
        try {
            out.flush();
            err.flush();
        } catch (IOException ignored) {
            // the channel is closing
        }
        return code;
    }

    /** Does the work; returns the exit status. */
    protected abstract int run(SshSessionState ssh) throws IOException, InterruptedException;

    protected void error(String line) throws IOException {
        err.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        err.flush();
    }
}
