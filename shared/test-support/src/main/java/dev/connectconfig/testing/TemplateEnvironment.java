package dev.connectconfig.testing;

import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment a template gives a custom-resource function when it passes the same values as the resource's
 * properties, as template.yaml does: what a test sets before sending the event, the way a deployment updates the
 * function before the resource.
 */
public final class TemplateEnvironment {

    private TemplateEnvironment() {
    }

    /**
     * {@code stackIdVariable} is the event's stack id; each variable in {@code variableByProperty} (property name to
     * environment variable name, as a function's stack configuration pairs them) gets its property's value (lists
     * joined). Plain names, so test-support needs nothing from the platform kit whose tests use it.
     */
    public static Map<String, String> of(CloudFormationCustomResourceEvent event, String stackIdVariable,
            Map<String, String> variableByProperty) {
        Map<String, String> environment = new HashMap<>();
        environment.put(stackIdVariable, event.getStackId());
        Map<String, Object> properties = event.getResourceProperties();
        variableByProperty.forEach((property, variable) -> {
            Object value = properties.get(property);
            if (value instanceof Collection<?> list) {
                environment.put(variable, String.join(",", list.stream().map(String::valueOf).toList()));
            } else if (value != null) {
                environment.put(variable, String.valueOf(value));
            }
        });
        return environment;
    }
}
