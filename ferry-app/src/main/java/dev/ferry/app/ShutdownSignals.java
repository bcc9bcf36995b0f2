package dev.ferry.app;

import org.slf4j.LoggerFactory;

/**
 * SIGTERM and SIGINT start a graceful shutdown and let the process exit with status 0. A plain
 * shutdown hook could not: the JVM would exit with 128+signal as soon as the hooks finish.
 */
final class ShutdownSignals {

    private ShutdownSignals() {}

    @SuppressWarnings("removal")
    static void onTermOrInt(Runnable action) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> action.run());
            } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
                LoggerFactory.getLogger(ShutdownSignals.class).warn("cannot handle SIG{}: {}", name, e.toString());
            }
        }
    }
}
