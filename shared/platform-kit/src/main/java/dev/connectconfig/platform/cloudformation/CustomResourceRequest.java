package dev.connectconfig.platform.cloudformation;

import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;

/**
 * One custom-resource event, read once: what CloudFormation asks for, which resource of which stack, and its new and
 * previous properties. Never throws, so even a malformed event can be answered.
 *
 * @param physicalIdConfirmed the physical id is the one CloudFormation holds for this resource, which it is deleting
 *     or updating now (see {@link GuardedCustomResourceHandler}); false for a Create, and for the Delete of an id
 *     CloudFormation no longer holds (a replaced resource's): what such an id claims must not be trusted
 */
public record CustomResourceRequest(
        String requestType,
        String stackId,
        String stackName,
        String accountId,
        String logicalResourceId,
        String physicalResourceId,
        ResourceProperties properties,
        ResourceProperties oldProperties,
        boolean physicalIdConfirmed) {

    public static CustomResourceRequest from(CloudFormationCustomResourceEvent event) {
        String stackId = event.getStackId() == null ? "" : event.getStackId();
        return new CustomResourceRequest(
                event.getRequestType(),
                stackId,
                stackName(stackId),
                accountId(stackId),
                event.getLogicalResourceId() == null ? "resource" : event.getLogicalResourceId(),
                event.getPhysicalResourceId(),
                ResourceProperties.of(event.getResourceProperties()),
                ResourceProperties.of(event.getOldResourceProperties()),
                false);
    }

    /** This request, its physical id confirmed with CloudFormation. */
    CustomResourceRequest confirmed() {
        return new CustomResourceRequest(requestType, stackId, stackName, accountId, logicalResourceId,
                physicalResourceId, properties, oldProperties, true);
    }

    public boolean isCreate() {
        return "Create".equals(requestType);
    }

    /** The stack name: {@code connect-config-dev} in {@code arn:aws:cloudformation:…:stack/connect-config-dev/…} */
    static String stackName(String stackId) {
        String[] parts = stackId.split("/");
        return parts.length >= 2 && !parts[1].isBlank() ? parts[1] : "stack";
    }

    static String accountId(String stackId) {
        String[] parts = stackId.split(":");
        return parts.length >= 5 ? parts[4] : "";
    }
}
