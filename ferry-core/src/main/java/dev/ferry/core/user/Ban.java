package dev.ferry.core.user;

import dev.ferry.core.net.Cidr;
import java.time.Instant;

/**
 * A ban on a client network after failed logins.
 *
 * @param network  the banned block: one IPv4 address, or an IPv6 /64 (what one host typically has)
 * @param until    the ban ends at this instant
 * @param offences how many times this network has been banned in a row; each ban is longer
 * @param reason   why, for the administrator
 * @param created  when this row was first written
 */
public record Ban(Cidr network, Instant until, int offences, String reason, Instant created) {

    public boolean isActive(Instant now) {
        return now.isBefore(until);
    }
}
