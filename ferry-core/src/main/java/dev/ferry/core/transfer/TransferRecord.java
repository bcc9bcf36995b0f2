package dev.ferry.core.transfer;

import java.net.InetAddress;
import java.time.Duration;

/**
 * What the transfer log says about one finished transfer, as vsftpd's xferlog does.
 *
 * @param result "ok", "aborted", "failed: reason", "quota"
 */
public record TransferRecord(String protocol, String user, InetAddress client, String path, Direction direction,
                             long bytes, Duration duration, String result) {}
