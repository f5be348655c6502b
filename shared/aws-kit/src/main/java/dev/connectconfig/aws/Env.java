package dev.connectconfig.aws;

import java.time.Duration;
import java.util.function.UnaryOperator;

/** Reads a function's configuration from the environment the SAM template sets. */
public final class Env {

    private Env() {
    }

    /** The value of a variable the template must set; a clear error names it when it is missing. */
    public static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Environment variable " + name + " is not set; the template sets it");
        }
        return value;
    }

    public static String optional(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /**
     * A variable that was renamed: {@code name} first, then {@code oldName} (still read for one release, so a stack
     * deployed before the rename keeps its value), else {@code fallback}. Only {@code name} is what the template sets.
     */
    public static String renamed(String name, String oldName, String fallback) {
        return renamed(name, oldName, fallback, System::getenv);
    }

    static String renamed(String name, String oldName, String fallback, UnaryOperator<String> environment) {
        for (String variable : new String[] {name, oldName}) {
            String value = environment.apply(variable);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return fallback;
    }

    public static Duration seconds(String name, long fallbackSeconds) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            return Duration.ofSeconds(fallbackSeconds);
        }
        try {
            return Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Environment variable " + name + " must be a whole number of seconds");
        }
    }
}
