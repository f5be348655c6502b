package dev.connectconfig.testing;

import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;
import dev.connectconfig.platform.cloudformation.StackConfiguration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment a template gives a custom-resource function when it passes the same values as the resource's
 * properties, as template.yaml does: what a test sets before sending the event, the way a deployment updates the
 * function before the resource.
 */
public final class TemplateEnvironment {

    private TemplateEnvironment() {
    }

    /** {@code stackIdVariable} is the event's stack id; each variable gets its property's value (lists joined). */
    public static Map<String, String> of(CloudFormationCustomResourceEvent event, String stackIdVariable,
            List<StackConfiguration.Variable> variables) {
        Map<String, String> environment = new HashMap<>();
        environment.put(stackIdVariable, event.getStackId());
        Map<String, Object> properties = event.getResourceProperties();
        for (StackConfiguration.Variable variable : variables) {
            Object value = properties.get(variable.property());
            if (value instanceof Collection<?> list) {
                environment.put(variable.variable(), String.join(",", list.stream().map(String::valueOf).toList()));
            } else if (value != null) {
                environment.put(variable.variable(), String.valueOf(value));
            }
        }
        return environment;
    }
}
