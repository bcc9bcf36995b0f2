package dev.ferry.sftp.ssh;

import java.io.IOException;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.helpers.AbstractConnectionService;
import org.apache.sshd.server.channel.ChannelSessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Session channels (exec, SFTP) for a connection that holds fewer than {@code max} channels, as
 * OpenSSH's MaxSessions: beyond, the open is refused and the connection goes on. Each channel
 * holds a window of buffers and a thread; SFTP handles are shared out per connection too.
 * (MINA's own MAX_CONCURRENT_CHANNELS would close the whole connection instead.)
 */
public final class BoundedSessionChannels implements ChannelFactory {

    private static final Logger LOG = LoggerFactory.getLogger(BoundedSessionChannels.class);

    private final int max;

    public BoundedSessionChannels(int max) {
        this.max = max;
    }

    @Override
    public String getName() {
        return ChannelSessionFactory.INSTANCE.getName();
    }

    @Override
    public Channel createChannel(Session session) throws IOException {
        ConnectionService service = session.getService(ConnectionService.class);
        if (service instanceof AbstractConnectionService c && c.getChannels().size() >= max) {
            SshSessionState st = session.getAttribute(SshSessionState.KEY);
            LOG.info("refused a channel to {}: {} already open", st == null ? session.getRemoteAddress() : st.who(), max);
            return null; // answered with SSH_MSG_CHANNEL_OPEN_FAILURE
        }
        return ChannelSessionFactory.INSTANCE.createChannel(session);
    }
}
