package dev.ferry.sftp.sftp;

import dev.ferry.core.user.UserLimits;
import dev.ferry.core.user.UserStore;
import dev.ferry.core.user.UserStoreException;
import dev.ferry.core.vfs.VfsException;
import dev.ferry.core.vfs.VirtualPath;
import java.io.IOException;
import java.util.Optional;

/**
 * The extensions we offer (advertised in the VERSION reply): OpenSSH's posix-rename, statvfs and
 * fstatvfs (answering with the user's quota when there is one), fsync, lsetstat, limits and
 * expand-path; and the filexfer draft's check-file-name and check-file-handle ({@link CheckFile}).
 * Others, hardlink@openssh.com included, are SSH_FX_OP_UNSUPPORTED.
 */
final class ExtendedRequests {

    /** Extension name and version, in the order the VERSION reply lists them. */
    static final String[][] ADVERTISED = {
        {Sftp.EXT_POSIX_RENAME, "1"}, {Sftp.EXT_STATVFS, "2"}, {Sftp.EXT_FSTATVFS, "2"}, {Sftp.EXT_FSYNC, "1"},
        {Sftp.EXT_LSETSTAT, "1"}, {Sftp.EXT_LIMITS, "1"}, {Sftp.EXT_EXPAND_PATH, "1"},
        {CheckFile.FAMILY, "1"}, {CheckFile.BY_NAME, "1"}, {CheckFile.BY_HANDLE, "1"},
    };

    private static final long BLOCK = 4096;
    /** What statvfs shows of storage that cannot say its size: 1 PiB. */
    private static final long UNBOUNDED = 1L << 50;

    private final SftpState st;
    private final FileRequests files;
    private final PathRequests paths;
    private final CheckFile checkFile;

    ExtendedRequests(SftpState st, FileRequests files, PathRequests paths) {
        this.st = st;
        this.files = files;
        this.paths = paths;
        this.checkFile = new CheckFile(st, files);
    }

    void handle(int id, Packet p) throws IOException, VfsException, Refusal, InterruptedException {
        String name = p.utf8();
        switch (name) {
            case Sftp.EXT_POSIX_RENAME -> {
                VirtualPath from = SftpState.path(p.utf8());
                VirtualPath to = SftpState.path(p.utf8());
                st.files().rename(from, to);
                st.replies.status(id, Sftp.FX_OK, "");
            }
            case Sftp.EXT_STATVFS -> {
                VirtualPath path = SftpState.path(p.utf8());
                try {
                    st.files().stat(path); // as statvfs(2): a path that is not there is an error
                } catch (VfsException e) {
                    if (e.reason() != VfsException.Reason.PERMISSION_DENIED) { // may not list: the file system is still there
                        throw e;
                    }
                }
                statvfs(id);
            }
            case Sftp.EXT_FSTATVFS -> {
                files.handlePath(p.handle());
                statvfs(id);
            }
            case Sftp.EXT_FSYNC -> files.fsync(id, p);
            case Sftp.EXT_LSETSTAT -> paths.setstat(id, p);
            case Sftp.EXT_LIMITS -> st.replies.begin(Sftp.FXP_EXTENDED_REPLY, id)
                    .u64(SftpLimits.MAX_PACKET).u64(SftpLimits.MAX_READ).u64(SftpLimits.MAX_WRITE).u64(SftpLimits.MAX_HANDLES)
                    .send();
            case Sftp.EXT_EXPAND_PATH -> paths.name(id, expand(p.utf8()).toString());
            case CheckFile.BY_NAME -> checkFile.byName(id, p);
            case CheckFile.BY_HANDLE, CheckFile.FAMILY -> checkFile.byHandle(id, p);
            default -> throw Refusal.unsupported("Extension '" + printable(name) + "'");
        }
    }

    /** "~" and "~user" (this user) name the home, which is "/" here. */
    private VirtualPath expand(String spelled) throws VfsException, Refusal {
        if (spelled.equals("~") || spelled.startsWith("~/")) {
            return SftpState.path(spelled.substring(1));
        }
        if (spelled.startsWith("~")) {
            int slash = spelled.indexOf('/');
            String who = slash < 0 ? spelled.substring(1) : spelled.substring(1, slash);
            if (!who.equals(st.user.user().name())) {
                throw new Refusal(Sftp.FX_NO_SUCH_FILE, "No such user");
            }
            return SftpState.path(slash < 0 ? "/" : spelled.substring(slash));
        }
        return SftpState.path(spelled);
    }

    /**
     * struct statvfs as OpenSSH sends it. Under a quota the sizes are the quota's: total is the
     * quota, free what is left of it; without one, the home's real file system.
     */
    private void statvfs(int id) throws IOException {
        UserLimits limits = st.user.user().limits();
        long total;
        long free;
        long avail;
        long files = 0;
        long freeFiles = 0;
        Optional<UserStore.Usage> usage = usage();
        if (limits.quotaBytes() > 0) {
            total = limits.quotaBytes();
            free = Math.max(0, total - usage.map(UserStore.Usage::bytes).orElse(0L));
            avail = free;
        } else {
            // The disk says: the home's, or for a bucket the disk its uploads are spooled on.
            total = st.ctx.storage().totalBytes(st.user.user()).orElse(UNBOUNDED);
            avail = st.ctx.storage().freeBytes(st.user.user()).orElse(UNBOUNDED);
            free = avail;
        }
        if (limits.quotaFiles() > 0) {
            files = limits.quotaFiles();
            freeFiles = Math.max(0, files - usage.map(UserStore.Usage::files).orElse(0L));
        }
        st.replies.begin(Sftp.FXP_EXTENDED_REPLY, id)
                .u64(BLOCK).u64(BLOCK)
                .u64(total / BLOCK).u64(free / BLOCK).u64(avail / BLOCK)
                .u64(files).u64(freeFiles).u64(freeFiles)
                .u64(0).u64(0).u64(VirtualPath.MAX_NAME_BYTES)
                .send();
    }

    private Optional<UserStore.Usage> usage() {
        try {
            return st.ctx.store().usage(st.user.user().name());
        } catch (UserStoreException e) {
            return Optional.empty();
        }
    }

    /** At most 64 characters of a client's string, control characters as '?', for a message. */
    static String printable(String s) {
        String t = s.length() > 64 ? s.substring(0, 64) : s;
        return t.replaceAll("\\p{Cntrl}", "?");
    }
}
