package dev.connectconfig.grants;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import dev.connectconfig.shared.cloudformation.CustomResourceFailure;
import dev.connectconfig.shared.cloudformation.CustomResourceLifecycle;
import dev.connectconfig.shared.cloudformation.CustomResourceOutcome;
import dev.connectconfig.shared.cloudformation.CustomResourceRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a principal's Lake Formation grants equal to the resource's properties: Create grants everything, Update
 * grants what is not in effect and revokes what left the properties, Delete revokes everything; each then checks
 * with ListPermissions that what should be in effect is.
 */
final class GrantReconciler implements CustomResourceLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(GrantReconciler.class);

    private final LakeFormationGrants lakeFormation;

    GrantReconciler(LakeFormationGrants lakeFormation) {
        this.lakeFormation = lakeFormation;
    }

    @Override
    public String physicalIdOnCreate(CustomResourceRequest request) {
        return physicalId(request);
    }

    @Override
    public CustomResourceOutcome apply(CustomResourceRequest request) {
        GrantSpec spec = GrantSpec.from(request.properties());
        List<LakeFormationGrant> wanted = spec.grants();
        List<LakeFormationGrant> before = request.isCreate() ? List.of()
                : GrantSpec.ifValid(request.oldProperties()).map(GrantSpec::grants).orElse(List.of());

        // An Update re-grants only what is not in effect, so a redeploy with the same list writes nothing.
        List<LakeFormationGrant> toGrant = request.isCreate() ? wanted : lakeFormation.absent(wanted);
        List<LakeFormationGrant> toRevoke = before.stream().filter(grant -> !wanted.contains(grant)).toList();
        lakeFormation.grant(toGrant);
        lakeFormation.revoke(toRevoke);

        List<LakeFormationGrant> absent = lakeFormation.absent(wanted);
        if (!absent.isEmpty()) {
            throw new CustomResourceFailure("Lake Formation does not show " + absent.size() + " of " + wanted.size()
                    + " grants for " + spec.principalArn() + " after granting: "
                    + CustomResourceFailure.names(absent.stream().map(LakeFormationGrant::id).toList())
                    + ". Check that the principal exists and that the shared tables are registered with Lake"
                    + " Formation in the producer account.");
        }
        LOG.info("lake formation grants in effect", entry("principal", spec.principalArn()),
                entry("granted", ids(toGrant)), entry("revoked", ids(toRevoke)), entry("inEffect", wanted.size()));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("GrantsInEffect", wanted.size());
        data.put("Granted", toGrant.size());
        data.put("Revoked", toRevoke.size());
        data.put("PrincipalArn", spec.principalArn());
        return new CustomResourceOutcome(physicalId(request), data,
                Map.of("GrantsGranted", (double) toGrant.size(), "GrantsRevoked", (double) toRevoke.size()));
    }

    /** Delete: revokes every grant of the properties; grants already gone count as revoked. */
    @Override
    public CustomResourceOutcome remove(CustomResourceRequest request) {
        List<LakeFormationGrant> grants = GrantSpec.ifValid(request.properties()).map(GrantSpec::grants)
                .orElse(List.of());
        lakeFormation.revoke(grants);
        LOG.info("lake formation grants revoked", entry("revoked", ids(grants)));
        return new CustomResourceOutcome(physicalId(request), Map.of("Revoked", grants.size()),
                Map.of("GrantsRevoked", (double) grants.size()));
    }

    @Override
    public String timeoutAdvice() {
        return "Lake Formation answered too slowly or kept throttling; a retry grants only what is still missing";
    }

    static String physicalId(CustomResourceRequest request) {
        return request.physicalResourceId() != null ? request.physicalResourceId()
                : GrantSpec.physicalId(request.stackName(), request.logicalResourceId());
    }

    private static List<String> ids(List<LakeFormationGrant> grants) {
        return grants.stream().map(LakeFormationGrant::id).toList();
    }
}
