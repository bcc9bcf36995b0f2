package dev.ferry.sftp.exec;

import dev.ferry.sftp.SftpServer;
import dev.ferry.sftp.channel.ChannelInbox;
import dev.ferry.sftp.channel.ChannelOutbox;
import dev.ferry.sftp.ssh.SshSessionState;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/** An exec request we serve: runs on its own virtual thread with the channel's streams. */
abstract class ExecCommand implements Command {

    protected final InputStream in;
    protected final OutputStream out;
    protected OutputStream err;
    private ExitCallback exit;
    private volatile Thread worker;

    protected ExecCommand(ChannelSession channel) {
        this.in = new ChannelInbox(channel, (int) SftpServer.MAX_PACKET);
        this.out = new ChannelOutbox(channel);
    }

    @Override
    public void setInputStream(InputStream in) {
        // the channel's bytes come through our ChannelInbox instead
    }

    @Override
    public void setOutputStream(OutputStream out) {
        // standard output goes through our ChannelOutbox
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
        Optional<SshSessionState> ssh = SshSessionState.loggedIn(channel.getServerSession());
        if (ssh.isEmpty()) {
            throw new IOException("not logged in");
        }
        worker = Thread.ofVirtual().name("ssh-exec-" + ssh.get().who()).start(() -> {
            int code;
            try {
                code = run(ssh.get());
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
            exit.onExit(code);
        });
    }

    @Override
    public void destroy(ChannelSession channel) {
        Thread t = worker;
        if (t != null) {
            t.interrupt();
        }
    }

    /** Does the work; returns the exit status. */
    protected abstract int run(SshSessionState ssh) throws IOException, InterruptedException;

    protected void error(String line) throws IOException {
        err.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        err.flush();
    }
}
