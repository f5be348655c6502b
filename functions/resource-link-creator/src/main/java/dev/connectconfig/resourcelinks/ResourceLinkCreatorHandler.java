package dev.connectconfig.resourcelinks;

import dev.connectconfig.platform.cloudformation.CloudFormationService;
import dev.connectconfig.platform.cloudformation.GuardedCustomResourceHandler;

/**
 * Lambda's entry point for the {@code Custom::ResourceLinks} resource: Glue resource links in this account's consumer
 * database to the tables of the Connect analytics data lake that a producer account shares. What is linked comes
 * from the environment the template sets, never from the event.
 */
public final class ResourceLinkCreatorHandler extends GuardedCustomResourceHandler {

    /** One Glue client per container. */
    public ResourceLinkCreatorHandler() {
        this(new ResourceLinkReconciler(new GlueResourceLinks(GlueResourceLinks.client(null)),
                ResourceLinkSpec.configuration(System::getenv)), CloudFormationService.fromEnvironment());
    }

    /** For tests: {@code cloudFormation} stands in for DescribeStackResource and the response URL. */
    ResourceLinkCreatorHandler(ResourceLinkReconciler reconciler, CloudFormationService cloudFormation) {
        super(reconciler, cloudFormation);
    }
}
