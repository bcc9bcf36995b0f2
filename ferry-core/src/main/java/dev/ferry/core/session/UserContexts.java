package dev.ferry.core.session;

import dev.ferry.core.transfer.ByteBudget;
import dev.ferry.core.transfer.Direction;
import dev.ferry.core.transfer.Throttle;
import dev.ferry.core.user.User;
import dev.ferry.core.vfs.HomeDirectories;
import dev.ferry.core.vfs.UserFileSystem;
import java.io.IOException;

/** Opens a {@link UserContext} for a user who has just logged in, in any protocol. */
public final class UserContexts {

    private final HomeDirectories homes;

    public UserContexts(HomeDirectories homes) {
        this.homes = homes;
    }

    /**
     * @param who "user@address", for security log lines
     * @throws IOException when the home directory cannot be opened
     */
    public UserContext open(User user, String who) throws IOException {
        UserFileSystem files = homes.open(user, who);
        return new UserContext() {
            @Override
            public User user() {
                return user;
            }

            @Override
            public UserFileSystem files() {
                return files;
            }

            @Override
            public Throttle throttle(Direction direction) {
                return Throttle.NONE;
            }

            @Override
            public ByteBudget uploadBudget() {
                return ByteBudget.UNLIMITED;
            }
        };
    }
}
