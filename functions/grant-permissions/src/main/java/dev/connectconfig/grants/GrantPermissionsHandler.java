package dev.connectconfig.grants;

import dev.connectconfig.shared.cloudformation.CustomResourceOutcome;
import dev.connectconfig.shared.cloudformation.CustomResourceRequest;
import dev.connectconfig.shared.cloudformation.GuardedCustomResourceHandler;

/**
 * The {@code Custom::LakeFormationGrants} resource: the Lake Formation permissions a principal (by default the
 * UsersExport function's role) needs to query the Connect data lake through this account's resource links,
 * including the grant on the target tables in the producer's catalog. Powertools answers CloudFormation; the guarded
 * base class makes sure every path has an answer.
 */
public final class GrantPermissionsHandler extends GuardedCustomResourceHandler {

    private final GrantReconciler reconciler;

    /** Lambda's entry point: one Lake Formation client per container. */
    public GrantPermissionsHandler() {
        this.reconciler = new GrantReconciler(new LakeFormationGrants(LakeFormationGrants.client(null)));
    }

    GrantPermissionsHandler(GrantReconciler reconciler) {
        this.reconciler = reconciler;
    }

    @Override
    protected String physicalIdOnCreate(CustomResourceRequest request) {
        return GrantReconciler.physicalId(request);
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
        return "Lake Formation answered too slowly or kept throttling; a retry grants only what is still missing";
    }
}
