package dev.ferry.sftp.sftp;

import dev.ferry.core.vfs.VfsException;
import dev.ferry.sftp.SftpContext;
import dev.ferry.sftp.channel.ChannelCommand;
import dev.ferry.sftp.ssh.SshSessionState;
import java.io.EOFException;
import java.io.IOException;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.subsystem.SubsystemFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SFTP server of one SSH channel: SFTP version 3 with OpenSSH's extensions, spoken directly
 * onto the user's {@link dev.ferry.core.vfs.UserFileSystem}. There is no second file system
 * underneath: every path and handle ends in a vfs call, which confines and checks it.
 *
 * <p>One virtual thread per channel reads requests in order and answers each; small replies are
 * gathered into one SSH packet while further requests are queued, a few at most.
 */
public final class SftpSubsystem extends ChannelCommand {

    private static final Logger LOG = LoggerFactory.getLogger(SftpSubsystem.class);
    /** Replies held back at most before a flush, however many requests are queued. */
    private static final int MAX_UNFLUSHED = 8;

    /** The factory MINA asks for "sftp" subsystem channels. */
    public static SubsystemFactory factory(SftpContext ctx) {
        return new SubsystemFactory() {
            @Override
            public String getName() {
                return "sftp";
            }

            @Override
            public Command createSubsystem(ChannelSession channel) {
                return new SftpSubsystem(ctx, channel);
            }
        };
    }

    private final SftpContext ctx;
    private final ChannelSession channel;
    private final byte[] lengthBytes = new byte[4];

    private SftpSubsystem(SftpContext ctx, ChannelSession channel) {
        super(channel, "sftp-");
        this.ctx = ctx;
        this.channel = channel;
    }

    @Override
    protected int serve(SshSessionState ssh) {
        Replies replies = new Replies(out);
        SftpState st = new SftpState(ctx, ssh, replies, () -> channel.getSession().resetIdleTimeout());
        FileRequests files = new FileRequests(st);
        PathRequests paths = new PathRequests(st);
        ExtendedRequests extended = new ExtendedRequests(st, files, paths);
        byte[] buf = new byte[8192];
        int code = 0;
        int unflushed = 0;
        try {
            while (true) {
                int len;
                try {
                    len = readInt();
                } catch (EOFException e) {
                    break;
                }
                if (len < 1 || len > SftpLimits.MAX_PACKET + 1024) {
                    LOG.info("sftp: closing channel of {}: bad packet length {}", ssh.who(), len);
                    code = 1;
                    break;
                }
                if (buf.length < len) {
                    buf = new byte[Math.max(len, Math.min(buf.length * 2, SftpLimits.MAX_PACKET + 1024))];
                }
                readFully(buf, len);
                dispatch(st, files, paths, extended, new Packet(buf, 0, len));
                // Replies wait for each other only while more requests are queued, and never
                // long: a pipelining client gets its acknowledgements before it runs out of
                // requests in flight (64 for OpenSSH's sftp), so uploads never stall on them.
                if (in.available() == 0 || ++unflushed >= MAX_UNFLUSHED) {
                    replies.flush();
                    unflushed = 0;
                }
            }
            replies.flush();
        } catch (InterruptedException | java.io.InterruptedIOException e) {
            code = 1;
        } catch (IOException e) {
            LOG.debug("sftp channel of {} ended: {}", ssh.who(), e.toString());
            code = 1;
        } finally {
            for (AutoCloseable item : st.handles.drain()) {
                try {
                    if (item instanceof OpenFile f) {
                        f.fail("aborted");
                        st.finish(f);
                    } else {
                        item.close();
                    }
                } catch (Exception e) {
                    LOG.debug("closing a handle failed: {}", e.toString());
                }
            }
            files.close();
            try {
                out.close();
            } catch (IOException ignored) {
                // the channel is going away
            }
        }
        return code;
    }

    private void dispatch(SftpState st, FileRequests files, PathRequests paths, ExtendedRequests extended, Packet p)
            throws IOException, InterruptedException {
        int type = p.u8();
        if (type == Sftp.FXP_INIT) {
            version(st);
            return;
        }
        int id;
        try {
            id = p.u32();
        } catch (Packet.Malformed e) {
            return;
        }
        try {
            switch (type) {
                case Sftp.FXP_OPEN -> files.open(id, p);
                case Sftp.FXP_CLOSE -> files.close(id, p);
                case Sftp.FXP_READ -> files.read(id, p);
                case Sftp.FXP_WRITE -> files.write(id, p);
                case Sftp.FXP_FSTAT -> files.fstat(id, p);
                case Sftp.FXP_FSETSTAT -> files.fsetstat(id, p);
                case Sftp.FXP_STAT, Sftp.FXP_LSTAT -> paths.stat(id, p);
                case Sftp.FXP_SETSTAT -> paths.setstat(id, p);
                case Sftp.FXP_OPENDIR -> paths.opendir(id, p);
                case Sftp.FXP_READDIR -> paths.readdir(id, p);
                case Sftp.FXP_REMOVE -> paths.remove(id, p);
                case Sftp.FXP_MKDIR -> paths.mkdir(id, p);
                case Sftp.FXP_RMDIR -> paths.rmdir(id, p);
                case Sftp.FXP_REALPATH -> paths.realpath(id, p);
                case Sftp.FXP_RENAME -> paths.rename(id, p);
                case Sftp.FXP_READLINK -> paths.readlink(id, p);
                case Sftp.FXP_SYMLINK -> paths.symlink(id, p);
                case Sftp.FXP_EXTENDED -> extended.handle(id, p);
                default -> st.replies.status(id, Sftp.FX_OP_UNSUPPORTED, "Unsupported request " + type);
            }
        } catch (VfsException e) {
            st.replies.status(id, Status.code(e), Status.message(e));
        } catch (Refusal e) {
            st.replies.status(id, e.code, e.getMessage());
        } catch (Packet.NotUtf8 e) {
            st.replies.status(id, Sftp.FX_FAILURE, e.getMessage());
        } catch (Packet.Malformed e) {
            st.replies.status(id, Sftp.FX_BAD_MESSAGE, "Malformed request");
        } catch (RuntimeException e) {
            // A defect of ours: logged whole here, a plain failure for this request there, and
            // the channel goes on with its other handles.
            LOG.error("sftp request {} failed for {}", type, st.ssh.who(), e);
            st.replies.status(id, Sftp.FX_FAILURE, "Internal error");
        }
    }

    private void version(SftpState st) throws IOException {
        st.replies.begin(Sftp.FXP_VERSION, 0).u32(Sftp.VERSION);
        for (String[] ext : ExtendedRequests.ADVERTISED) {
            st.replies.string(ext[0]).string(ext[1]);
        }
        st.replies.send();
    }

    private int readInt() throws IOException {
        byte[] b = lengthBytes;
        int got = 0;
        while (got < 4) {
            int n = in.read(b, got, 4 - got);
            if (n < 0) {
                if (got == 0) {
                    throw new EOFException();
                }
                throw new EOFException("truncated packet length");
            }
            got += n;
        }
        return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }

    private void readFully(byte[] buf, int len) throws IOException {
        int got = 0;
        while (got < len) {
            int n = in.read(buf, got, len - got);
            if (n < 0) {
                throw new EOFException("truncated packet");
            }
            got += n;
        }
    }
}
