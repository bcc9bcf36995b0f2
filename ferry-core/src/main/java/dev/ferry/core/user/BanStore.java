package dev.ferry.core.user;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where bans are kept: the user store's database, so they survive restarts and are shared by
 * every node using the same store. A row outlives its ban for a while, so that a repeat
 * offender's next ban is longer.
 */
public interface BanStore {

    Optional<Ban> findBan(dev.ferry.core.net.Cidr network) throws UserStoreException;

    /** Every row, active or not, ordered by network. */
    List<Ban> listBans() throws UserStoreException;

    /** Bans in force at {@code now}. */
    List<Ban> activeBans(Instant now) throws UserStoreException;

    /** Creates or replaces the row of {@code ban.network()}. */
    void putBan(Ban ban) throws UserStoreException;

    /** Deletes the row of a network; returns whether there was one. */
    boolean deleteBan(dev.ferry.core.net.Cidr network) throws UserStoreException;

    /** Forgets rows whose ban ended before {@code endedBefore}; returns how many. */
    int pruneBans(Instant endedBefore) throws UserStoreException;
}
