package dev.ferry.app;

import dev.ferry.core.config.Units;
import dev.ferry.core.net.Cidr;
import dev.ferry.core.user.Permission;
import dev.ferry.core.user.Permissions;
import dev.ferry.core.user.User;
import dev.ferry.core.user.UserLimits;
import dev.ferry.core.vfs.VfsException;
import dev.ferry.core.vfs.VirtualPath;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The account settings of {@code ferry user add} and {@code ferry user set}, one flag per thing it
 * sets. A flag that is not given leaves the setting as it was (for add: the default).
 */
final class AccountOptions {

    @Option(names = "--home", paramLabel = "DIR", description = "home directory (default <data>/home/NAME)")
    Path home;

    @Option(names = "--read-only", description = "may list and download only (the base permissions; overrides stay)")
    boolean readOnly;

    @Option(names = "--write-only", description = "a drop box: may upload (and resume), not list or download")
    boolean writeOnly;

    @Option(names = "--perm", paramLabel = "PATH=PERMS",
            description = {"permissions at PATH and below: a comma list of list, download, upload, overwrite, delete, rename, "
                    + "mkdir, rmdir, set-time, or all, none, read-only, write-only; PATH / sets the base;",
                    "PATH=inherit removes an override. Repeatable, e.g. --perm /incoming=upload --perm /pub=read-only"})
    List<String> perms = new ArrayList<>();

    @Option(names = "--quota-bytes", paramLabel = "SIZE", description = "most bytes stored, e.g. 10GiB; 0 = no limit")
    String quotaBytes;

    @Option(names = "--quota-files", paramLabel = "N", description = "most files stored; 0 = no limit")
    Long quotaFiles;

    @Option(names = "--up-rate", paramLabel = "RATE", description = "upload limit shared by all the user's sessions, e.g. 1MiB/s; 0 = none")
    String upRate;

    @Option(names = "--down-rate", paramLabel = "RATE", description = "download limit shared by all the user's sessions; 0 = none")
    String downRate;

    @Option(names = "--max-sessions", paramLabel = "N", description = "most concurrent sessions; 0 = no limit")
    Integer maxSessions;

    @Option(names = "--allow", paramLabel = "CIDR", split = ",",
            description = "may log in only from these networks (replaces the list; 'none' = from anywhere)")
    List<String> allow;

    @Option(names = "--deny", paramLabel = "CIDR", split = ",",
            description = "may never log in from these networks (replaces the list; 'none' = empty)")
    List<String> deny;

    @Option(names = "--expires", paramLabel = "DATE",
            description = "last day the account works (YYYY-MM-DD, UTC), or an instant (2026-06-30T18:00:00Z), or 'never'")
    String expires;

    @Option(names = "--disabled", description = "the account cannot log in")
    boolean disabled;

    /** The account {@code base} with every given flag applied. */
    User apply(User base, boolean allowEnable, boolean enable) throws StoreCommand.UsageError {
        if (readOnly && writeOnly) {
            throw new StoreCommand.UsageError("--read-only and --write-only exclude each other");
        }
        if (disabled && enable) {
            throw new StoreCommand.UsageError("--disabled and --enabled exclude each other");
        }
        if (home != null && home.toString().isBlank()) { // Path.of("") would be the working directory
            throw new StoreCommand.UsageError("--home needs a directory (leave it out for <data>/home/NAME)");
        }
        Optional<String> newHome = home == null ? base.home() : Optional.of(home.toAbsolutePath().normalize().toString());
        if (newHome.isPresent() && !User.isUsableHome(newHome.get())) { // absolute by now: control characters
            throw new StoreCommand.UsageError("--home must not hold control characters");
        }
        Permissions p = base.permissions();
        if (readOnly) {
            p = p.withBase(Permissions.READ_ONLY.base());
        }
        if (writeOnly) {
            p = p.withBase(Permissions.WRITE_ONLY.base());
        }
        for (String spec : perms) {
            if ((readOnly || writeOnly) && spec.trim().startsWith("/=")) { // two answers for the base: say which
                throw new StoreCommand.UsageError("--perm " + spec + " and --" + (readOnly ? "read-only" : "write-only")
                        + " both set the base permissions; give one");
            }
            p = applyPerm(p, spec);
        }
        UserLimits l = base.limits();
        long qb = quotaBytes == null ? l.quotaBytes() : size("--quota-bytes", quotaBytes);
        long qf = quotaFiles == null ? l.quotaFiles() : nonNegative("--quota-files", quotaFiles);
        long up = upRate == null ? l.upRate() : rate("--up-rate", upRate);
        long down = downRate == null ? l.downRate() : rate("--down-rate", downRate);
        int sessions = maxSessions == null ? l.maxSessions() : (int) nonNegative("--max-sessions", maxSessions);
        List<Cidr> allowList = allow == null ? l.allow() : cidrs("--allow", allow);
        List<Cidr> denyList = deny == null ? l.deny() : cidrs("--deny", deny);
        if (allow != null || deny != null) {
            checkReachable(allowList, denyList);
        }
        Optional<Instant> expiry = expires == null ? base.expires() : parseExpiry(expires);
        boolean isDisabled = disabled || (base.disabled() && !(allowEnable && enable));
        return new User(base.name(), base.passwordHash(), newHome, p,
                new UserLimits(qb, qf, up, down, sessions, allowList, denyList), isDisabled, expiry, base.tls());
    }

