package dev.ferry.core.transfer;

/**
 * Paces a transfer: {@link #acquire} returns once {@code bytes} may be sent, parking the calling
 * (virtual) thread meanwhile.
 */
@FunctionalInterface
public interface Throttle {

    void acquire(long bytes) throws InterruptedException;

    /** No limit. */
    Throttle NONE = bytes -> { };

    default boolean isUnlimited() {
        return this == NONE;
    }
}
