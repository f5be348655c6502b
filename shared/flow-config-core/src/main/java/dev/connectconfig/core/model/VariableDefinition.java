package dev.connectconfig.core.model;

import java.util.List;

/** The declared type of one variable; {@code options} lists the allowed values of a {@code select}. */
public record VariableDefinition(VariableType type, List<String> options) {

    public VariableDefinition {
        options = options == null ? List.of() : List.copyOf(options);
    }

    public static VariableDefinition of(VariableType type) {
        return new VariableDefinition(type, List.of());
    }
}
