package dev.ferry.core.net;

import java.net.InetAddress;
import java.util.List;

/**
 * Which client networks may connect at all: if {@code allow} is not empty only those, and never
 * those in {@code deny} (deny wins). The server-wide counterpart of an account's own lists.
 */
public record AddressRules(List<Cidr> allow, List<Cidr> deny) {

    public static final AddressRules ANY = new AddressRules(List.of(), List.of());

    public AddressRules {
        allow = List.copyOf(allow);
        deny = List.copyOf(deny);
    }

    public boolean admits(InetAddress address) {
        if (Cidr.anyContains(deny, address)) {
            return false;
        }
        return allow.isEmpty() || Cidr.anyContains(allow, address);
    }
}
