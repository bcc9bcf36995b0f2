package dev.ferry.core.vfs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A path as a user sees it: absolute, normalised, rooted at the user's home ("/").
 *
 * <p>This is where every client-supplied path spelling is turned into one canonical form, before
 * anything touches the disk. "..", "." and repeated or trailing separators are folded; ".." at the
 * root stays at the root (chroot semantics, as vsftpd and pyftpdlib do), so no spelling can name a
 * place above the home. On a host whose file names use '/' (every POSIX system) a backslash is an
 * ordinary character of a name, as in vsftpd, proftpd, pure-ftpd and OpenSSH: {@code a\b} is one
 * name, and {@code ..\..\etc} a strange name rather than a way up. Where the host's separator is
 * a backslash it counts as a separator here too, so that no spelling can smuggle a ".." past this
 * class. NUL bytes are refused, as are names longer than the limits below. Symlinks are not this
 * class's business: the storage backend resolves them and re-checks.
 */
public final class VirtualPath implements Comparable<VirtualPath> {

    /** Longest accepted single name, in UTF-8 bytes (Linux NAME_MAX). */
    public static final int MAX_NAME_BYTES = 255;
    /** Longest accepted whole path, in UTF-8 bytes (Linux PATH_MAX). */
    public static final int MAX_PATH_BYTES = 4096;

    public static final VirtualPath ROOT = new VirtualPath(List.of());

    /** The host's file names take a backslash as a separator (Windows): then so do ours. */
    private static final boolean BACKSLASH_SEPARATES = java.io.File.separatorChar == '\\';

    private final List<String> segments;
    private final String text;

    private VirtualPath(List<String> segments) {
        this.segments = List.copyOf(segments);
        this.text = "/" + String.join("/", this.segments);
    }

    /** Parses an absolute path; relative input is taken relative to the root. */
    public static VirtualPath of(String path) throws VfsException {
        return ROOT.resolve(path);
    }

    /**
     * Resolves {@code input} against this path as the current directory. An input starting with a
     * separator is absolute (relative to the home). An empty input names this path.
     */
    public VirtualPath resolve(String input) throws VfsException {
        if (input.indexOf('\0') >= 0) {
            throw new VfsException(VfsException.Reason.INVALID_NAME, input, "File name contains a NUL byte");
        }
        if (input.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            throw new VfsException(VfsException.Reason.NAME_TOO_LONG, abbreviate(input), "File name too long");
        }
        String spelled = BACKSLASH_SEPARATES ? input.replace('\\', '/') : input;
        List<String> out = spelled.startsWith("/") ? new ArrayList<>() : new ArrayList<>(segments);
        for (String part : spelled.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
                continue;
            }
            if (part.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
                throw new VfsException(VfsException.Reason.NAME_TOO_LONG, abbreviate(input), "File name too long");
            }
            out.add(part);
        }
        VirtualPath result = new VirtualPath(out);
        if (result.text.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            throw new VfsException(VfsException.Reason.NAME_TOO_LONG, abbreviate(input), "File name too long");
        }
        return result;
    }

    /** The child with exactly this name; the name must be a single valid path component. */
    public VirtualPath child(String name) throws VfsException {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || (BACKSLASH_SEPARATES && name.indexOf('\\') >= 0) || name.indexOf('\0') >= 0) {
            throw new VfsException(VfsException.Reason.INVALID_NAME, name, "Invalid file name");
        }
        return resolve(name);
    }

    public boolean isRoot() {
        return segments.isEmpty();
    }

    /** The last component, or "/" for the root. */
    public String name() {
        return isRoot() ? "/" : segments.get(segments.size() - 1);
    }

    /** The parent directory; the root is its own parent. */
    public VirtualPath parent() {
        return isRoot() ? this : new VirtualPath(segments.subList(0, segments.size() - 1));
    }

    public List<String> segments() {
        return segments;
    }

    /** True when this path is {@code other} or lies below it. */
    public boolean startsWith(VirtualPath other) {
        return segments.size() >= other.segments.size()
                && segments.subList(0, other.segments.size()).equals(other.segments);
    }

    @Override
    public int compareTo(VirtualPath o) {
        return text.compareTo(o.text);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VirtualPath v && v.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
