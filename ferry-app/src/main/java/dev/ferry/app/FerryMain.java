package dev.ferry.app;

import dev.ferry.app.client.GetCommand;
import dev.ferry.app.client.LsCommand;
import dev.ferry.app.client.MirrorCommand;
import dev.ferry.app.client.MkdirCommand;
import dev.ferry.app.client.MvCommand;
import dev.ferry.app.client.PutCommand;
import dev.ferry.app.client.RmCommand;
import dev.ferry.app.client.ShellCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ferry} command: serve, administer users, transfer files. */
@Command(name = "ferry",
        mixinStandardHelpOptions = true,
        versionProvider = FerryMain.Version.class,
        description = "Ferry: a file-transfer server (FTP, FTPS, SFTP/SCP) and its client.",
        subcommands = {ServeCommand.class, UserCommand.class, BanCommand.class,
                LsCommand.class, GetCommand.class, PutCommand.class, RmCommand.class, MkdirCommand.class, MvCommand.class,
                MirrorCommand.class, ShellCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class},
        commandListHeading = "%nCommands:%n")
public final class FerryMain implements Runnable {

    public static final String VERSION = "0.1.0";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The whole command tree, ready to execute; tests drive it in-process. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new FerryMain());
        ServeCommand.addSettingOptions(cl.getSubcommands().get("serve").getCommandSpec());
        // Whole numbers in ASCII digits: picocli's own converter would take "١٢٣" as 123.
        CommandLine.ITypeConverter<Integer> ascii = FerryMain::asciiInteger;
        cl.registerConverter(Integer.class, ascii);
        cl.registerConverter(Integer.TYPE, ascii);
        // The client verbs' exit codes, where a script writer looks first (the README has them too).
        for (String verb : java.util.List.of("ls", "get", "put", "rm", "mkdir", "mv", "mirror", "shell")) {
            CommandLine sub = cl.getSubcommands().get(verb);
            if (sub != null) {
                sub.getCommandSpec().usageMessage().footer("", "Exit codes: 0 ok, 1 local failure, 2 bad usage, 3 not found, "
                        + "4 login refused, 5 transfer failed or did not verify, 6 server unreachable, untrusted or lost, "
                        + "7 refused by the server, 130 interrupted.");
            }
        }
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
            line.getErr().println("ferry: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return ExitCodes.SOFTWARE;
        });
        return cl;
    }

    private static Integer asciiInteger(String text) {
        return dev.ferry.core.text.AsciiDecimal.parseInt(text)
                .orElseThrow(() -> new CommandLine.TypeConversionException("'" + text + "' is not a whole number"));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ferry " + VERSION + " (Java " + Runtime.version() + ")"};
        }
    }
}
