package dev.ferry.core.vfs;

import dev.ferry.core.user.Permission;
import dev.ferry.core.user.Permissions;

/**
 * The permission check of every {@link UserFileSystem}, local or in a bucket: one place that
 * says what an operation needs at a path, and how a refusal reads. The drop-box rule of stat is
 * here too: without LIST, UPLOAD may learn that a directory is one (OpenSSH's scp and sftp ask
 * before they upload into it) and nothing else, with the same refusal whether a name is there.
 */
public final class Access {

    private final Permissions permissions;

    public Access(Permissions permissions) {
        this.permissions = permissions;
    }

    public boolean allows(Permission permission, VirtualPath path) {
        return permissions.allows(permission, path);
    }

    /** Refuses unless {@code permission} holds at {@code path}. */
    public void require(Permission permission, VirtualPath path) throws VfsException {
        if (!permissions.allows(permission, path)) {
            throw denied(permission, path);
        }
    }

    /**
     * What an upload in {@code mode} needs over a file that {@code exists} with {@code size} bytes
     * (UPLOAD is checked before the file is looked at): OVERWRITE when it replaces stored bytes; a
     * STOU name must be free; a restart offset must lie within the file.
     */
    public void requireUpload(VirtualPath path, WriteMode mode, boolean exists, long size) throws VfsException {
        boolean replacesBytes = switch (mode) {
            case WriteMode.Truncate t -> exists;
            case WriteMode.Replace r -> exists;
            case WriteMode.At at -> at.offset() < size;
            case WriteMode.Append ap -> false;
            case WriteMode.CreateNew c -> false;
            case WriteMode.Update u -> size > 0;
        };
        if (replacesBytes) {
            require(Permission.OVERWRITE, path);
        }
        if (mode instanceof WriteMode.CreateNew && exists) {
            throw new VfsException(VfsException.Reason.ALREADY_EXISTS, path.toString(), "File exists");
        }
        if (mode instanceof WriteMode.At at && (at.offset() < 0 || at.offset() > size)) {
            throw new VfsException(VfsException.Reason.INVALID_OFFSET, path.toString(), "Restart offset beyond end of file");
        }
    }

    /** A stat without LIST: answered only for a directory, and only with UPLOAD there. */
    public boolean statIsDropBox(VirtualPath path) {
        return !permissions.allows(Permission.LIST, path);
    }

    public boolean mayLearnDirectory(VirtualPath path) {
        return permissions.allows(Permission.UPLOAD, path);
    }

    public static VfsException denied(Permission permission, VirtualPath path) {
        return new VfsException(VfsException.Reason.PERMISSION_DENIED, path.toString(), "Permission denied (" + permission.key() + ")");
    }

    public static VfsException notFound(VirtualPath path) {
        return new VfsException(VfsException.Reason.NOT_FOUND, path.toString(), "No such file or directory");
    }
}
