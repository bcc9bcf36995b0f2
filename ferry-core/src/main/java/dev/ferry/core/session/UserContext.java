package dev.ferry.core.session;

import dev.ferry.core.transfer.Direction;
import dev.ferry.core.transfer.Throttle;
import dev.ferry.core.user.User;
import dev.ferry.core.vfs.UserFileSystem;

/**
 * Everything a front-end works with once a user has logged in, whatever the protocol: the
 * confined file system (permissions and quota enforced there, usage kept up to date) and the
 * user's bandwidth. FTP and SFTP both get theirs from {@link UserContexts}, so a rule set for one
 * protocol holds in every other.
 */
public interface UserContext {

    User user();

    /** The user's home, confined and permission-checked. */
    UserFileSystem files();

    /** Paces this user's transfers in one direction, shared by all of the user's sessions. */
    Throttle throttle(Direction direction);
}
