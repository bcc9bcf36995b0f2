package dev.ferry.ftp.command;

import static dev.ferry.ftp.command.CommandSpec.Argument.REQUIRED;

import dev.ferry.core.user.Permission;
import dev.ferry.core.vfs.FileEntry;
import dev.ferry.core.vfs.FileTimes;
import dev.ferry.core.vfs.VfsException;
import dev.ferry.core.vfs.VirtualPath;
import dev.ferry.ftp.FtpSession;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** DELE, RNFR, RNTO, SIZE, MDTM, MFMT. */
final class FileCommands {

    /** RFC 3659 time-val: YYYYMMDDHHMMSS with optional fraction, always UTC. */
    static final DateTimeFormatter TIME_VAL = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    /** MFMT's time, read strictly: 20260230 is no date (the default resolver would make it 02-28). */
    private static final DateTimeFormatter MFMT_TIME =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern MFMT_ARG = Pattern.compile("(\\d{14})(?:\\.(\\d{1,3}))? (.+)", Pattern.DOTALL);

    private FileCommands() {}

    static void register(CommandTable.Builder t) {
        t.add("DELE", true, REQUIRED, "DELE <sp> file-name (delete a file)", FileCommands::dele);
        t.add("RNFR", true, REQUIRED, "RNFR <sp> path (rename from)", FileCommands::rnfr);
        t.add("RNTO", true, REQUIRED, "RNTO <sp> path (rename to)", FileCommands::rnto);
        t.add("SIZE", true, REQUIRED, "SIZE <sp> file-name (size in bytes)", FileCommands::size);
        t.add("MDTM", true, REQUIRED, "MDTM <sp> path (modification time, UTC)", FileCommands::mdtm);
        t.add("MFMT", true, REQUIRED, "MFMT <sp> YYYYMMDDHHMMSS <sp> path (set modification time)", FileCommands::mfmt);
        t.feature("SIZE");
        t.feature("MDTM");
        t.feature("MFMT");
    }

    static void dele(FtpSession s, String arg) throws IOException, VfsException {
        s.files().delete(s.resolve(arg));
        s.reply(250, "File deleted.");
    }

    static void rnfr(FtpSession s, String arg) throws IOException, VfsException {
        VirtualPath from = s.resolve(arg);
        // Refused here already, not only at RNTO, so that a client is told at once (RNTO re-checks).
        if (!s.user().orElseThrow().permissions().allows(Permission.RENAME, from)) {
            throw new VfsException(VfsException.Reason.PERMISSION_DENIED, from.toString(), "Permission denied (rename)");
        }
        try {
            s.files().stat(from);
        } catch (VfsException e) {
            // Without the list permission existence cannot be checked here; RNTO will report.
            if (e.reason() != VfsException.Reason.PERMISSION_DENIED) {
                throw e;
            }
        }
        s.setRenameFrom(from);
        s.reply(350, "Ready for RNTO.");
    }

    static void rnto(FtpSession s, String arg) throws IOException, VfsException {
        Optional<VirtualPath> from = s.takeRenameFrom();
        if (from.isEmpty()) {
            s.reply(503, "RNFR required first.");
            return;
        }
        s.files().rename(from.get(), s.resolve(arg));
        s.reply(250, "Rename successful.");
    }

    static void size(FtpSession s, String arg) throws IOException, VfsException {
        VirtualPath path = s.resolve(arg);
        FileEntry e = s.files().stat(path);
        if (!e.isFile()) {
            s.reply(550, FtpSession.printable(path.toString()) + ": not a regular file.");
        } else if (!s.binary()) {
            // In ASCII mode the size on the wire differs from the size on disk; say so rather than lie.
            s.reply(550, "SIZE not allowed in ASCII mode; use TYPE I.");
        } else {
            s.reply(213, Long.toString(e.size()));
        }
    }

    static void mdtm(FtpSession s, String arg) throws IOException, VfsException {
        FileEntry e = s.files().stat(s.resolve(arg));
        s.reply(213, TIME_VAL.format(e.modified()));
    }

    static void mfmt(FtpSession s, String arg) throws IOException, VfsException {
        Matcher m = MFMT_ARG.matcher(arg);
        if (!m.matches()) {
            s.reply(501, "Syntax error: MFMT YYYYMMDDHHMMSS path.");
            return;
        }
        Instant time;
        try {
            time = LocalDateTime.parse(m.group(1), MFMT_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            s.reply(501, "Invalid time value '" + m.group(1) + "'.");
            return;
        }
        if (m.group(2) != null) {
            time = time.plusMillis(Long.parseLong((m.group(2) + "00").substring(0, 3)));
        }
        if (!FileTimes.isSettable(time)) {
            s.reply(501, "Time value '" + m.group(1) + "' out of range (1970 to 2262).");
            return;
        }
        VirtualPath path = s.resolve(m.group(3));
        s.files().setModified(path, time);
        s.reply(213, "Modify=" + m.group(1) + "; " + FtpSession.printable(m.group(3)));
    }
}
