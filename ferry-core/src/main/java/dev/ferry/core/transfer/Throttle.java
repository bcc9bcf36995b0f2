package dev.ferry.core.transfer;

/**
 * Paces a transfer: {@link #acquire} returns once {@code bytes} may be sent, parking the calling
 * (virtual) thread meanwhile.
 */
@FunctionalInterface
public interface Throttle {

    void acquire(long bytes) throws InterruptedException;

    /**
     * Bytes per throttled step of a copy loop: small enough that one step waits only a moment
     * (so the rate is smooth and an abort is noticed quickly), large enough to be efficient.
     */
    default long step() {
        return 32 * 1024;
    }

    /** No limit. */
    Throttle NONE = bytes -> { };

    default boolean isUnlimited() {
        return this == NONE;
    }
}
