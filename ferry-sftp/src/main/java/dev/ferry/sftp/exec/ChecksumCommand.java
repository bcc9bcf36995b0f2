package dev.ferry.sftp.exec;

import dev.ferry.core.transfer.Direction;
import dev.ferry.core.transfer.HashAlgorithm;
import dev.ferry.core.transfer.PacedChannel;
import dev.ferry.core.vfs.VfsException;
import dev.ferry.core.vfs.VirtualPath;
import dev.ferry.sftp.ssh.SshSessionState;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code sha256sum FILE...} and {@code md5sum FILE...}, read-only, on files in the home, for
 * clients that verify a transfer. Output as coreutils prints it ({@code HEX  NAME}); a file that
 * cannot be read gets coreutils' error line on stderr and exit status 1. Reading needs the
 * DOWNLOAD permission, like any read, and goes at the user's download rate.
 */
final class ChecksumCommand extends ExecCommand {

    private final String tool;
    private final HashAlgorithm hash;
    private final List<String> files;
    private final org.apache.sshd.server.channel.ChannelSession channel;

    ChecksumCommand(org.apache.sshd.server.channel.ChannelSession channel, String tool, HashAlgorithm hash, List<String> files) {
        super(channel);
        this.channel = channel;
        this.tool = tool;
        this.hash = hash;
        this.files = files;
    }

    @Override
    protected int run(SshSessionState ssh) throws IOException, InterruptedException {
        int status = 0;
        if (files.isEmpty()) {
            error(tool + ": reading standard input is not supported; name a file");
            return 1;
        }
        for (String name : files) {
            try {
                String hex = digest(ssh, VirtualPath.of(name));
                out.write((hex + "  " + name + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (VfsException e) {
                error(tool + ": " + name + ": " + switch (e.reason()) {
                    case NOT_FOUND -> "No such file or directory";
                    case IS_A_DIRECTORY -> "Is a directory";
                    case PERMISSION_DENIED -> "Permission denied";
                    default -> e.getMessage();
                });
                status = 1;
            }
        }
        return status;
    }

    private String digest(SshSessionState ssh, VirtualPath path) throws VfsException, IOException, InterruptedException {
        try (SeekableByteChannel ch = ssh.context().files().openRead(path, 0)) {
            // As a download of the same bytes: within the user's rate, and not idle.
            return hash.hash(new PacedChannel(ch, ssh.context().throttle(Direction.DOWNLOAD),
                    () -> channel.getSession().resetIdleTimeout()), Long.MAX_VALUE);
        } catch (InterruptedIOException e) {
            throw new InterruptedException(); // the channel is closing
        }
    }
}
