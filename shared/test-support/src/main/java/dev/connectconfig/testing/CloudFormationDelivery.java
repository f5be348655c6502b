package dev.connectconfig.testing;

import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.connectconfig.engines.StackResourceEndpoint;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A custom-resource event as CloudFormation delivers it, against the stand-in for its DescribeStackResource: while it
 * sends an Update or Delete it holds the event's physical id in progress, and what the function answered is what it
 * holds afterwards (nothing after a successful Delete).
 */
public final class CloudFormationDelivery {

    private CloudFormationDelivery() {
    }

    /** CloudFormation holds the event's physical id and is updating or deleting it, as when it sends the event. */
    public static void holdInProgress(StackResourceEndpoint stacks, CloudFormationCustomResourceEvent event) {
        if (!"Create".equals(event.getRequestType())) {
            stacks.hold(event.getStackId(), event.getLogicalResourceId(), event.getPhysicalResourceId(),
                    "Update".equals(event.getRequestType()) ? "UPDATE_IN_PROGRESS" : "DELETE_IN_PROGRESS");
        }
    }

    /** Sends {@code event} as CloudFormation does: {@code handled} runs the function and returns the body it PUT. */
    public static JsonNode send(StackResourceEndpoint stacks, CloudFormationCustomResourceEvent event,
            Supplier<JsonNode> handled) {
        holdInProgress(stacks, event);
        JsonNode body = handled.get();
        if ("SUCCESS".equals(body.path("Status").asText())) {
            if ("Delete".equals(event.getRequestType())) {
                stacks.forget(event.getStackId(), event.getLogicalResourceId());
            } else {
                stacks.hold(event.getStackId(), event.getLogicalResourceId(), body.path("PhysicalResourceId").asText(),
                        event.getRequestType().toUpperCase(Locale.ROOT) + "_COMPLETE");
            }
        }
        return body;
    }
}
