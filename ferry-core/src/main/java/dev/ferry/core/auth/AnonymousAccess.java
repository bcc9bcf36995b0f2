package dev.ferry.core.auth;

import dev.ferry.core.user.Permissions;
import dev.ferry.core.user.User;
import dev.ferry.core.user.UserLimits;
import dev.ferry.core.vfs.VfsException;
import dev.ferry.core.vfs.VirtualPath;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Anonymous FTP, as public mirrors use it: the login names {@code anonymous} and {@code ftp},
 * with any password (by custom an e-mail address), get one directory read-only. Nothing is
 * writable unless an upload directory is configured inside it, and that one is upload-only: no
 * listing, no download, no overwrite, no delete, so it cannot be used to pass files around.
 * Every anonymous session is the one account {@code anonymous}, so the limits of one user
 * (sessions, bandwidth) are shared by them all.
 */
public final class AnonymousAccess {

    public static final String ACCOUNT = "anonymous";
    private static final Set<String> NAMES = Set.of("anonymous", "ftp");

    private final User user;

    /**
     * @param directory the directory served
     * @param uploadDir a directory relative to it that takes uploads, or empty
     */
    public AnonymousAccess(Path directory, Optional<String> uploadDir) {
        Permissions perms = Permissions.READ_ONLY;
        if (uploadDir.isPresent()) {
            try {
                perms = perms.withOverride(VirtualPath.of(uploadDir.get()), Permissions.WRITE_ONLY.base());
            } catch (VfsException e) {
                throw new IllegalArgumentException("bad anonymous upload directory '" + uploadDir.get() + "': " + e.getMessage(), e);
            }
        }
        // No password hash: the Authenticator never verifies one for this account.
        this.user = new User(ACCOUNT, "", Optional.of(directory.toAbsolutePath().normalize().toString()), perms,
                UserLimits.NONE, false, Optional.empty());
    }

    /** Whether a login name means anonymous access. */
    public boolean matches(String loginName) {
        return NAMES.contains(loginName.trim().toLowerCase(Locale.ROOT));
    }

    public User user() {
        return user;
    }
}
