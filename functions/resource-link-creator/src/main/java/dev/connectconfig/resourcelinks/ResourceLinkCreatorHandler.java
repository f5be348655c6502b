package dev.connectconfig.resourcelinks;

import dev.connectconfig.shared.cloudformation.GuardedCustomResourceHandler;

/**
 * Lambda's entry point for the {@code Custom::ResourceLinks} resource: Glue resource links in this account's consumer
 * database to the tables of the Connect analytics data lake that a producer account shares.
 */
public final class ResourceLinkCreatorHandler extends GuardedCustomResourceHandler {

    /** One Glue client per container. */
    public ResourceLinkCreatorHandler() {
        this(new ResourceLinkReconciler(new GlueResourceLinks(GlueResourceLinks.client(null))));
    }

    ResourceLinkCreatorHandler(ResourceLinkReconciler reconciler) {
        super(reconciler);
    }
}
