package dev.connectconfig.core.model;

import java.util.Locale;
import java.util.Optional;

/** The types a flow config's {@code schema} may give a variable. */
public enum VariableType {
    TEXT, NUMBER, BOOLEAN, SELECT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<VariableType> fromWireName(String name) {
        for (VariableType type : values()) {
            if (type.wireName().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
