package dev.ferry.client.shell;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;

/** Shell-style name patterns for mget/mput: *, ? and [abc], matched against one name. */
final class Globs {

    private Globs() {}

    static boolean isGlob(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
    }

    static PathMatcher matcher(String namePattern) {
        return FileSystems.getDefault().getPathMatcher("glob:" + namePattern);
    }

    static boolean matches(PathMatcher m, String name) {
        return m.matches(Path.of(name));
    }
}
