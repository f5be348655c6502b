package dev.connectconfig.shared.cloudformation;

/** What one kind of custom resource does on Create, Update and Delete; {@link GuardedCustomResourceHandler} runs it. */
public interface CustomResourceLifecycle {

    /** The physical id of a new resource, derived from the request; must not throw, even for invalid properties. */
    String physicalIdOnCreate(CustomResourceRequest request);

    /** Create or Update: make the resource match {@code request.properties()}. */
    CustomResourceOutcome apply(CustomResourceRequest request);

    /** Delete: remove what this resource made; succeed when it is already gone. */
    CustomResourceOutcome remove(CustomResourceRequest request);

    /** What to tell the user when the work ran out of time. */
    default String timeoutAdvice() {
        return "retry the deployment; if it recurs, raise the function's timeout";
    }
}
