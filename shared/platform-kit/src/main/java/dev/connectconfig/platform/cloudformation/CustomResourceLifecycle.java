package dev.connectconfig.platform.cloudformation;

import java.util.Map;

/** What one kind of custom resource does on Create, Update and Delete; {@link GuardedCustomResourceHandler} runs it. */
public interface CustomResourceLifecycle {

    /** The physical id of a new resource, derived from the request; must not throw, even for invalid properties. */
    String physicalIdOnCreate(CustomResourceRequest request);

    /** Create or Update: make the resource match {@code request.properties()}. */
    CustomResourceOutcome apply(CustomResourceRequest request);

    /** Delete: remove what this resource made; succeed when it is already gone. */
    CustomResourceOutcome remove(CustomResourceRequest request);

    /**
     * The stack this resource serves and the properties its events must agree with, from the function's environment.
     * {@link GuardedCustomResourceHandler} refuses an event from another stack, and a Create or Update whose
     * properties disagree, before {@link #apply} runs; {@link #remove} decides for itself what a disagreeing Delete
     * means (CloudFormation sends the old properties when it deletes a replaced resource).
     */
    StackConfiguration configuration();

    /**
     * An Update whose properties disagree with the configuration while its old properties agree: the shape of
     * CloudFormation rolling back a failed update, which reaches a custom resource before the function's own
     * environment is rolled back. Nothing is changed (a failed update undoes its own changes); the answer keeps the
     * physical id so the rollback completes.
     */
    default CustomResourceOutcome keep(CustomResourceRequest request) {
        return new CustomResourceOutcome(request.physicalResourceId(), Map.of(), Map.of());
    }

    /** What to tell the user when the work ran out of time. */
    default String timeoutAdvice() {
        return "retry the deployment; if it recurs, raise the function's timeout";
    }
}
