package dev.connectconfig.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.connectconfig.core.validation.Violation;
import java.util.List;
import java.util.Set;

/**
 * Field checks for JSON request bodies that collect every problem before answering, so a client learns all that is
 * wrong with one request instead of one field per attempt.
 */
public final class JsonFields {

    private JsonFields() {
    }

    /** Adds a violation for each field of {@code node} that is not in {@code known}. */
    public static void unknown(JsonNode node, Set<String> known, String prefix, List<Violation> violations) {
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                violations.add(new Violation(prefix + name, "is not a known field"));
            }
        });
    }

    /** The string value of {@code field}, or null when it is absent or null; any other type is a violation. */
    public static String text(JsonNode node, String field, String prefix, List<Violation> violations) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            violations.add(new Violation(prefix + field, "must be a string"));
            return null;
        }
        return value.textValue();
    }
}
