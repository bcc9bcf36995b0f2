package dev.ferry.app.accounts;

import dev.ferry.core.net.Cidr;
import dev.ferry.core.user.User;
import dev.ferry.core.user.UserLimits;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Adjustments of a test account, for {@code TestServer.addUser(name, password, adjust)}. */
final class Accounts {

    private Accounts() {}

    static UnaryOperator<User> limits(UnaryOperator<UserLimits> change) {
        return u -> new User(u.name(), u.passwordHash(), u.home(), u.permissions(), change.apply(u.limits()), u.disabled(), u.expires());
    }

    static UnaryOperator<User> quota(long bytes, long files) {
        return limits(l -> new UserLimits(bytes, files, l.upRate(), l.downRate(), l.maxSessions(), l.allow(), l.deny()));
    }

    static UnaryOperator<User> rates(long up, long down) {
        return limits(l -> new UserLimits(l.quotaBytes(), l.quotaFiles(), up, down, l.maxSessions(), l.allow(), l.deny()));
    }

    static UnaryOperator<User> addresses(String allow, String deny) {
        return limits(l -> new UserLimits(l.quotaBytes(), l.quotaFiles(), l.upRate(), l.downRate(), l.maxSessions(),
                Cidr.parseList(allow), Cidr.parseList(deny)));
    }

    static UnaryOperator<User> maxSessions(int n) {
        return limits(l -> new UserLimits(l.quotaBytes(), l.quotaFiles(), l.upRate(), l.downRate(), n, l.allow(), l.deny()));
    }

    static UnaryOperator<User> disabled() {
        return u -> new User(u.name(), u.passwordHash(), u.home(), u.permissions(), u.limits(), true, u.expires());
    }

    static UnaryOperator<User> expires(Instant at) {
        return u -> new User(u.name(), u.passwordHash(), u.home(), u.permissions(), u.limits(), u.disabled(), Optional.of(at));
    }

    static UnaryOperator<User> home(java.nio.file.Path dir) {
        return u -> new User(u.name(), u.passwordHash(), Optional.of(dir.toString()), u.permissions(), u.limits(), u.disabled(), u.expires());
    }

    static List<String> none() {
        return List.of();
    }
}
