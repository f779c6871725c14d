package io.mallard.bootstrap.config;

/** The configuration cannot be used; the message names the key and what it accepts. Stops startup. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
