package dev.ferry.core.user;

import dev.ferry.core.vfs.VirtualPath;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A user's permissions: a base set, plus per-directory overrides that apply to the directory and
 * everything below it. The deepest override on a path wins; overrides replace the base set rather
 * than adding to it, so "/pub=read-only" means read-only there whatever the base allows.
 */
public record Permissions(Set<Permission> base, Map<VirtualPath, Set<Permission>> overrides) {

    static final Set<Permission> READ_ONLY_SET = Collections.unmodifiableSet(EnumSet.of(Permission.LIST, Permission.DOWNLOAD));
    static final Set<Permission> WRITE_ONLY_SET = Collections.unmodifiableSet(EnumSet.of(Permission.UPLOAD));

    public static final Permissions ALL = new Permissions(EnumSet.allOf(Permission.class), Map.of());
    public static final Permissions READ_ONLY = new Permissions(READ_ONLY_SET, Map.of());
    /** A drop box: upload (and resume), nothing else; no listing, no download. */
    public static final Permissions WRITE_ONLY = new Permissions(WRITE_ONLY_SET, Map.of());

    public Permissions {
        base = Collections.unmodifiableSet(base.isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(base));
        TreeMap<VirtualPath, Set<Permission>> copy = new TreeMap<>();
        overrides.forEach((k, v) -> copy.put(k, Collections.unmodifiableSet(v.isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(v))));
        overrides = Collections.unmodifiableMap(copy);
    }

    /** The permissions that hold at {@code path}. */
    public Set<Permission> at(VirtualPath path) {
        VirtualPath best = null;
        for (VirtualPath dir : overrides.keySet()) {
            if (path.startsWith(dir) && (best == null || dir.segments().size() > best.segments().size())) {
                best = dir;
            }
        }
        return best == null ? base : overrides.get(best);
    }

    public boolean allows(Permission permission, VirtualPath path) {
        return at(path).contains(permission);
    }

    public Permissions withBase(Set<Permission> newBase) {
        return new Permissions(newBase, overrides);
    }

    public Permissions withOverride(VirtualPath dir, Set<Permission> perms) {
        TreeMap<VirtualPath, Set<Permission>> copy = new TreeMap<>(overrides);
        copy.put(dir, perms);
        return new Permissions(base, copy);
    }

    public Permissions withoutOverride(VirtualPath dir) {
        TreeMap<VirtualPath, Set<Permission>> copy = new TreeMap<>(overrides);
        copy.remove(dir);
        return new Permissions(base, copy);
    }
}
