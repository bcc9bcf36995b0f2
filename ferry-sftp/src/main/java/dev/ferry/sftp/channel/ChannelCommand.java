package dev.ferry.sftp.channel;

import dev.ferry.sftp.SftpServer;
import dev.ferry.sftp.ssh.SshSessionState;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What MINA runs on a session channel for us (an exec request, the SFTP subsystem): the channel's
 * bytes come through our {@link ChannelInbox} and {@link ChannelOutbox} rather than MINA's
 * streams, the work runs on one virtual thread of its own, only for a logged-in session, and its
 * result is the channel's exit status.
 */
public abstract class ChannelCommand implements Command {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelCommand.class);

    protected final ChannelInbox in;
    protected final ChannelOutbox out;
    /** Standard error, as MINA hands it over. */
    protected OutputStream err;
    private final String threadPrefix;
    private ExitCallback exit;
    private volatile Thread worker;

    protected ChannelCommand(ChannelSession channel, String threadPrefix) {
        this.in = new ChannelInbox(channel, (int) SftpServer.MAX_PACKET);
        this.out = new ChannelOutbox(channel);
        this.threadPrefix = threadPrefix;
    }

    @Override
    public final void setInputStream(InputStream ignored) {
        // the channel's bytes come through our ChannelInbox instead
    }

    @Override
    public final void setOutputStream(OutputStream ignored) {
        // standard output goes through our ChannelOutbox
    }

    @Override
    public final void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public final void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }

    @Override
    public final void start(ChannelSession channel, Environment env) throws IOException {
        Optional<SshSessionState> ssh = SshSessionState.loggedIn(channel.getServerSession());
        if (ssh.isEmpty()) {
            throw new IOException("not logged in");
        }
        worker = Thread.ofVirtual().name(threadPrefix + ssh.get().who()).start(() -> exit.onExit(guarded(ssh.get())));
    }

    /** {@link #serve}, and exit status 1 should a defect of ours escape it: the channel still closes. */
    private int guarded(SshSessionState ssh) {
        try {
            return serve(ssh);
        } catch (RuntimeException e) {
            LOG.error("{}channel of {} failed", threadPrefix, ssh.who(), e);
            return 1;
        }
    }

    @Override
    public final void destroy(ChannelSession channel) {
        Thread t = worker;
        if (t != null) {
            t.interrupt();
        }
    }

    /** Does the channel's work on its own thread; returns the exit status. Never throws. */
    protected abstract int serve(SshSessionState ssh);
}
