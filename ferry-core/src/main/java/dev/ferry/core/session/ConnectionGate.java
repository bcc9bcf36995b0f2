package dev.ferry.core.session;

import java.net.InetAddress;
import java.util.Optional;

/**
 * Decides, before any greeting, whether a client address may open a session at all (server-wide
 * address rules, login bans). Asked by {@link SessionRegistry#open} for every protocol.
 */
@FunctionalInterface
public interface ConnectionGate {

    /** Why {@code client} may not connect, as a reply text; empty when it may. */
    Optional<String> refusal(InetAddress client);

    ConnectionGate OPEN = client -> Optional.empty();

    /** This gate, then {@code next}: the first refusal wins. */
    default ConnectionGate then(ConnectionGate next) {
        return client -> refusal(client).or(() -> next.refusal(client));
    }
}
