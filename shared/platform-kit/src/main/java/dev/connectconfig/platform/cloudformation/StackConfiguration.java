package dev.connectconfig.platform.cloudformation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What a custom-resource function may act on, read from the environment its template sets: the stack it serves and
 * the value of every property that decides what the resource grants, links or deletes. Anyone allowed to invoke the
 * function can hand it an event; so the work is always done with these values, and an event that names another stack
 * or disagrees with them is refused before anything changes.
 *
 * @param stackId    the template's {@code AWS::StackId}
 * @param properties property name → its value: a string, or a list of names (compared as a set)
 */
public record StackConfiguration(String stackId, Map<String, Object> properties) {

    public StackConfiguration {
        Objects.requireNonNull(stackId, "stackId");
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** One property and the environment variable the template sets it in. */
    public record Variable(String property, String variable, boolean isList) {
    }

    /**
     * The configuration in {@code environment} (System::getenv in Lambda, a map in tests). A variable that is not
     * set leaves its property out, so every event is refused naming it: a template that forgot it cannot be
     * overridden by an event either.
     */
    public static StackConfiguration from(UnaryOperator<String> environment, String stackIdVariable,
            List<Variable> variables) {
        String stackId = environment.apply(stackIdVariable);
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Variable variable : variables) {
            String value = environment.apply(variable.variable());
            if (value != null) {
                properties.put(variable.property(), variable.isList() ? List.copyOf(names(value)) : value.trim());
            }
        }
        return new StackConfiguration(stackId == null ? "" : stackId.trim(), properties);
    }

    /** The configuration as resource properties, read with the same validation as an event's. */
    public ResourceProperties asProperties() {
        return ResourceProperties.of(properties);
    }

    /** The stack name of {@link #stackId()}: {@code connect-config-dev}. */
    public String stackName() {
        return CustomResourceRequest.stackName(stackId);
    }

    /** Whether the event comes from this function's own stack. */
    public boolean isOwnStack(CustomResourceRequest request) {
        return !stackId.isEmpty() && stackId.equals(request.stackId());
    }

    /** The configured properties that {@code event} is missing or gives another value, in the configuration's order. */
    public List<String> disagreements(ResourceProperties event) {
        List<String> disagreeing = new ArrayList<>();
        properties.forEach((name, expected) -> {
            Object actual = event.raw(name);
            boolean agrees = expected instanceof List<?> list
                    ? actual != null && Set.copyOf(list).equals(names(actual))
                    : actual != null && !(actual instanceof Collection<?>) && !(actual instanceof Map<?, ?>)
                            && expected.equals(String.valueOf(actual).trim());
            if (!agrees) {
                disagreeing.add(name);
            }
        });
        return disagreeing;
    }

    public boolean agreesWith(ResourceProperties event) {
        return disagreements(event).isEmpty();
    }

    /** A list property's names: a JSON array or one comma-separated string, trimmed, blanks dropped. */
    private static Set<String> names(Object raw) {
        List<String> entries = new ArrayList<>();
        if (raw instanceof Collection<?> collection) {
            collection.forEach(item -> entries.add(String.valueOf(item)));
        } else {
            entries.addAll(List.of(String.valueOf(raw).split(",", -1)));
        }
        Set<String> names = new LinkedHashSet<>();
        for (String entry : entries) {
            if (!entry.isBlank()) {
                names.add(entry.trim());
            }
        }
        return names;
    }
}
