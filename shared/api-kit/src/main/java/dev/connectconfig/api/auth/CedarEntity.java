package dev.connectconfig.api.auth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One Cedar entity as the policies see it: a type, an id and string-set attributes. Built once here and translated
 * to Verified Permissions' request types or to cedar-java's, so AWS and the local engine judge the same data.
 */
public record CedarEntity(String type, String id, Map<String, Set<String>> attributes) {

    public CedarEntity {
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        attributes.forEach((name, values) -> copy.put(name, Collections.unmodifiableSet(new TreeSet<>(values))));
        attributes = Collections.unmodifiableMap(copy);
    }
}
