package dev.ferry.ftp.command;

import static dev.ferry.ftp.command.CommandSpec.Argument.OPTIONAL;
import static dev.ferry.ftp.command.CommandSpec.Argument.REQUIRED;

import dev.ferry.core.text.AsciiDecimal;
import dev.ferry.ftp.FtpSession;
import java.io.IOException;
import java.util.Locale;

/** TYPE, MODE, STRU, REST, ALLO. */
final class ParameterCommands {

    private ParameterCommands() {}

    static void register(CommandTable.Builder t) {
        t.add("TYPE", true, REQUIRED, "TYPE <sp> A | I | L 8 (representation type)", ParameterCommands::type);
        t.add("MODE", true, REQUIRED, "MODE <sp> S (transfer mode: stream only)", ParameterCommands::mode);
        t.add("STRU", true, REQUIRED, "STRU <sp> F (file structure only)", ParameterCommands::stru);
        t.add("REST", true, REQUIRED, "REST <sp> offset (restart the next RETR/STOR at this byte)", ParameterCommands::rest);
        t.add("ALLO", true, OPTIONAL, "ALLO <sp> bytes (ignored: no allocation needed)", ParameterCommands::allo);
        t.feature("REST STREAM");
    }

    static void type(FtpSession s, String arg) throws IOException {
        String a = arg.trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        switch (a) {
            case "A", "A N" -> {
                s.setBinary(false);
                s.reply(200, "Switching to ASCII mode.");
            }
            case "I", "L 8", "L8" -> {
                s.setBinary(true);
                s.reply(200, "Switching to Binary mode.");
            }
            case "E", "E N", "A T", "A C", "E T", "E C" -> s.reply(504, "Type " + a + " not supported; use A or I.");
            default -> s.reply(501, "Unrecognised TYPE '" + FtpSession.printable(arg.trim()) + "'.");
        }
    }

    static void mode(FtpSession s, String arg) throws IOException {
        switch (arg.trim().toUpperCase(Locale.ROOT)) {
            case "S" -> s.reply(200, "Mode set to S.");
            case "B", "C" -> s.reply(504, "Only stream mode (S) is supported.");
            default -> s.reply(501, "Unrecognised MODE.");
        }
    }

    static void stru(FtpSession s, String arg) throws IOException {
        switch (arg.trim().toUpperCase(Locale.ROOT)) {
            case "F" -> s.reply(200, "Structure set to F.");
            case "R", "P" -> s.reply(504, "Only file structure (F) is supported.");
            default -> s.reply(501, "Unrecognised STRU.");
        }
    }

    static void rest(FtpSession s, String arg) throws IOException {
        long offset = AsciiDecimal.parse(arg.trim());
        if (offset < 0) {
            s.reply(501, "Invalid REST parameter: a byte offset (0 or more) is required.");
            return;
        }
        s.setRestOffset(offset);
        s.reply(350, "Restarting at " + offset + ". Send STOR or RETR to initiate transfer.");
    }

    static void allo(FtpSession s, String arg) throws IOException {
        s.reply(202, "No storage allocation necessary.");
    }
}
