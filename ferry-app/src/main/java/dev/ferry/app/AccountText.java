package dev.ferry.app;

import dev.ferry.core.config.Units;
import dev.ferry.core.net.Cidr;
import dev.ferry.core.user.Permission;
import dev.ferry.core.user.User;
import dev.ferry.core.user.UserLimits;
import dev.ferry.core.user.UserStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** How the administration commands print an account. */
final class AccountText {

    private AccountText() {}

    /** The lines of {@code ferry user show}: "key: value", aligned. */
    static List<String> details(User u, String home, Optional<UserStore.Usage> usage, Instant now) {
        List<String[]> rows = new ArrayList<>();
        UserLimits l = u.limits();
        rows.add(row("name", u.name()));
        rows.add(row("home", home + (u.home().isEmpty() ? " (default)" : "")));
        rows.add(row("permissions", Permission.keys(u.permissions().base())));
        u.permissions().overrides().forEach((path, perms) -> rows.add(row("  " + path, Permission.keys(perms))));
        rows.add(row("quota", quota(l)));
        rows.add(row("usage", usage(l, usage)));
        rows.add(row("upload rate", rate(l.upRate())));
        rows.add(row("download rate", rate(l.downRate())));
        rows.add(row("max sessions", l.maxSessions() == 0 ? "no limit" : Integer.toString(l.maxSessions())));
        rows.add(row("allow", l.allow().isEmpty() ? "any address" : cidrs(l.allow())));
        rows.add(row("deny", l.deny().isEmpty() ? "none" : cidrs(l.deny())));
        rows.add(row("expires", u.expires().map(e -> expiry(e) + (u.isExpired(now) ? " (expired)" : "")).orElse("never")));
        rows.add(row("disabled", u.disabled() ? "yes" : "no"));
        rows.add(row("password hash", hashKind(u.passwordHash())));
        int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0) + 1;
        List<String> out = new ArrayList<>();
        for (String[] r : rows) {
            out.add(String.format("%-" + width + "s %s", r[0] + ":", r[1]));
        }
        return out;
    }

    /** Short words for {@code ferry user list}: what stands out about an account. */
    static String flags(User u, Instant now) {
        List<String> f = new ArrayList<>();
        if (u.disabled()) {
            f.add("disabled");
        }
        if (u.isExpired(now)) {
            f.add("expired");
        }
        UserLimits l = u.limits();
        if (l.quotaBytes() > 0 || l.quotaFiles() > 0) {
            f.add("quota " + quota(l));
        }
        if (u.permissions().base().equals(dev.ferry.core.user.Permissions.READ_ONLY.base())) {
            f.add("read-only");
        } else if (u.permissions().base().equals(dev.ferry.core.user.Permissions.WRITE_ONLY.base())) {
            f.add("write-only");
        }
        return String.join(", ", f);
    }

    static String quota(UserLimits l) {
        if (l.quotaBytes() <= 0 && l.quotaFiles() <= 0) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        if (l.quotaBytes() > 0) {
            parts.add(Units.formatSize(l.quotaBytes()));
        }
        if (l.quotaFiles() > 0) {
            parts.add(l.quotaFiles() + " files");
        }
        return String.join(", ", parts);
    }

    private static String usage(UserLimits l, Optional<UserStore.Usage> usage) {
        if (usage.isEmpty()) {
            return l.quotaBytes() <= 0 && l.quotaFiles() <= 0 ? "not tracked (no quota)" : "unknown (measured at the next login)";
        }
        return Units.formatSize(usage.get().bytes()) + " (" + usage.get().bytes() + " bytes) in " + usage.get().files() + " files";
    }

    /** An expiry at midnight UTC came from a date: say which day is the last one. */
    static String expiry(Instant at) {
        java.time.ZonedDateTime z = at.atZone(java.time.ZoneOffset.UTC);
        if (z.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
            return at + " (works through " + z.toLocalDate().minusDays(1) + " UTC)";
        }
        return at.toString();
    }

    static String rate(long bytesPerSecond) {
        return bytesPerSecond <= 0 ? "no limit" : Units.formatSize(bytesPerSecond) + "/s";
    }

    private static String cidrs(List<Cidr> list) {
        return list.stream().map(Cidr::toString).collect(Collectors.joining(", "));
    }

    /** Which scheme a stored hash uses; imported ones are upgraded at the next login. */
    static String hashKind(String hash) {
        if (hash.startsWith("$argon2id$")) {
            return "argon2id";
        }
        String upgrade = " (re-hashed to argon2id at the next login)";
        if (hash.startsWith("$argon2")) {
            return hash.substring(1, hash.indexOf('$', 1)) + upgrade;
        }
        if (hash.startsWith("$2")) {
            return "bcrypt" + upgrade;
        }
        if (hash.startsWith("$6$")) {
            return "sha512-crypt" + upgrade;
        }
        return "unrecognised (this account cannot log in)";
    }

    private static String[] row(String key, String value) {
        return new String[] {key, value};
    }
}
