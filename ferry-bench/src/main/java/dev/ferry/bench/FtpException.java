package dev.ferry.bench;

import java.io.IOException;

/** The server answered with a reply the scenario did not expect. */
public final class FtpException extends IOException {

    private final Reply reply;

    public FtpException(String command, Reply reply) {
        super(command + " -> " + reply);
        this.reply = reply;
    }

    public Reply reply() {
        return reply;
    }
}
