package dev.connectconfig.platform.cloudformation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A custom resource's properties as CloudFormation sends them (every scalar as a string, a list parameter as a JSON
 * array), read with validation: a bad value fails with an {@link InvalidPropertyException} that names the property
 * and says what it expects.
 */
public final class ResourceProperties {

    private final Map<String, Object> values;

    private ResourceProperties(Map<String, Object> values) {
        this.values = values == null ? Map.of() : values;
    }

    public static ResourceProperties of(Map<String, Object> values) {
        return new ResourceProperties(values);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The value as CloudFormation sent it, unvalidated: for comparing with the function's configuration. */
    Object raw(String name) {
        return values.get(name);
    }

    /** A required string matching {@code pattern}; {@code expected} describes it for the error message. */
    public String required(String name, Pattern pattern, String expected) {
        String value = scalar(name);
        if (value == null) {
            throw new InvalidPropertyException(name, "is required (" + expected + ")");
        }
        return checked(name, value, pattern, expected);
    }

    /** An optional string: {@code fallback} when absent or blank, else it must match {@code pattern}. */
    public String optional(String name, String fallback, Pattern pattern, String expected) {
        String value = scalar(name);
        return value == null ? fallback : checked(name, value, pattern, expected);
    }

    /** One of an enum's constants, matched case-insensitively; {@code fallback} when absent. */
    public <E extends Enum<E>> E choice(String name, E fallback, Class<E> type) {
        String value = scalar(name);
        if (value == null) {
            return fallback;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            allowed.add(constant.name().toLowerCase(Locale.ROOT));
        }
        throw new InvalidPropertyException(name, "'" + printable(value) + "' is not one of " + allowed);
    }

    /**
     * A list of distinct strings, each matching {@code pattern}: a JSON array (a CommaDelimitedList parameter) or one
     * comma-separated string. Blank entries are dropped, so a trailing comma is harmless; {@code fallback} when the
     * property is absent.
     */
    public List<String> list(String name, List<String> fallback, Pattern pattern, String expected) {
        Object raw = values.get(name);
        if (raw == null) {
            return fallback;
        }
        List<String> entries = new ArrayList<>();
        if (raw instanceof Collection<?> collection) {
            for (Object item : collection) {
                entries.add(item == null ? "" : String.valueOf(item));
            }
        } else if (raw instanceof Map<?, ?>) {
            throw new InvalidPropertyException(name, "must be a list of names, not an object");
        } else {
            entries.addAll(List.of(String.valueOf(raw).split(",", -1)));
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (String entry : entries) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            checked(name, trimmed, pattern, expected);
            if (!distinct.add(trimmed)) {
                throw new InvalidPropertyException(name, "'" + trimmed + "' is listed twice");
            }
        }
        return List.copyOf(distinct);
    }

    private String scalar(String name) {
        Object raw = values.get(name);
        if (raw == null) {
            return null;
        }
        if (raw instanceof Collection<?> || raw instanceof Map<?, ?>) {
            throw new InvalidPropertyException(name, "must be a single value");
        }
        String value = String.valueOf(raw).trim();
        return value.isEmpty() ? null : value;
    }

    private static String checked(String name, String value, Pattern pattern, String expected) {
        if (!pattern.matcher(value).matches()) {
            throw new InvalidPropertyException(name, "'" + printable(value) + "' is not " + expected);
        }
        return value;
    }

    /** Echoes a bad value safely: control characters replaced, long values cut. */
    private static String printable(String value) {
        String clean = value.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 80 ? clean.substring(0, 80) + "..." : clean;
    }
}
