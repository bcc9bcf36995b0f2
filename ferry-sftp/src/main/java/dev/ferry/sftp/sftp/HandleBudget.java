package dev.ferry.sftp.sftp;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many SFTP handles (each an open file or directory, a descriptor of the server's) may be open
 * at once: {@value SftpLimits#MAX_HANDLES} across all the channels of one SSH connection (so also
 * per channel, the figure limits@openssh.com advertises), and half the process's descriptor limit
 * across every connection. OpenSSH runs an
 * sftp-server process per channel, each under its own descriptor limit; here every session shares
 * one process, and without the last two bounds one login opening a score of channels could take
 * every descriptor the server has (FTP's next EPSV then failing with "Too many open files").
 */
final class HandleBudget {

    private static final AtomicInteger PROCESS = new AtomicInteger();
    static final int PROCESS_MAX = processMax();

    private final AtomicInteger connection;

    /** @param connection the count shared by the channels of one SSH connection */
    HandleBudget(AtomicInteger connection) {
        this.connection = connection;
    }

    /** Takes one handle's place; false when the connection or the process is at its bound. */
    boolean take() {
        if (connection.incrementAndGet() > SftpLimits.MAX_HANDLES) {
            connection.decrementAndGet();
            return false;
        }
        if (PROCESS.incrementAndGet() > PROCESS_MAX) {
            PROCESS.decrementAndGet();
            connection.decrementAndGet();
            return false;
        }
        return true;
    }

    void give(int n) {
        connection.addAndGet(-n);
        PROCESS.addAndGet(-n);
    }

    private static int processMax() {
        long limit = 0;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean u) {
            limit = u.getMaxFileDescriptorCount();
        }
        return (int) Math.min(Integer.MAX_VALUE, Math.max(SftpLimits.MAX_HANDLES, limit / 2));
    }
}
