package dev.ferry.ftp.listing;

import dev.ferry.core.vfs.FileEntry;
import java.util.Optional;

/** NLST output: one bare name per line, the form scripts and {@code mget} consume. */
public final class NameListFormat {

    private NameListFormat() {}

    /** The entry's name, or empty when {@link ListingNames#isListable} rejects it. */
    public static Optional<String> line(FileEntry entry) {
        return ListingNames.isListable(entry.name()) ? Optional.of(entry.name()) : Optional.empty();
    }

    /** Appends the entry's name to {@code b}; false, with nothing appended, when it cannot be listed. */
    public static boolean append(StringBuilder b, FileEntry entry) {
        return append(b, entry, "");
    }

    /** As {@link #append(StringBuilder, FileEntry)}, the name after {@code prefix} (a pattern's directory as spelled). */
    public static boolean append(StringBuilder b, FileEntry entry, String prefix) {
        if (!ListingNames.isListable(entry.name())) {
            return false;
        }
        b.append(prefix).append(entry.name());
        return true;
    }
}
