package dev.ferry.sftp.ssh;

import java.net.InetAddress;
import java.util.Optional;

/**
 * Asked when an SSH connection arrives, before the key exchange: may this address connect at all?
 * The composition root supplies it (login bans, address rules live in core); the SSH front-end
 * only closes the connection when it says no. It has the shape of the core's own gate so that the
 * root can pass that one in as {@code gate::refusal}.
 */
@FunctionalInterface
public interface ConnectionGate {

    /** Why {@code client} may not connect (for the log); empty when it may. */
    Optional<String> refusal(InetAddress client);

    ConnectionGate OPEN = client -> Optional.empty();
}
