package dev.ferry.sftp.exec;

import dev.ferry.core.transfer.BufferPool;
import dev.ferry.core.transfer.Direction;
import dev.ferry.core.vfs.VfsException;
import dev.ferry.core.vfs.VirtualPath;
import dev.ferry.sftp.ssh.SshSessionState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code sha256sum FILE...} and {@code md5sum FILE...}, read-only, on files in the home, for
 * clients that verify a transfer. Output as coreutils prints it ({@code HEX  NAME}); a file that
 * cannot be read gets coreutils' error line on stderr and exit status 1. Reading needs the
 * DOWNLOAD permission, like any read, and goes at the user's download rate.
 */
final class ChecksumCommand extends ExecCommand {

    private final String tool;
    private final String algorithm;
    private final List<String> files;
    private final org.apache.sshd.server.channel.ChannelSession channel;

    ChecksumCommand(org.apache.sshd.server.channel.ChannelSession channel, String tool, String algorithm, List<String> files) {
        super(channel);
        this.channel = channel;
        this.tool = tool;
        this.algorithm = algorithm;
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
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        ByteBuffer buf = BufferPool.take();
        try (SeekableByteChannel ch = ssh.context().files().openRead(path, 0)) {
            int n;
            while ((n = ch.read(buf.clear())) >= 0) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                md.update(buf.flip());
                // As a download of the same bytes: within the user's rate, and not idle.
                ssh.context().throttle(Direction.DOWNLOAD).acquire(n);
                channel.getSession().resetIdleTimeout();
            }
        } finally {
            BufferPool.give(buf);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
