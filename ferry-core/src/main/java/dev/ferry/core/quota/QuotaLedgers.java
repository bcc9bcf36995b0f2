package dev.ferry.core.quota;

import dev.ferry.core.user.User;
import dev.ferry.core.user.UserLimits;
import dev.ferry.core.user.UserStore;
import dev.ferry.core.user.UserStoreException;
import dev.ferry.core.vfs.UsageAccount;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quota ledgers of this process, one per user with a quota, shared by all of that user's
 * sessions in every protocol. A ledger lives as long as the process: a few numbers per account.
 */
public final class QuotaLedgers {

    private static final Logger LOG = LoggerFactory.getLogger(QuotaLedgers.class);

    private final UserStore store;
    private final Map<String, QuotaLedger> ledgers = new ConcurrentHashMap<>();

    public QuotaLedgers(UserStore store) {
        this.store = store;
    }

    /**
     * The usage account for a user who has just logged in: untracked without a quota, else the
     * user's ledger, brought up to date (the home is measured when the store does not know it).
     */
    public UsageAccount open(User user, QuotaLedger.Measure measure) {
        UserLimits limits = user.limits();
        if (limits.quotaBytes() <= 0 && limits.quotaFiles() <= 0) {
            return UsageAccount.UNTRACKED;
        }
        QuotaLedger ledger = ledgers.computeIfAbsent(user.name(), n -> new QuotaLedger(n, store));
        ledger.configure(limits.quotaBytes(), limits.quotaFiles(), measure);
        try {
            ledger.refresh();
        } catch (UserStoreException | IOException e) {
            // Not fatal for the login: the next upload tries again, and is refused if it still fails.
            LOG.warn("cannot read the quota usage of {}: {}", user.name(), e.getMessage());
        }
        return ledger;
    }

    /** The ledger of a user, if one is open in this process. */
    public Optional<QuotaLedger> find(String user) {
        return Optional.ofNullable(ledgers.get(user));
    }
}
