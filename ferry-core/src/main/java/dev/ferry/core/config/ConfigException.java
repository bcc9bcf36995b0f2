package dev.ferry.core.config;

/** The configuration is unusable; the message says which setting, from where, and why. */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
