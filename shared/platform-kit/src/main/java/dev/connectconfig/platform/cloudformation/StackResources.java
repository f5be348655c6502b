package dev.connectconfig.platform.cloudformation;

import java.util.Optional;

/** What CloudFormation holds for a resource of a stack: the one source an Update or Delete is checked against. */
public interface StackResources {

    /** A stack resource as CloudFormation describes it. */
    record Held(String physicalResourceId, String resourceStatus) {
    }

    /**
     * The resource {@code logicalResourceId} of stack {@code stackId}, or empty when CloudFormation holds no such
     * resource; a {@link CustomResourceFailure} when CloudFormation cannot be asked.
     */
    Optional<Held> describe(String stackId, String logicalResourceId);
}
