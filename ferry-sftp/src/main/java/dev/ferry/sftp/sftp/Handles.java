package dev.ferry.sftp.sftp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The handles of one SFTP channel: short opaque tokens naming open files and directories. Tokens
 * are never reused within a channel, so a stale handle cannot reach a newer file.
 */
final class Handles {

    private final Map<String, AutoCloseable> open = new HashMap<>();
    private final HandleBudget budget;
    private long next = 1;

    Handles(HandleBudget budget) {
        this.budget = budget;
    }

    /** Registers {@code item}; empty when its connection or the server holds the most handles allowed. */
    Optional<String> add(AutoCloseable item) {
        if (!budget.take()) {
            return Optional.empty();
        }
        String token = Long.toHexString(next++);
        open.put(token, item);
        return Optional.of(token);
    }

    <T> Optional<T> get(String token, Class<T> type) {
        AutoCloseable item = open.get(token);
        return type.isInstance(item) ? Optional.of(type.cast(item)) : Optional.empty();
    }

    Optional<AutoCloseable> remove(String token) {
        AutoCloseable item = open.remove(token);
        if (item != null) {
            budget.give(1);
        }
        return Optional.ofNullable(item);
    }

    /** Everything still open, removed from the table (the channel is closing). */
    List<AutoCloseable> drain() {
        List<AutoCloseable> all = new ArrayList<>(open.values());
        open.clear();
        budget.give(all.size());
        return all;
    }
}
