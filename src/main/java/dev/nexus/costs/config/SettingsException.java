package dev.nexus.costs.config;

/** A setting that the service cannot start with; the message names the setting and what it accepts. */
public final class SettingsException extends RuntimeException {

    public SettingsException(String message) {
        super(message);
    }
}
