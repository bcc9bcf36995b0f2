package dev.ferry.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ferry user ...}: account administration. Works while the server runs: the server reads
 * the store at every login, so a change takes effect at the next one.
 */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage user accounts.",
        subcommands = {UserAddCommand.class, UserSetCommand.class, UserShowCommand.class, UserListCommand.class,
                UserDelCommand.class, UserPasswdCommand.class, UserExportCommand.class, UserImportCommand.class,
                UserTlsCommand.class, UserKeyCommand.class})
final class UserCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
