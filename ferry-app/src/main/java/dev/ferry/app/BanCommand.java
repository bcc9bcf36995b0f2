package dev.ferry.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ferry ban ...}: the networks banned after failed logins. */
@Command(name = "ban", mixinStandardHelpOptions = true,
        description = {"Show or lift login bans. A running server sees a change within a second or two."},
        subcommands = {BanListCommand.class, BanDelCommand.class})
final class BanCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
