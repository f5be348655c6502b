package dev.connectconfig.checks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A template as CloudFormation deploys it under given parameter values: only the resources whose Condition holds,
 * each {@code Fn::If} replaced by the branch it takes and {@code AWS::NoValue} left out. Other intrinsics stay as
 * written (a {@code Ref} is still a {@code Ref}).
 */
final class TemplateUnderConditions {

    private static final Object NO_VALUE = new Object();

    private final Map<String, Boolean> holds;
    private final Map<String, Object> resources = new LinkedHashMap<>();

    TemplateUnderConditions(Map<String, Object> template, Map<String, String> values) {
        TemplateReferences references = new TemplateReferences(template);
        this.holds = references.conditionsUnder(references.withDefaults(values));
        SamTransformTest.section(template, "Resources").forEach((id, body) -> {
            Object condition = SamTransformTest.map(body).get("Condition");
            if (!(condition instanceof String name) || holds(name)) {
                resources.put(id, resolve(body));
            }
        });
    }

    boolean holds(String condition) {
        Boolean value = holds.get(condition);
        if (value == null) {
            throw new IllegalArgumentException("no condition " + condition);
        }
        return value;
    }

    /** The resources created, resolved. */
    Map<String, Object> resources() {
        return resources;
    }

    boolean has(String logicalId) {
        return resources.containsKey(logicalId);
    }

    Map<String, Object> properties(String logicalId) {
        Object resource = resources.get(logicalId);
        if (resource == null) {
            throw new AssertionError(logicalId + " is not created under these values");
        }
        return SamTransformTest.map(SamTransformTest.map(resource).get("Properties"));
    }

    List<String> ofType(String type) {
        return resources.entrySet().stream().filter(e -> type.equals(SamTransformTest.map(e.getValue()).get("Type")))
                .map(Map.Entry::getKey).sorted().toList();
    }

    /** {@code node} with each Fn::If taken as these conditions say and AWS::NoValue left out. */
    Object resolve(Object node) {
        Object resolved = resolveOrNoValue(node);
        return resolved == NO_VALUE ? null : resolved;
    }

    private Object resolveOrNoValue(Object node) {
        if (node instanceof Map<?, ?> map) {
            if (map.size() == 1 && map.get("Fn::If") instanceof List<?> branches && branches.size() == 3) {
                return resolveOrNoValue(holds(String.valueOf(branches.get(0))) ? branches.get(1) : branches.get(2));
            }
            if (map.size() == 1 && "AWS::NoValue".equals(map.get("Ref"))) {
                return NO_VALUE;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((key, value) -> {
                Object resolved = resolveOrNoValue(value);
                if (resolved != NO_VALUE) {
                    out.put(String.valueOf(key), resolved);
                }
            });
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                Object resolved = resolveOrNoValue(item);
                if (resolved != NO_VALUE) {
                    out.add(resolved);
                }
            }
            return out;
        }
        return node;
    }
}
