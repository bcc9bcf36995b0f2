package dev.ferry.client.mirror;

import java.time.Instant;
import java.util.Optional;

/** One file of a tree, by its path relative to the tree's root ("sub/file.txt"). */
record MirrorItem(String relative, long size, Optional<Instant> modified) {

    /**
     * Whether {@code dest} must be replaced by this source file: it is missing, its size differs,
     * or both times are known and differ by more than a second (FTP times have whole seconds).
     */
    boolean differsFrom(Optional<MirrorItem> dest) {
        if (dest.isEmpty() || dest.get().size() != size) {
            return true;
        }
        if (modified.isPresent() && dest.get().modified().isPresent()) {
            long a = modified.get().getEpochSecond();
            long b = dest.get().modified().get().getEpochSecond();
            return Math.abs(a - b) > 1;
        }
        return false;
    }
}
