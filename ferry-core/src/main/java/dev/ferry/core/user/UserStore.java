package dev.ferry.core.user;

import java.util.List;
import java.util.Optional;

/**
 * Where accounts live. Every call reads or writes the backing store directly, so a change made by
 * `ferry user ...` in another process takes effect at the next login without a restart. Several
 * Ferry nodes may share one store (PostgreSQL); usage counters are updated atomically in the
 * store, never read-modify-written in memory.
 */
public interface UserStore extends AutoCloseable {

    Optional<User> find(String name) throws UserStoreException;

    /**
     * Only the account's TLS rules (what FTP's USER must know before the password is sent): a
     * lighter read than {@link #find}, taken once more per plain-text login.
     */
    Optional<UserTls> findTls(String name) throws UserStoreException;

    /** All accounts, ordered by name. */
    List<User> list() throws UserStoreException;

    /** Creates an account; fails if the name is taken. */
    void create(User user) throws UserStoreException;

    /**
     * Replaces an existing account's settings; fails if it does not exist. Usage counters are
     * kept, except that usage becomes unknown when the account had no quota before: usage is only
     * tracked under a quota, so a figure from an earlier quota may be stale.
     */
    void update(User user) throws UserStoreException;

    /**
     * Sets a new password hash only if the stored one is still {@code expected} (a compare-and-set,
     * so a hash upgrade at login never undoes a concurrent password change). Returns whether it did.
     */
    boolean replacePasswordHash(String name, String expected, String fresh) throws UserStoreException;

    /** Deletes an account; returns false if there was none. */
    boolean delete(String name) throws UserStoreException;

    /** Stored usage, or empty when it has never been computed. */
    Optional<Usage> usage(String name) throws UserStoreException;

    /** Sets usage to a freshly computed figure. */
    void setUsage(String name, Usage usage) throws UserStoreException;

    /**
     * Sets usage to a freshly computed figure only if it is still unknown, so that a walk of the
     * home never overwrites a figure another node has set meanwhile. Returns whether it did.
     */
    boolean initUsage(String name, Usage usage) throws UserStoreException;

    /** Marks usage unknown, so that it is computed afresh from the disk when next needed. */
    void forgetUsage(String name) throws UserStoreException;

    /** Adds (possibly negative) deltas to known usage, atomically in the store. */
    void addUsage(String name, long bytes, long files) throws UserStoreException;

    // --- SSH public keys (ferry user key ...) ----------------------------------------------

    /** Adds a public key to an account; fails if the account does not exist or already has it. */
    void addKey(String name, AuthorizedKey key) throws UserStoreException;

    /** An account's public keys, oldest first; empty when it has none (or does not exist). */
    List<AuthorizedKey> keys(String name) throws UserStoreException;

    /** Removes the key with this fingerprint from an account; returns false if it had none. */
    boolean deleteKey(String name, String fingerprint) throws UserStoreException;

    @Override
    void close();

    /** Bytes and files a user currently stores. */
    record Usage(long bytes, long files) {}
}
