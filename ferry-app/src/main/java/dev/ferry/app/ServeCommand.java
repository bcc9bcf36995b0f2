package dev.ferry.app;

import dev.ferry.core.config.ConfigException;
import dev.ferry.core.config.ConfigLoader;
import dev.ferry.core.config.ServerConfig;
import dev.ferry.core.config.Setting;
import dev.ferry.core.config.Settings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code ferry serve}: runs the server until SIGTERM or SIGINT. Its flags are generated from the
 * settings table, so every YAML key is a flag and the other way round.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the server. With no flags: FTP on port 2121, data in ./ferry-data.",
                "Settings come from defaults < YAML file (--config, or <data>/ferry.yml) < FERRY_* environment < flags."})
final class ServeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandSpec spec;

    @CommandLine.Option(names = "--config", paramLabel = "FILE", description = "YAML file of settings (keys = flag names; env FERRY_CONFIG)")
    Path config;

    /** Adds one {@code --key VALUE} option per setting. */
    static void addSettingOptions(CommandSpec serve) {
        for (Setting<?> s : Settings.ALL) {
            serve.addOption(OptionSpec.builder(s.flag())
                    .paramLabel(s.label())
                    .type(String.class)
                    .description(s.help() + " (default: " + (s.defaultValue().isEmpty() ? "none" : s.defaultValue()) + ")")
                    .build());
        }
    }

    @Override
    public Integer call() throws Exception {
        ServerConfig cfg;
        try {
            cfg = ConfigLoader.load(flags(spec), System.getenv(), Optional.ofNullable(config));
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("ferry: " + e.getMessage());
            return ExitCodes.CONFIG;
        }
        Logging.setLevel(cfg.get(Settings.LOG_LEVEL));
        CountDownLatch stop = new CountDownLatch(1);
        ShutdownSignals.onTermOrInt(stop::countDown);
        FerryServer server;
        try {
            server = FerryServer.start(cfg, System.out);
        } catch (java.io.IOException e) {
            spec.commandLine().getErr().println("ferry: cannot start: " + e.getMessage());
            return ExitCodes.UNAVAILABLE;
        } catch (dev.ferry.core.user.UserStoreException e) {
            spec.commandLine().getErr().println("ferry: cannot start: " + e.getMessage());
            return ExitCodes.UNAVAILABLE;
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("ferry: " + e.getMessage());
            return ExitCodes.CONFIG;
        } catch (dev.ferry.core.tls.TlsConfigException e) {
            spec.commandLine().getErr().println("ferry: cannot start: TLS: " + e.getMessage());
            return ExitCodes.CONFIG;
        }
        stop.await();
        System.out.println("Shutting down: no new connections; running transfers get "
                + cfg.get(Settings.SHUTDOWN_GRACE).toSeconds() + "s to finish.");
        System.out.flush();
        server.shutdown(cfg.get(Settings.SHUTDOWN_GRACE));
        System.out.println("Stopped.");
        return ExitCodes.OK;
    }

    /** The setting flags given on this command line, by key. */
    static Map<String, String> flags(CommandSpec spec) {
        Map<String, String> out = new LinkedHashMap<>();
        CommandLine.ParseResult pr = spec.commandLine().getParseResult();
        for (Setting<?> s : Settings.ALL) {
            if (pr.hasMatchedOption(s.flag())) {
                out.put(s.key(), pr.matchedOptionValue(s.flag(), ""));
            }
        }
        return out;
    }
}
