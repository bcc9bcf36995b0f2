package dev.ferry.ftp.listing;

import java.util.Locale;
import java.util.Optional;

/**
 * The RFC 3659 facts this server can report, in the order they appear in a line. {@code sizd},
 * {@code create}, {@code lang}, {@code media-type} and {@code charset} are not offered: the vfs
 * has no honest value for them, and a fact that is always absent would only mislead FEAT readers.
 */
public enum MlsxFact {
    TYPE("type"),
    SIZE("size"),
    MODIFY("modify"),
    PERM("perm"),
    UNIQUE("unique"),
    /**
     * Not defined by RFC 3659, but in the form it gives OS-specific facts ({@code <os>.<fact>});
     * Unix servers commonly send it, and clients such as Commons Net read permissions from it.
     */
    UNIX_MODE("UNIX.mode");

    private final String wireName;

    MlsxFact(String wireName) {
        this.wireName = wireName;
    }

    /** The name as sent to clients, for example {@code UNIX.mode}. */
    public String wireName() {
        return wireName;
    }

    /** Looks a fact up by name; fact names are case-insensitive (RFC 3659 section 7.1). */
    public static Optional<MlsxFact> byName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (MlsxFact f : values()) {
            if (f.wireName.toLowerCase(Locale.ROOT).equals(n)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
