package dev.ferry.sftp.sftp;

import dev.ferry.core.vfs.FileEntry;
import dev.ferry.core.vfs.VfsException;
import dev.ferry.core.vfs.VirtualPath;
import dev.ferry.core.vfs.WriteMode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Requests that name a path: STAT/LSTAT, SETSTAT, OPENDIR/READDIR, REMOVE, MKDIR, RMDIR,
 * REALPATH, RENAME, READLINK and SYMLINK. Each is one call on the user's file system, which
 * confines, checks the permission and acts.
 *
 * <p>Symlinks: the vfs shows links that stay inside the home as what they point to (as FTP does),
 * so STAT and LSTAT agree and READLINK finds no link; clients cannot create links (a link is a
 * way to name something, and names are what confinement is about).
 */
final class PathRequests {

    private final SftpState st;

    PathRequests(SftpState st) {
        this.st = st;
    }

    void stat(int id, Packet p) throws IOException, VfsException {
        FileEntry e = st.files().stat(SftpState.path(p.utf8()));
        st.replies.begin(Sftp.FXP_ATTRS, id);
        Attrs.write(st.replies, e);
        st.replies.send();
    }

    void setstat(int id, Packet p) throws IOException, VfsException, Refusal {
        VirtualPath path = SftpState.path(p.utf8());
        Attrs.Change change = Attrs.read(p);
        if (change.size().isPresent()) {
            truncate(st, path, change.size().getAsLong());
        }
        if (change.modified().isPresent()) {
            st.files().setModified(path, change.modified().get());
        }
        if (change.mode().isPresent()) {
            st.files().setMode(path, change.mode().getAsInt());
        }
        st.replies.status(id, Sftp.FX_OK, "");
    }

    void opendir(int id, Packet p) throws IOException, VfsException, Refusal {
        VirtualPath path = SftpState.path(p.utf8());
        Stream<FileEntry> entries = st.files().list(path);
        OpenDirectory d = new OpenDirectory(path, entries);
        Optional<String> handle = st.handles.add(d);
        if (handle.isEmpty()) {
            d.close();
            throw new Refusal(Sftp.FX_FAILURE, "Too many open handles");
        }
        st.replies.begin(Sftp.FXP_HANDLE, id).handle(handle.get()).send();
    }

    void readdir(int id, Packet p) throws IOException, Refusal {
        OpenDirectory d = st.handles.get(p.handle(), OpenDirectory.class).orElseThrow(Refusal::badHandle);
        List<FileEntry> batch = new ArrayList<>();
        try {
            while (batch.size() < SftpLimits.DIR_BATCH && d.iterator.hasNext()) {
                batch.add(d.iterator.next());
            }
        } catch (RuntimeException e) {
            throw new Refusal(Sftp.FX_FAILURE, "Cannot read the directory");
        }
        if (batch.isEmpty()) {
            st.replies.status(id, Sftp.FX_EOF, "End of directory");
            return;
        }
        Instant now = Instant.now();
        String owner = st.user.user().name();
        st.replies.begin(Sftp.FXP_NAME, id).u32(batch.size());
        for (FileEntry e : batch) {
            st.replies.string(e.name()).string(LongName.of(e, owner, now));
            Attrs.write(st.replies, e);
        }
        st.replies.send();
    }

    void remove(int id, Packet p) throws IOException, VfsException {
        st.files().delete(SftpState.path(p.utf8()));
        st.replies.status(id, Sftp.FX_OK, "");
    }

    void mkdir(int id, Packet p) throws IOException, VfsException {
        VirtualPath path = SftpState.path(p.utf8());
        Attrs.read(p);
        st.files().mkdir(path);
        st.replies.status(id, Sftp.FX_OK, "");
    }

    void rmdir(int id, Packet p) throws IOException, VfsException {
        st.files().rmdir(SftpState.path(p.utf8()));
        st.replies.status(id, Sftp.FX_OK, "");
    }

    /** The canonical form of a path; like OpenSSH, it need not exist for the answer. */
    void realpath(int id, Packet p) throws IOException, VfsException {
        String spelled = p.utf8();
        name(id, SftpState.path(spelled.isEmpty() ? "." : spelled).toString());
    }

    /**
     * SFTP v3 RENAME does not replace an existing target (OpenSSH's server refuses with
     * FAILURE); posix-rename@openssh.com does, see {@link ExtendedRequests}.
     */
    void rename(int id, Packet p) throws IOException, VfsException {
        VirtualPath from = SftpState.path(p.utf8());
        VirtualPath to = SftpState.path(p.utf8());
        if (!from.equals(to) && exists(to)) {
            throw new VfsException(VfsException.Reason.ALREADY_EXISTS, to.toString(), "File exists");
        }
        st.files().rename(from, to);
        st.replies.status(id, Sftp.FX_OK, "");
    }

    void readlink(int id, Packet p) throws IOException, VfsException, Refusal {
        st.files().stat(SftpState.path(p.utf8()));
        throw new Refusal(Sftp.FX_FAILURE, "Not a symbolic link");
    }

    void symlink(int id, Packet p) throws Refusal {
        throw new Refusal(Sftp.FX_PERMISSION_DENIED, "Creating symbolic links is not allowed");
    }

    void name(int id, String path) throws IOException {
        st.replies.begin(Sftp.FXP_NAME, id).u32(1).string(path).string(path);
        Attrs.none(st.replies);
        st.replies.send();
    }

    private boolean exists(VirtualPath path) throws VfsException {
        try {
            st.files().stat(path);
            return true;
        } catch (VfsException e) {
            // Missing, or not ours to look at (no LIST): let the rename decide.
            return false;
        }
    }

    /** SETSTAT size: cut a file to {@code size} bytes (through the vfs's restart mode, which checks OVERWRITE). */
    static void truncate(SftpState st, VirtualPath path, long size) throws VfsException, Refusal {
        FileEntry e = st.files().stat(path);
        if (size == e.size()) {
            return;
        }
        if (size > e.size()) {
            throw Refusal.unsupported("Growing a file with SETSTAT");
        }
        try {
            // Opening at the offset does the cut.
            st.files().openWrite(path, new WriteMode.At(size)).close();
        } catch (IOException ex) {
            throw new Refusal(Sftp.FX_FAILURE, "Storage error");
        }
    }
}
