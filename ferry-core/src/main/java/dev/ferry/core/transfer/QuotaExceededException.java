package dev.ferry.core.transfer;

import java.io.IOException;

/** An upload reached the user's quota; what was written before the limit stays. */
public final class QuotaExceededException extends IOException {
    public QuotaExceededException(String message) {
        super(message);
    }
}
