package dev.ferry.ftp.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import dev.ferry.ftp.FtpSession;

/**
 * Every command the server knows, in one table. Dispatch, HELP and the login/argument checks all
 * read it, so a command cannot be half-registered.
 */
public final class CommandTable {

    private final Map<String, CommandSpec> commands;
    private final List<Function<FtpSession, String>> features;

    private CommandTable(Map<String, CommandSpec> commands, List<Function<FtpSession, String>> features) {
        this.commands = Collections.unmodifiableMap(commands);
        this.features = List.copyOf(features);
    }

    /** The FEAT lines (RFC 2389) for this session, sorted as most servers list them. */
    public List<String> features(FtpSession session) {
        return features.stream().map(f -> f.apply(session)).filter(java.util.Objects::nonNull).sorted().toList();
    }

    public Optional<CommandSpec> find(String verb) {
        return Optional.ofNullable(commands.get(verb.toUpperCase(Locale.ROOT)));
    }

    /** Verbs in table order, for HELP. */
    public List<String> verbs() {
        return new ArrayList<>(commands.keySet());
    }

    /** The standard table: every command family. */
    public static CommandTable standard() {
        Builder b = new Builder();
        LoginCommands.register(b);
        InfoCommands.register(b);
        DirectoryCommands.register(b);
        FileCommands.register(b);
        ParameterCommands.register(b);
        DataCommands.register(b);
        TransferCommands.register(b);
        HashCommands.register(b);
        SecurityCommands.register(b);
        SiteCommands.register(b);
        b.notImplemented("ACCT", "ACCT <sp> account-information (not needed: no accounts beyond USER/PASS)");
        b.notImplemented("SMNT", "SMNT <sp> path (structure mount)");
        b.notImplemented("LPRT", "LPRT <sp> long-address (use EPRT)");
        b.notImplemented("LPSV", "LPSV (use EPSV)");
        return b.build();
    }

    public static final class Builder {
        private final Map<String, CommandSpec> commands = new LinkedHashMap<>();
        private final List<Function<FtpSession, String>> features = new ArrayList<>();

        /** A FEAT line, registered by the family that implements it. */
        public Builder feature(String line) {
            features.add(s -> line);
            return this;
        }

        /** A FEAT line that depends on the session (MLST shows the facts it selected); null leaves it out. */
        public Builder feature(Function<FtpSession, String> line) {
            features.add(line);
            return this;
        }

        public Builder add(String name, boolean needsLogin, CommandSpec.Argument arg, String syntax, CommandHandler handler) {
            return put(new CommandSpec(name, needsLogin, arg, false, syntax, handler));
        }

        /** A command that may run while a transfer is in progress. */
        public Builder addDuringTransfer(String name, boolean needsLogin, CommandSpec.Argument arg, String syntax,
                                         CommandHandler handler) {
            return put(new CommandSpec(name, needsLogin, arg, true, syntax, handler));
        }

        /** The X-variants of RFC 775 (XPWD, XCWD...), same behaviour under another name. */
        public Builder alias(String alias, String of) {
            CommandSpec s = commands.get(of);
            if (s == null) {
                throw new IllegalStateException("alias of unknown command " + of);
            }
            return put(new CommandSpec(alias, s.needsLogin(), s.argument(), s.duringTransfer(), s.syntax(), s.handler()));
        }

        public Builder notImplemented(String name, String syntax) {
            return put(new CommandSpec(name, false, CommandSpec.Argument.OPTIONAL, false, syntax, null));
        }

        private Builder put(CommandSpec spec) {
            if (commands.putIfAbsent(spec.name(), spec) != null) {
                throw new IllegalStateException("command registered twice: " + spec.name());
            }
            return this;
        }

        public CommandTable build() {
            return new CommandTable(new LinkedHashMap<>(commands), features);
        }
    }
}
