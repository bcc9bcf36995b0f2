package dev.ferry.ftp.command;

import static dev.ferry.ftp.command.CommandSpec.Argument.NONE;
import static dev.ferry.ftp.command.CommandSpec.Argument.REQUIRED;

import dev.ferry.core.vfs.VfsException;
import dev.ferry.core.vfs.VirtualPath;
import dev.ferry.ftp.FtpSession;
import java.io.IOException;

/** PWD, CWD, CDUP, MKD, RMD and their RFC 775 X-variants. */
final class DirectoryCommands {

    private DirectoryCommands() {}

    static void register(CommandTable.Builder t) {
        t.add("PWD", true, NONE, "PWD (print working directory)", DirectoryCommands::pwd);
        t.add("CWD", true, REQUIRED, "CWD <sp> path (change working directory)", DirectoryCommands::cwd);
        t.add("CDUP", true, NONE, "CDUP (go to the parent directory)", DirectoryCommands::cdup);
        t.add("MKD", true, REQUIRED, "MKD <sp> path (make directory)", DirectoryCommands::mkd);
        t.add("RMD", true, REQUIRED, "RMD <sp> path (remove an empty directory)", DirectoryCommands::rmd);
        t.alias("XPWD", "PWD");
        t.alias("XCWD", "CWD");
        t.alias("XCUP", "CDUP");
        t.alias("XMKD", "MKD");
        t.alias("XRMD", "RMD");
        t.feature("TVFS");
    }

    static void pwd(FtpSession s, String arg) throws IOException {
        s.reply(257, quote(s.cwd()) + " is the current directory.");
    }

    static void cwd(FtpSession s, String arg) throws IOException, VfsException {
        VirtualPath target = s.resolve(arg);
        s.files().checkDirectory(target);
        s.setCwd(target);
        s.reply(250, "Directory changed to " + FtpSession.printable(target.toString()) + ".");
    }

    static void cdup(FtpSession s, String arg) throws IOException, VfsException {
        cwd(s, "..");
    }

    static void mkd(FtpSession s, String arg) throws IOException, VfsException {
        VirtualPath target = s.resolve(arg);
        s.files().mkdir(target);
        s.reply(257, quote(target) + " created.");
    }

    static void rmd(FtpSession s, String arg) throws IOException, VfsException {
        VirtualPath target = s.resolve(arg);
        s.files().rmdir(target);
        s.reply(250, "Directory removed.");
    }

    /**
     * RFC 959 appendix II: the path in double quotes, embedded quotes doubled; control characters
     * shown as '?' like all client text in a reply (a name may hold ESC and the like).
     */
    static String quote(VirtualPath p) {
        return "\"" + FtpSession.printable(p.toString()).replace("\"", "\"\"") + "\"";
    }
}