    private static Permissions applyPerm(Permissions p, String spec) throws StoreCommand.UsageError {
        int eq = spec.indexOf('=');
        if (eq < 1) {
            throw new StoreCommand.UsageError("--perm wants PATH=PERMS (e.g. /incoming=upload), not '" + spec + "'");
        }
        String pathText = spec.substring(0, eq).trim();
        String permsText = spec.substring(eq + 1).trim();
        VirtualPath path;
        try {
            path = VirtualPath.of(pathText);
        } catch (VfsException e) {
            throw new StoreCommand.UsageError("--perm: bad path '" + pathText + "': " + e.getMessage());
        }
        if (permsText.equalsIgnoreCase("inherit")) {
            if (path.isRoot()) {
                throw new StoreCommand.UsageError("--perm /=inherit: the base has nothing to inherit from");
            }
            return p.withoutOverride(path);
        }
        Set<Permission> set;
        try {
            set = Permission.parseSet(permsText);
        } catch (IllegalArgumentException e) {
            throw new StoreCommand.UsageError("--perm " + spec + ": " + e.getMessage());
        }
        return path.isRoot() ? p.withBase(set) : p.withOverride(path, set);
    }

    static long size(String flag, String text) throws StoreCommand.UsageError {
        if (text.trim().equalsIgnoreCase("none")) {
            return 0;
        }
        try {
            return Units.parseSize(text);
        } catch (IllegalArgumentException e) {
            throw new StoreCommand.UsageError(flag + ": " + e.getMessage());
        }
    }

    static long rate(String flag, String text) throws StoreCommand.UsageError {
        if (text.trim().equalsIgnoreCase("none") || text.trim().equalsIgnoreCase("unlimited")) {
            return 0;
        }
        try {
            return Units.parseRate(text);
        } catch (IllegalArgumentException e) {
            throw new StoreCommand.UsageError(flag + ": " + e.getMessage());
        }
    }

    private static long nonNegative(String flag, long n) throws StoreCommand.UsageError {
        if (n < 0) {
            throw new StoreCommand.UsageError(flag + " must not be negative: " + n);
        }
        return n;
    }

    /**
     * The blocks of a list flag. 'none' (alone) is the empty list; an empty entry is refused rather
     * than read as 'none', since for --allow that would mean from anywhere.
     */
    private static List<Cidr> cidrs(String flag, List<String> specs) throws StoreCommand.UsageError {
        if (specs.size() == 1 && specs.get(0).trim().equalsIgnoreCase("none")) {
            return List.of();
        }
        String meaning = flag.equals("--allow") ? "no restriction" : "an empty list";
        if (specs.isEmpty()) {
            throw new StoreCommand.UsageError(flag + " needs CIDR blocks, or 'none' for " + meaning);
        }
        List<Cidr> out = new ArrayList<>();
        for (String s : specs) {
            if (s.isBlank()) {
                throw new StoreCommand.UsageError(flag + ": an empty entry (give 'none' alone for " + meaning + ")");
            }
            if (s.trim().equalsIgnoreCase("none")) {
                throw new StoreCommand.UsageError(flag + ": 'none' stands alone, not beside CIDR blocks");
            }
            try {
                out.add(Cidr.parse(s));
            } catch (IllegalArgumentException e) {
                throw new StoreCommand.UsageError(flag + ": " + e.getMessage());
            }
        }
        return out;
    }

    /**
     * Refuses rules under which part of what they say can never apply: an --allow block wholly
     * inside a --deny block admits nobody, and a --deny of every address of both families leaves
     * no way in (--disabled says that plainly).
     */
    private static void checkReachable(List<Cidr> allow, List<Cidr> deny) throws StoreCommand.UsageError {
        for (Cidr a : allow) {
            for (Cidr d : deny) {
                if (d.covers(a)) {
                    throw new StoreCommand.UsageError("--allow " + a + " lies wholly inside --deny " + d
                            + ": no address of it could log in");
                }
            }
        }
        if (allow.isEmpty() && deny.stream().anyMatch(d -> d.prefixLength() == 0 && d.network().length == 4)
                && deny.stream().anyMatch(d -> d.prefixLength() == 0 && d.network().length == 16)) {
            throw new StoreCommand.UsageError("--deny covers every address: no one could log in (use --disabled for that)");
        }
    }

    /** A note for the operator when the account as written cannot log in because it has expired. */
    static Optional<String> expiredNote(User u, Instant now) {
        if (!u.isExpired(now)) {
            return Optional.empty();
        }
        return Optional.of("note: the account expired at " + AccountText.expiry(u.expires().orElseThrow())
                + " and cannot log in (move it with --expires DATE, or --expires never)");
    }

    /**
     * A date means the account works through that whole day (UTC), so it expires when the next
     * day begins; an instant is taken as it is.
     */
    static Optional<Instant> parseExpiry(String text) throws StoreCommand.UsageError {
        String s = text.trim();
        if (s.equalsIgnoreCase("never") || s.equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        try {
            if (s.length() == 10) {
                return Optional.of(LocalDate.parse(s).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            return Optional.of(Instant.parse(s.toUpperCase(Locale.ROOT)));
        } catch (DateTimeParseException e) {
            throw new StoreCommand.UsageError("--expires: not a date (YYYY-MM-DD), an instant (2026-06-30T18:00:00Z) or 'never': '"
                    + text + "'");
        }
    }
}
