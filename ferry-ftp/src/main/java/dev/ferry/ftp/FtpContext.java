package dev.ferry.ftp;

import dev.ferry.core.auth.Authenticator;
import dev.ferry.core.session.SessionRegistry;
import dev.ferry.core.transfer.StallWatchdog;
import dev.ferry.core.session.UserContexts;
import dev.ferry.ftp.command.CommandTable;
import dev.ferry.ftp.data.PassivePortPool;
import dev.ferry.ftp.tls.FtpTls;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * What every FTP session shares: the core services, wired once by the composition root, plus the
 * FTP-specific settings.
 *
 * @param passiveAddress the address PASV advertises instead of the control connection's local one
 * @param idleTimeout    close a control connection idle this long
 * @param dataTimeout    wait this long for a data connection, or for a stalled transfer
 * @param tls            FTPS (AUTH TLS, PROT P, policy); empty = plain FTP only
 * @param parkingFrom    from this many open sessions on, plain control connections wait for
 *                       commands in the idle parking, with no thread; 0 = always
 */
public record FtpContext(Authenticator authenticator, UserContexts userContexts, SessionRegistry sessions,
                         PassivePortPool passivePorts, StallWatchdog watchdog, CommandTable commands,
                         Optional<InetAddress> passiveAddress, Duration idleTimeout, Duration dataTimeout,
                         Optional<FtpTls> tls, int parkingFrom) {

    /** Plain FTP, no TLS. */
    public FtpContext(Authenticator authenticator, UserContexts userContexts, SessionRegistry sessions,
                      PassivePortPool passivePorts, StallWatchdog watchdog, CommandTable commands,
                      Optional<InetAddress> passiveAddress, Duration idleTimeout, Duration dataTimeout) {
        this(authenticator, userContexts, sessions, passivePorts, watchdog, commands, passiveAddress, idleTimeout, dataTimeout,
                Optional.empty(), 0);
    }

    /** Longest accepted command line, in bytes: room for a PATH_MAX path after the verb. */
    public static final int MAX_LINE_BYTES = 8192;
}
