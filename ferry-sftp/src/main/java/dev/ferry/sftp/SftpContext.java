package dev.ferry.sftp;

import dev.ferry.core.auth.Authenticator;
import dev.ferry.core.session.SessionRegistry;
import dev.ferry.core.session.UserContexts;
import dev.ferry.core.user.UserStore;
import dev.ferry.core.vfs.Storage;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What every SSH session shares: the core services, wired once by the composition root, plus the
 * SSH-specific settings.
 *
 * @param store        the user store, for public keys (through the authenticator) and quota usage (statvfs)
 * @param storage      where users' files are, for statvfs of a user without a quota
 * @param hostKeyDir   where the host keys are kept ({@code <data>/ssh})
 * @param idleTimeout  close a session idle this long
 * @param legacyAlgorithms also offer older algorithms (SHA-1 MACs, CBC, ssh-rsa, group14)
 */
public record SftpContext(Authenticator authenticator, UserContexts userContexts, SessionRegistry sessions,
                          UserStore store, Storage storage, Path hostKeyDir,
                          Duration idleTimeout, boolean legacyAlgorithms) {

    /** The protocol name in session lists, login and transfer log lines. */
    public static final String PROTOCOL = "sftp";
}
