package dev.ferry.ftp.command;

import static dev.ferry.ftp.command.CommandSpec.Argument.REQUIRED;

import dev.ferry.core.vfs.VfsException;
import dev.ferry.core.vfs.VirtualPath;
import dev.ferry.ftp.FtpSession;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SITE (RFC 959 4.1.3: services specific to this server): {@code SITE CHMOD mode path}, which
 * FileZilla's and lftp's "permissions" dialogs send and vsftpd and proftpd answer, and
 * {@code SITE HELP}. A mode is applied as {@code UserFileSystem.setMode} says: its rwx bits, the
 * owner keeping read and write, given the overwrite permission.
 */
final class SiteCommands {

    private static final Pattern CHMOD = Pattern.compile("(?i)CHMOD\\s+([0-7]{1,4})\\s+(.+)");

    private SiteCommands() {}

    static void register(CommandTable.Builder t) {
        t.add("SITE", true, REQUIRED, "SITE <sp> CHMOD mode path | HELP", SiteCommands::site);
    }

    static void site(FtpSession s, String arg) throws IOException, VfsException {
        String a = arg.strip();
        String word = a.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        switch (word) {
            case "CHMOD" -> chmod(s, a);
            case "HELP" -> s.reply(214, "SITE commands here:", List.of("CHMOD <mode> <path>  (e.g. SITE CHMOD 755 run.sh)", "HELP"),
                    "End of SITE help.");
            default -> s.reply(500, "Unknown SITE command '" + FtpSession.printable(word) + "' (SITE HELP lists them).");
        }
    }

    private static void chmod(FtpSession s, String arg) throws IOException, VfsException {
        Matcher m = CHMOD.matcher(arg);
        if (!m.matches()) {
            s.reply(501, "Syntax error: SITE CHMOD <octal mode> <path>, e.g. SITE CHMOD 644 notes.txt.");
            return;
        }
        VirtualPath path = s.resolve(m.group(2));
        s.files().setMode(path, Integer.parseInt(m.group(1), 8));
        s.reply(200, "SITE CHMOD command ok.");
    }
}
