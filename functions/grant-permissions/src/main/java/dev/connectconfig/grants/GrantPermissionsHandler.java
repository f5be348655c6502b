package dev.connectconfig.grants;

import dev.connectconfig.platform.cloudformation.CloudFormationService;
import dev.connectconfig.platform.cloudformation.GuardedCustomResourceHandler;

/**
 * Lambda's entry point for the {@code Custom::LakeFormationGrants} resource: the Lake Formation permissions a
 * principal (by default the UsersExport function's role) needs to query the Connect data lake through this account's
 * resource links, including the grant on the target tables in the producer's catalog. What is granted comes from the
 * environment the template sets, never from the event.
 */
public final class GrantPermissionsHandler extends GuardedCustomResourceHandler {

    /** One Lake Formation client per container. */
    public GrantPermissionsHandler() {
        this(new GrantReconciler(new LakeFormationGrants(LakeFormationGrants.client(null)),
                GrantSpec.configuration(System::getenv)), CloudFormationService.fromEnvironment());
    }

    /** For tests: {@code cloudFormation} stands in for DescribeStackResource and the response URL. */
    GrantPermissionsHandler(GrantReconciler reconciler, CloudFormationService cloudFormation) {
        super(reconciler, cloudFormation);
    }
}
