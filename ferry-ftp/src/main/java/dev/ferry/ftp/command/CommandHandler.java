package dev.ferry.ftp.command;

import dev.ferry.core.vfs.VfsException;
import dev.ferry.ftp.FtpSession;
import java.io.IOException;

/** Handles one command; replies through the session. */
@FunctionalInterface
public interface CommandHandler {
    void handle(FtpSession session, String argument) throws IOException, VfsException, InterruptedException;
}
