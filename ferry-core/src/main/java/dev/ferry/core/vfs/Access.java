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
