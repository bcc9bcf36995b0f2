package dev.ferry.ftp.command;

import static dev.ferry.ftp.command.CommandSpec.Argument.NONE;
import static dev.ferry.ftp.command.CommandSpec.Argument.OPTIONAL;
import static dev.ferry.ftp.command.CommandSpec.Argument.REQUIRED;

import dev.ferry.core.config.Units;
import dev.ferry.core.transfer.Direction;
import dev.ferry.core.transfer.TransferProgress;
import dev.ferry.core.vfs.VfsException;
import dev.ferry.ftp.FtpSession;
import dev.ferry.ftp.listing.MlstFactSelection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** SYST, FEAT, OPTS, HELP, NOOP, STAT. */
final class InfoCommands {

    private InfoCommands() {}

    static void register(CommandTable.Builder t) {
        t.add("SYST", false, NONE, "SYST (system type)", InfoCommands::syst);
        t.add("FEAT", false, NONE, "FEAT (list extensions)", InfoCommands::feat);
        t.add("OPTS", false, REQUIRED, "OPTS <sp> UTF8 ON | MLST fact;fact;...", InfoCommands::opts);
        t.add("HELP", false, OPTIONAL, "HELP [<sp> command]", InfoCommands::help);
        t.addDuringTransfer("NOOP", false, NONE, "NOOP (do nothing)", InfoCommands::noop);
        t.addDuringTransfer("STAT", true, OPTIONAL, "STAT [<sp> path] (status, or a listing on the control connection)",
                InfoCommands::stat);
        t.feature("UTF8");
    }

    static void syst(FtpSession s, String arg) throws IOException {
        s.reply(215, "UNIX Type: L8");
    }

    static void feat(FtpSession s, String arg) throws IOException {
        s.reply(211, "Features:", s.context().commands().features(s), "End");
    }

    static void opts(FtpSession s, String arg) throws IOException {
        String a = arg.trim();
        int sp = a.indexOf(' ');
        String option = (sp < 0 ? a : a.substring(0, sp)).toUpperCase(Locale.ROOT);
        String value = sp < 0 ? "" : a.substring(sp + 1).trim();
        switch (option) {
            case "UTF8", "UTF-8" -> {
                if (value.isEmpty() || value.equalsIgnoreCase("ON")) {
                    s.reply(200, "Always in UTF8 mode.");
                } else {
                    s.reply(504, "UTF8 cannot be switched off: file names are always UTF-8.");
                }
            }
            case "MLST" -> {
                MlstFactSelection selection = MlstFactSelection.parse(value);
                s.setMlstFacts(selection);
                s.reply(200, selection.optsReply());
            }
            case "HASH" -> HashCommands.opts(s, value);
            default -> s.reply(501, "Unknown option '" + FtpSession.printable(option) + "'.");
        }
    }

    static void help(FtpSession s, String arg) throws IOException {
        CommandTable table = s.context().commands();
        if (!arg.isBlank()) {
            var spec = table.find(arg.trim());
            if (spec.isEmpty()) {
                s.reply(501, "Unknown command '" + FtpSession.printable(arg.trim()) + "'.");
            } else {
                s.reply(214, "Syntax: " + spec.get().syntax() + (spec.get().implemented() ? "" : " (not implemented)"));
            }
            return;
        }
        List<String> rows = new ArrayList<>();
        StringBuilder row = new StringBuilder();
        int inRow = 0;
        for (String verb : table.verbs()) {
            row.append(String.format("%-6s", verb));
            if (++inRow == 10) {
                rows.add(row.toString().stripTrailing());
                row.setLength(0);
                inRow = 0;
            }
        }
        if (!row.isEmpty()) {
            rows.add(row.toString().stripTrailing());
        }
        s.reply(214, "The following commands are recognized:", rows, "Help OK.");
    }

    static void noop(FtpSession s, String arg) throws IOException {
        s.reply(200, "NOOP ok.");
    }

    static void stat(FtpSession s, String arg) throws IOException, VfsException, InterruptedException {
        var transfer = s.transfer();
        if (transfer.isPresent()) {
            s.reply(213, "Status of the current transfer:", List.of(describe(transfer.get().progress())), "End of status.");
            return;
        }
        s.awaitTransfer(); // one that is just sending its closing reply: that reply goes first
        if (!arg.isBlank()) {
            TransferCommands.statListing(s, arg);
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add("Connected from " + s.clientAddress().getHostAddress());
        lines.add("Logged in as " + s.user().map(u -> u.name()).orElse("(nobody)"));
        lines.add("TYPE: " + (s.binary() ? "BINARY" : "ASCII") + ", STRUcture: File, MODE: Stream");
        lines.add("Control connection: " + s.tls().describe().map(t -> "protected by " + t).orElse("clear (no TLS)")
                + "; data connections: " + (s.tls().active() && s.tls().protectsData() ? "private (PROT P)" : "clear (PROT C)"));
        lines.add("Session idle timeout: " + s.context().idleTimeout().toSeconds() + " seconds");
        lines.add("No data transfer in progress");
        s.reply(211, "Ferry FTP server status:", lines, "End of status.");
    }

    static String describe(TransferProgress p) {
        StringBuilder b = new StringBuilder();
        b.append(p.direction() == Direction.DOWNLOAD ? "Sending " : "Receiving ").append(p.path()).append(": ");
        b.append(p.bytes()).append(" bytes");
        p.expectedBytes().ifPresent(total -> {
            b.append(" of ").append(total);
            if (total > 0) {
                b.append(String.format(Locale.ROOT, " (%d%%)", p.bytes() * 100 / total));
            }
        });
        b.append(" in ").append(p.elapsed().toSeconds()).append(" s, ").append(Units.formatSize(p.rate())).append("/s");
        if (p.startOffset() > 0) {
            b.append(", restarted at byte ").append(p.startOffset());
        }
        return b.toString();
    }
}
