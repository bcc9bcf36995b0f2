package dev.ferry.client.ftp;

import java.io.PrintStream;
import java.util.Locale;
import org.apache.commons.net.ProtocolCommandEvent;
import org.apache.commons.net.ProtocolCommandListener;

/**
 * {@code --debug}: the FTP dialog on standard error, commands marked {@code >} and replies
 * {@code <}, with the password masked and nothing else (Commons Net's own listener hides the user
 * name too, which is what one is usually debugging).
 */
final class DebugDialog implements ProtocolCommandListener {

    private final PrintStream out;

    DebugDialog(PrintStream out) {
        this.out = out;
    }

    @Override
    public void protocolCommandSent(ProtocolCommandEvent event) {
        String command = event.getCommand() == null ? "" : event.getCommand().toUpperCase(Locale.ROOT);
        String line = command.equals("PASS") ? "PASS ********" : strip(event.getMessage());
        out.println("> " + line);
        out.flush();
    }

    @Override
    public void protocolReplyReceived(ProtocolCommandEvent event) {
        for (String line : strip(event.getMessage()).split("\n")) {
            out.println("< " + line.replace("\r", ""));
        }
        out.flush();
    }

    private static String strip(String message) {
        String m = message == null ? "" : message;
        return m.endsWith("\r\n") ? m.substring(0, m.length() - 2) : m.endsWith("\n") ? m.substring(0, m.length() - 1) : m;
    }
}
