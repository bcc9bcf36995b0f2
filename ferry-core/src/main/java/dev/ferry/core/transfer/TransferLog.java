package dev.ferry.core.transfer;

import dev.ferry.core.config.Units;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One log line per transfer (logger {@code ferry.transfer}), in a key=value form tools can parse. */
public final class TransferLog {

    private static final Logger LOG = LoggerFactory.getLogger("ferry.transfer");

    private TransferLog() {}

    public static void record(TransferRecord r) {
        if (!LOG.isInfoEnabled()) {
            return; // the arguments below cost more than the check (String.format among them)
        }
        long ms = Math.max(r.duration().toMillis(), 0);
        long rate = ms == 0 ? r.bytes() * 1000 : r.bytes() * 1000 / ms;
        LOG.info("transfer proto={} user={} client={} dir={} path=\"{}\" bytes={} ms={} rate={}/s result={}",
                r.protocol(), r.user(), r.client().getHostAddress(), r.direction().word(), escape(r.path()),
                r.bytes(), ms, Units.formatSize(rate).replace(" ", ""), r.result());
    }

    static String escape(String path) {
        StringBuilder b = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
