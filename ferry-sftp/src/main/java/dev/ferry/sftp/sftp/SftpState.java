package dev.ferry.sftp.sftp;

import dev.ferry.core.session.UserContext;
import dev.ferry.core.transfer.TransferLog;
import dev.ferry.core.transfer.TransferProgress;
import dev.ferry.core.transfer.TransferRecord;
import dev.ferry.core.vfs.UserFileSystem;
import dev.ferry.core.vfs.VfsException;
import dev.ferry.core.vfs.VirtualPath;
import dev.ferry.sftp.SftpContext;
import dev.ferry.sftp.ssh.SshSessionState;
import java.util.Optional;

/** What the request handlers of one SFTP channel share. */
final class SftpState {

    final SftpContext ctx;
    final SshSessionState ssh;
    final UserContext user;
    final Handles handles;
    final Replies replies;
    /** Tells the session that a long request (a check-file hash) is still at work, so its idle timeout waits. */
    final Runnable busy;

    SftpState(SftpContext ctx, SshSessionState ssh, Replies replies, Runnable busy) {
        this.ctx = ctx;
        this.busy = busy;
        this.ssh = ssh;
        this.user = ssh.context();
        this.replies = replies;
        this.handles = new Handles(new HandleBudget(ssh.sftpHandles()));
    }

    UserFileSystem files() {
        return user.files();
    }

    /** A client path: SFTP paths are relative to the home, which is "/" (chroot semantics). */
    static VirtualPath path(String spelled) throws VfsException {
        return VirtualPath.of(spelled);
    }

    /** Shows a file's transfer in the session's status while it moves. */
    void transferring(TransferProgress p) {
        if (ssh.session().transfer().isEmpty()) {
            ssh.session().transferStarted(p);
        }
    }

    /** Closes a file handle and writes its transfer log line. */
    void finish(OpenFile f) throws java.io.IOException {
        try {
            f.close();
        } finally {
            Optional<TransferProgress> p = f.progress();
            if (p.isPresent() && ssh.session().transfer().orElse(null) == p.get()) {
                ssh.session().transferEnded();
            }
            if (f.worthLogging()) {
                TransferLog.record(new TransferRecord(SftpContext.PROTOCOL, user.user().name(), ssh.client(), f.path.toString(),
                        f.direction(), f.bytes(), f.elapsed(), f.result()));
            }
        }
    }
}
