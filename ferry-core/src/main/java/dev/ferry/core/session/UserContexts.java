package dev.ferry.core.session;

import dev.ferry.core.quota.QuotaLedgers;
import dev.ferry.core.transfer.BandwidthLimits;
import dev.ferry.core.transfer.Direction;
import dev.ferry.core.transfer.Throttle;
import dev.ferry.core.user.User;
import dev.ferry.core.vfs.HomeDirectories;
import dev.ferry.core.vfs.LocalFileSystem;
import dev.ferry.core.vfs.UsageAccount;
import dev.ferry.core.vfs.UserFileSystem;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens a {@link UserContext} for a user who has just logged in, in any protocol: the confined
 * file system, which enforces the permissions and the quota and keeps usage up to date; and the
 * throttles, which combine the user's token bucket (shared by all the user's sessions in this
 * process) with the server-wide one.
 */
public final class UserContexts {

    private final HomeDirectories homes;
    private final QuotaLedgers quotas;
    private final BandwidthLimits bandwidth;

    public UserContexts(HomeDirectories homes, QuotaLedgers quotas, BandwidthLimits bandwidth) {
        this.homes = homes;
        this.quotas = quotas;
        this.bandwidth = bandwidth;
    }

    /**
     * @param who "user@address", for security log lines
     * @throws IOException when the home directory cannot be opened
     */
    public UserContext open(User user, String who) throws IOException {
        Path home = homes.ensure(user);
        UsageAccount usage = quotas.open(user, home);
        UserFileSystem files = new LocalFileSystem(home, user.permissions(), who, usage);
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
                return bandwidth.throttle(user, direction);
            }

        };
    }
}
