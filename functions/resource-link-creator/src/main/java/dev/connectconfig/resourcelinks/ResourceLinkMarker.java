package dev.connectconfig.resourcelinks;

import java.util.Map;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * The table parameter that marks a link as made by one {@code Custom::ResourceLinks} resource (its physical id), so
 * the resource never updates or deletes a table it did not make.
 */
final class ResourceLinkMarker {

    static final String PARAMETER = "connect-config:managed-by";

    private ResourceLinkMarker() {
    }

    static boolean isManagedBy(Table table, String managedBy) {
        Map<String, String> parameters = table.parameters();
        return parameters != null && managedBy.equals(parameters.get(PARAMETER));
    }

    static Map<String, String> parameters(String managedBy) {
        return Map.of(PARAMETER, managedBy);
    }
}
