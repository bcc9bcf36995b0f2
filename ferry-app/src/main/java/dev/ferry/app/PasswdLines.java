package dev.ferry.app;

import dev.ferry.core.user.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Accounts from {@code name:hash[:uid:gid:gecos:home:...]} lines: what htpasswd writes
 * ({@code name:hash}), proftpd's AuthUserFile and pure-ftpd's pureftpd.passwd (passwd(5) layout,
 * home in the sixth field). Only the name, the hash and the home are taken; every other setting
 * gets Ferry's default. Blank lines and {@code #} comments are skipped.
 */
final class PasswdLines {

    private PasswdLines() {}

    static List<User> read(String text) throws StoreCommand.UsageError {
        List<User> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(":", -1);
            if (f.length < 2 || f[0].isEmpty() || f[1].isEmpty()) {
                throw new StoreCommand.UsageError("line " + (i + 1) + ": expected name:hash[:uid:gid:gecos:home:...]");
            }
            Optional<String> home = Optional.empty();
            if (f.length >= 6 && !f[5].isBlank()) {
                // pure-ftpd marks the chroot point with "/./"; the home is the part before it.
                String h = f[5].replaceAll("/\\./?$", "").replaceAll("/\\./.*$", "");
                if (!h.startsWith("/")) {
                    throw new StoreCommand.UsageError("line " + (i + 1) + ": the home directory must be absolute: '" + f[5] + "'");
                }
                home = Optional.of(h);
            }
            User base = User.withDefaults(f[0], f[1]);
            out.add(new User(base.name(), base.passwordHash(), home, base.permissions(), base.limits(), false, Optional.empty()));
        }
        return out;
    }
}
