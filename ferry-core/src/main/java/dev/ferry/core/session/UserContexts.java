package dev.ferry.core.session;

import dev.ferry.core.quota.QuotaLedgers;
import dev.ferry.core.transfer.BandwidthLimits;
import dev.ferry.core.transfer.Direction;
import dev.ferry.core.transfer.Throttle;
import dev.ferry.core.user.User;
import dev.ferry.core.vfs.Storage;
import dev.ferry.core.vfs.UsageAccount;
import dev.ferry.core.vfs.UserFileSystem;
import java.io.IOException;

/**
 * Opens a {@link UserContext} for a user who has just logged in, in any protocol: the confined
 * file system, which enforces the permissions and the quota and keeps usage up to date; and the
 * throttles, which combine the user's token bucket (shared by all the user's sessions in this
 * process) with the server-wide one.
 */
public final class UserContexts {

    private final Storage storage;
    private final QuotaLedgers quotas;
    private final BandwidthLimits bandwidth;

    public UserContexts(Storage storage, QuotaLedgers quotas, BandwidthLimits bandwidth) {
        this.storage = storage;
        this.quotas = quotas;
        this.bandwidth = bandwidth;
    }

    /**
     * @param who "user@address", for security log lines
     * @throws IOException when the home cannot be opened
     */
    public UserContext open(User user, String who) throws IOException {
        UsageAccount usage = quotas.open(user, () -> storage.measure(user));
        UserFileSystem files = storage.open(user, who, usage);
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
