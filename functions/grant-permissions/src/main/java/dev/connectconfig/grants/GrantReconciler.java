package dev.connectconfig.grants;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import dev.connectconfig.platform.cloudformation.CustomResourceFailure;
import dev.connectconfig.platform.cloudformation.CustomResourceLifecycle;
import dev.connectconfig.platform.cloudformation.CustomResourceOutcome;
import dev.connectconfig.platform.cloudformation.CustomResourceRequest;
import dev.connectconfig.platform.cloudformation.StackConfiguration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.lakeformation.model.Permission;

/**
 * Keeps the configured principal's Lake Formation grants equal to the configuration the template sets in the
 * function's environment, changing only what this resource granted: permissions the principal held before are used,
 * never recorded as its own, and so never revoked (see {@link GrantRecord}). Create and Update grant what is not in
 * effect and revoke what this resource granted that left the table list; Delete revokes what it granted. Each then
 * checks with ListPermissions that what should be in effect is.
 */
record GrantReconciler(LakeFormationGrants lakeFormation, StackConfiguration configuration)
        implements CustomResourceLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(GrantReconciler.class);

    @Override
    public String physicalIdOnCreate(CustomResourceRequest request) {
        return base(request);
    }

    @Override
    public CustomResourceOutcome apply(CustomResourceRequest request) {
        GrantSpec spec = GrantSpec.from(configuration.asProperties());
        List<LakeFormationGrant> wanted = spec.grants();
        List<LakeFormationGrant> previouslyGranted = ownedBefore(request, spec);
        Map<String, Set<Permission>> ownedBefore = GrantRecord.byId(previouslyGranted);
        Map<String, LakeFormationGrant> wantedById = wanted.stream()
                .collect(Collectors.toMap(LakeFormationGrant::id, Function.identity()));

        // The record, and so the physical id, may change only when the configuration does: CloudFormation then
        // deletes the old id with properties that no longer agree, and remove() revokes nothing for it. With the same
        // configuration a Delete of the old id could not be told from the stack's own, so the record stays as it was.
        boolean recordMayChange = request.isCreate()
                || !GrantSpec.ifValid(request.oldProperties()).equals(Optional.of(spec));

        // Grant only what is not in effect: a permission the principal already holds stays someone else's.
        List<LakeFormationGrant> toGrant = new ArrayList<>();
        Map<String, Set<Permission>> ownedAfter = new LinkedHashMap<>();
        lakeFormation.held(wanted).forEach((grant, held) -> {
            Set<Permission> missing = EnumSet.copyOf(grant.permissions());
            missing.removeAll(held);
            Set<Permission> mine = EnumSet.noneOf(Permission.class);
            if (recordMayChange) {
                mine.addAll(missing);
            }
            mine.addAll(ownedBefore.getOrDefault(grant.id(), Set.of()));
            mine.retainAll(grant.permissions());
            if (!mine.isEmpty()) {
                ownedAfter.put(grant.id(), mine);
            }
            if (!missing.isEmpty()) {
                toGrant.add(new LakeFormationGrant(grant.id(), grant.principalArn(), grant.resource(),
                        List.copyOf(missing)));
            }
        });
        List<LakeFormationGrant> toRevoke = previouslyGranted.stream()
                .filter(grant -> !wantedById.containsKey(grant.id()))
                .toList();

        String physicalId = GrantRecord.physicalId(base(request), spec, ownedAfter);
        try {
            lakeFormation.grant(toGrant);
            lakeFormation.revoke(toRevoke);
            List<LakeFormationGrant> absent = lakeFormation.absent(wanted);
            if (!absent.isEmpty()) {
                throw new CustomResourceFailure("Lake Formation does not show " + absent.size() + " of "
                        + wanted.size() + " grants for " + spec.principalArn() + " after granting: "
                        + CustomResourceFailure.names(absent.stream().map(LakeFormationGrant::id).toList())
                        + ". Check that the principal exists and that the shared tables are registered with Lake"
                        + " Formation in the producer account.");
            }
        } catch (CustomResourceFailure failure) {
            throw undone(request, failure, toGrant, physicalId);
        }

        int alreadyHeld = (int) wanted.stream()
                .filter(grant -> !ownedAfter.getOrDefault(grant.id(), Set.of()).containsAll(grant.permissions()))
                .count();
        LOG.info("lake formation grants in effect", entry("principal", spec.principalArn()),
                entry("granted", ids(toGrant)), entry("revoked", ids(toRevoke)), entry("inEffect", wanted.size()),
                entry("alreadyHeld", alreadyHeld));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("GrantsInEffect", wanted.size());
        data.put("Granted", toGrant.size());
        data.put("Revoked", toRevoke.size());
        data.put("AlreadyHeld", alreadyHeld);
        data.put("PrincipalArn", spec.principalArn());
        return new CustomResourceOutcome(physicalId, data,
                Map.of("GrantsGranted", (double) toGrant.size(), "GrantsRevoked", (double) toRevoke.size()));
    }

    /**
     * What this resource granted before this event, in grants of the old spec: nothing for a Create. An Update reads
     * the record its physical id carries against the old properties; a record made for another principal or other
     * databases is not acted on, because only values from the function's environment may decide a revocation.
     */
    private List<LakeFormationGrant> ownedBefore(CustomResourceRequest request, GrantSpec spec) {
        if (request.isCreate() || !request.physicalIdConfirmed()) {
            return List.of(); // a record is trusted only as the physical id CloudFormation holds
        }
        Optional<GrantSpec> old = GrantSpec.ifValid(request.oldProperties());
        List<LakeFormationGrant> owned = old.flatMap(before -> GrantRecord.owned(request.physicalResourceId(),
                base(request), before)).orElse(List.of());
        if (old.isPresent() && !old.get().sameScope(spec) && !owned.isEmpty()) {
            LOG.warn("grants this resource made for another principal or other databases are left in place; only"
                    + " what the template configures now may be revoked", entry("previousPrincipal",
                    old.get().principalArn()), entry("left", ids(owned)));
            return List.of();
        }
        return owned;
    }

    /**
     * A failure after granting: what this operation granted is revoked before answering, so the resource is as it
     * was. If that fails too, a Create reports the id recording what it granted, and the rollback's Delete revokes it.
     */
    private CustomResourceFailure undone(CustomResourceRequest request, CustomResourceFailure failure,
            List<LakeFormationGrant> attempted, String physicalId) {
        try {
            // Only what took: revoking an entry Lake Formation refused to grant would be refused too.
            List<LakeFormationGrant> granted = new ArrayList<>();
            lakeFormation.held(attempted).forEach((grant, held) -> {
                if (!held.isEmpty()) {
                    granted.add(new LakeFormationGrant(grant.id(), grant.principalArn(), grant.resource(),
                            List.copyOf(held)));
                }
            });
            lakeFormation.revoke(granted);
            LOG.warn("revoked what the failed operation had granted", entry("revoked", ids(granted)));
            return failure;
        } catch (CustomResourceFailure undo) {
            LOG.error("could not revoke what the failed operation granted", entry("grants", ids(attempted)), undo);
            // A Create can still hand the record to CloudFormation, whose rollback Delete then revokes it.
            return request.isCreate() ? new CustomResourceFailure(failure.reason(), failure, physicalId) : failure;
        }
    }

    /** Delete: revokes what this resource granted, by its record; grants already gone count as revoked. */
    @Override
    public CustomResourceOutcome remove(CustomResourceRequest request) {
        List<LakeFormationGrant> owned = List.of();
        if (!request.physicalIdConfirmed()) {
            // Not the id CloudFormation holds (a replaced resource's, whose grants now belong to the current id):
            // what it records cannot be trusted, so nothing is revoked for it.
            LOG.info("delete of an id CloudFormation no longer holds: nothing revoked",
                    entry("physicalResourceId", request.physicalResourceId()));
        } else if (!configuration.agreesWith(request.properties())) {
            // The old properties of a resource an Update replaced (its grants now belong to the new id), or an
            // event CloudFormation did not send: either way nothing of the configured grants is this id's to revoke.
            LOG.info("delete of a resource whose properties are not the configured ones: nothing revoked",
                    entry("physicalResourceId", request.physicalResourceId()),
                    entry("properties", configuration.disagreements(request.properties())));
        } else {
            // A configuration that was never valid never granted anything.
            owned = GrantSpec.ifValid(configuration.asProperties()).flatMap(spec -> GrantRecord.owned(
                    request.physicalResourceId(), base(request), spec)).orElse(List.of());
            lakeFormation.revoke(owned);
        }
        LOG.info("lake formation grants revoked", entry("revoked", ids(owned)));
        return new CustomResourceOutcome(request.physicalResourceId(), Map.of("Revoked", owned.size()),
                Map.of("GrantsRevoked", (double) owned.size()));
    }

    @Override
    public String timeoutAdvice() {
        return "Lake Formation answered too slowly or kept throttling; a retry grants only what is still missing";
    }

    private static String base(CustomResourceRequest request) {
        return GrantSpec.physicalId(request.stackName(), request.logicalResourceId());
    }

    private static List<String> ids(List<LakeFormationGrant> grants) {
        return grants.stream().map(LakeFormationGrant::id).toList();
    }
}
