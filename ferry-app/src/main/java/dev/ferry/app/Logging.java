package dev.ferry.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Applies the configured log level to Ferry's own loggers. */
final class Logging {

    private Logging() {}

    static void setLevel(String level) {
        Level l = Level.toLevel(level, Level.INFO);
        ((Logger) LoggerFactory.getLogger("dev.ferry")).setLevel(l);
        ((Logger) LoggerFactory.getLogger("ferry")).setLevel(l);
    }
}
