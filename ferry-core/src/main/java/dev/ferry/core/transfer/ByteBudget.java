package dev.ferry.core.transfer;

/**
 * How many more bytes an upload may write: the user's remaining quota. An upload asks before each
 * write; when the budget runs out the writer stops at that exact byte, so the quota is never
 * exceeded and the bytes within it stay.
 */
public interface ByteBudget {

    /** Reserves up to {@code wanted} bytes and returns how many were granted (0 when exhausted). */
    long reserve(long wanted);

    /** Gives back bytes reserved but not written. */
    void release(long unused);

    ByteBudget UNLIMITED = new ByteBudget() {
        @Override
        public long reserve(long wanted) {
            return wanted;
        }

        @Override
        public void release(long unused) {
        }
    };
}
