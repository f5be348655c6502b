package dev.connectconfig.shared.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What business users edit and contact flows read: typed variables and prompts by name, language and channel.
 *
 * <p>Maps keep their insertion order so a config reads back the way it was written. {@code version} is 0 for a
 * config that was never stored.
 */
public record FlowConfig(
        String id,
        String description,
        Map<String, String> variables,
        Map<String, VariableDefinition> schema,
        Map<String, Map<String, PromptText>> prompts,
        String defaultLanguage,
        long version,
        String updatedAt,
        String updatedBy) {

    public static final String DEFAULT_LANGUAGE = "en-US";

    public FlowConfig {
        variables = frozen(variables);
        schema = frozen(schema);
        Map<String, Map<String, PromptText>> copy = new LinkedHashMap<>();
        if (prompts != null) {
            prompts.forEach((name, languages) -> copy.put(name, frozen(languages)));
        }
        prompts = Collections.unmodifiableMap(copy);
    }

    /** The language used when neither the caller nor the prompt offers a better one. */
    public String effectiveDefaultLanguage() {
        return defaultLanguage == null || defaultLanguage.isBlank() ? DEFAULT_LANGUAGE : defaultLanguage;
    }

    public FlowConfig withBookkeeping(long newVersion, String newUpdatedAt, String newUpdatedBy) {
        return new FlowConfig(id, description, variables, schema, prompts, defaultLanguage, newVersion, newUpdatedAt,
                newUpdatedBy);
    }

    private static <V> Map<String, V> frozen(Map<String, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
