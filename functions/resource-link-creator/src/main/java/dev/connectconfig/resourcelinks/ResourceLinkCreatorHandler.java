package dev.connectconfig.resourcelinks;

import dev.connectconfig.shared.cloudformation.CustomResourceOutcome;
import dev.connectconfig.shared.cloudformation.CustomResourceRequest;
import dev.connectconfig.shared.cloudformation.GuardedCustomResourceHandler;

/**
 * The {@code Custom::ResourceLinks} resource: Glue resource links in this account's consumer database to the tables
 * of the Connect analytics data lake that a producer account shares. Powertools answers CloudFormation; the guarded
 * base class makes sure every path has an answer.
 */
public final class ResourceLinkCreatorHandler extends GuardedCustomResourceHandler {

    private final ResourceLinkReconciler reconciler;

    /** Lambda's entry point: one Glue client per container. */
    public ResourceLinkCreatorHandler() {
        this.reconciler = new ResourceLinkReconciler(new GlueResourceLinks(GlueResourceLinks.client(null)));
    }

    ResourceLinkCreatorHandler(ResourceLinkReconciler reconciler) {
        this.reconciler = reconciler;
    }

    @Override
    protected String physicalIdOnCreate(CustomResourceRequest request) {
        return ResourceLinkSpec.physicalId(request);
    }

    @Override
    protected CustomResourceOutcome apply(CustomResourceRequest request) {
        return reconciler.apply(request);
    }

    @Override
    protected CustomResourceOutcome remove(CustomResourceRequest request) {
        return reconciler.remove(request);
    }

    @Override
    protected String timeoutAdvice() {
        return "Glue answered too slowly or kept throttling; links already made are kept and a retry continues"
                + " from them";
    }
}
