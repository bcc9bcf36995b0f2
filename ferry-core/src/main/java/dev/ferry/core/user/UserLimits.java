package dev.ferry.core.user;

import dev.ferry.core.net.Cidr;
import java.util.List;

/**
 * Per-user limits. Zero means "no limit" for every number here.
 *
 * @param quotaBytes   most bytes the user may store
 * @param quotaFiles   most files the user may store
 * @param upRate       upload bytes per second, shared by all the user's sessions
 * @param downRate     download bytes per second, shared by all the user's sessions
 * @param maxSessions  most concurrent sessions
 * @param allow        if not empty, only these client addresses may log in
 * @param deny         these client addresses may never log in (wins over allow)
 */
public record UserLimits(long quotaBytes, long quotaFiles, long upRate, long downRate, int maxSessions,
                         List<Cidr> allow, List<Cidr> deny) {

    public static final UserLimits NONE = new UserLimits(0, 0, 0, 0, 0, List.of(), List.of());

    public UserLimits {
        allow = List.copyOf(allow);
        deny = List.copyOf(deny);
    }

    public boolean admits(java.net.InetAddress address) {
        if (Cidr.anyContains(deny, address)) {
            return false;
        }
        return allow.isEmpty() || Cidr.anyContains(allow, address);
    }
}
