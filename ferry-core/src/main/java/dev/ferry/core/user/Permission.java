package dev.ferry.core.user;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** One thing a user may do with files. Keys are the spelling used in flags, YAML and JSON. */
public enum Permission {
    LIST("list"),
    DOWNLOAD("download"),
    UPLOAD("upload"),
    OVERWRITE("overwrite"),
    DELETE("delete"),
    RENAME("rename"),
    MKDIR("mkdir"),
    RMDIR("rmdir"),
    SET_TIME("set-time");

    private final String key;

    Permission(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Permission parse(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        for (Permission p : values()) {
            if (p.key.equals(k)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown permission '" + key + "' (known: " + keys(EnumSet.allOf(Permission.class)) + ")");
    }

    /**
     * Parses a comma-separated list of keys, or one of the words {@code all}, {@code none},
     * {@code read-only} and {@code write-only}.
     */
    public static Set<Permission> parseSet(String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "all": return EnumSet.allOf(Permission.class);
            case "none", "": return EnumSet.noneOf(Permission.class);
            case "read-only": return Permissions.READ_ONLY_SET;
            case "write-only": return Permissions.WRITE_ONLY_SET;
            default: break;
        }
        EnumSet<Permission> out = EnumSet.noneOf(Permission.class);
        for (String part : s.split(",")) {
            if (!part.isBlank()) {
                out.add(parse(part));
            }
        }
        return out;
    }

    public static String keys(Set<Permission> set) {
        if (set.isEmpty()) {
            return "none";
        }
        StringBuilder b = new StringBuilder();
        for (Permission p : values()) {
            if (set.contains(p)) {
                b.append(b.isEmpty() ? "" : ",").append(p.key);
            }
        }
        return b.toString();
    }
}
