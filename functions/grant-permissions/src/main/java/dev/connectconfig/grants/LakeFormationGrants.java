package dev.connectconfig.grants;

import dev.connectconfig.aws.AwsClients;
import dev.connectconfig.aws.AwsErrors;
import dev.connectconfig.platform.ParallelCalls;
import dev.connectconfig.platform.cloudformation.CustomResourceFailure;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import software.amazon.awssdk.services.lakeformation.LakeFormationClient;
import software.amazon.awssdk.services.lakeformation.model.BatchPermissionsFailureEntry;
import software.amazon.awssdk.services.lakeformation.model.BatchPermissionsRequestEntry;
import software.amazon.awssdk.services.lakeformation.model.EntityNotFoundException;
import software.amazon.awssdk.services.lakeformation.model.ErrorDetail;
import software.amazon.awssdk.services.lakeformation.model.LakeFormationException;
import software.amazon.awssdk.services.lakeformation.model.ListPermissionsResponse;
import software.amazon.awssdk.services.lakeformation.model.Permission;
import software.amazon.awssdk.services.lakeformation.model.PrincipalResourcePermissions;

/**
 * Lake Formation's batch grant, batch revoke and list calls. Batch calls report per-entry failures in a list, not as
 * an exception: "already granted" (on grant) and "not granted" (on revoke) are what was wanted; anything else fails
 * the resource with the entries named.
 */
final class LakeFormationGrants {

    /** BatchGrantPermissions and BatchRevokePermissions take at most 20 entries. */
    static final int BATCH_LIMIT = 20;
    static final int PARALLELISM = 4;
    private static final String GRANTOR_ADVICE = "Make the GrantPermissions function's role (stack output"
            + " GrantPermissionsRoleArn) a Lake Formation data lake administrator, or give it these permissions with"
            + " grant option, then retry.";

    private final LakeFormationClient lakeFormation;

    LakeFormationGrants(LakeFormationClient lakeFormation) {
        this.lakeFormation = lakeFormation;
    }

    /** Lake Formation at {@code endpoint} (null for AWS), with the SDK's standard retries and backoff. */
    static LakeFormationClient client(URI endpoint) {
        return AwsClients.build(LakeFormationClient.builder(), AwsClients.Timeouts.BACKGROUND, endpoint);
    }

    void grant(List<LakeFormationGrant> grants) {
        List<String> refused = batched(grants, "BatchGrantPermissions",
                batch -> lakeFormation.batchGrantPermissions(request -> request.entries(batch)).failures(),
                LakeFormationGrants::alreadyGranted);
        if (!refused.isEmpty()) {
            throw new CustomResourceFailure("Lake Formation refused " + refused.size() + " of " + grants.size()
                    + " grants to " + grants.get(0).principalArn() + ": " + CustomResourceFailure.names(refused)
                    + ". " + GRANTOR_ADVICE);
        }
    }

    void revoke(List<LakeFormationGrant> grants) {
        List<String> refused = batched(grants, "BatchRevokePermissions",
                batch -> lakeFormation.batchRevokePermissions(request -> request.entries(batch)).failures(),
                LakeFormationGrants::notGranted);
        if (!refused.isEmpty()) {
            throw new CustomResourceFailure("Lake Formation refused to revoke " + refused.size() + " of "
                    + grants.size() + " grants from " + grants.get(0).principalArn() + ": "
                    + CustomResourceFailure.names(refused) + ". " + GRANTOR_ADVICE);
        }
    }

    /** The grants Lake Formation does not show as in effect for their principal. */
    List<LakeFormationGrant> absent(List<LakeFormationGrant> grants) {
        return ParallelCalls.map(grants, PARALLELISM, grant -> held(grant).containsAll(grant.permissions()) ? null
                : grant).stream()
                .filter(Objects::nonNull)
                .toList();
    }

    /** Each grant's permissions that its principal already holds (all of them when it holds ALL). */
    Map<LakeFormationGrant, Set<Permission>> held(List<LakeFormationGrant> grants) {
        List<Set<Permission>> held = ParallelCalls.map(grants, PARALLELISM, this::held);
        Map<LakeFormationGrant, Set<Permission>> byGrant = new LinkedHashMap<>();
        for (int i = 0; i < grants.size(); i++) {
            byGrant.put(grants.get(i), held.get(i));
        }
        return byGrant;
    }

    private Set<Permission> held(LakeFormationGrant grant) {
        Set<Permission> held = EnumSet.noneOf(Permission.class);
        try {
            for (ListPermissionsResponse page : lakeFormation.listPermissionsPaginator(request -> request
                    .principal(grant.principal())
                    .resource(grant.resource()))) {
                for (PrincipalResourcePermissions permissions : page.principalResourcePermissions()) {
                    // SELECT on a whole table comes back as a TableWithColumns resource: the filter already chose
                    // the table, so every entry for the principal counts.
                    if (permissions.principal() == null || grant.principalArn().equals(
                            permissions.principal().dataLakePrincipalIdentifier())) {
                        held.addAll(permissions.permissions());
                    }
                }
            }
        } catch (EntityNotFoundException e) {
            return Set.of();
        } catch (LakeFormationException e) {
            throw new CustomResourceFailure("Could not list the Lake Formation permissions of "
                    + grant.principalArn() + " on " + grant.id() + " (" + AwsErrors.describe(e) + "). "
                    + advice(e), e);
        }
        if (held.contains(Permission.ALL)) {
            return Set.copyOf(grant.permissions());
        }
        held.retainAll(grant.permissions());
        return Set.copyOf(held);
    }

    private static List<String> batched(List<LakeFormationGrant> grants, String operation,
            Function<List<BatchPermissionsRequestEntry>, List<BatchPermissionsFailureEntry>> call,
            Predicate<ErrorDetail> isFine) {
        List<String> refused = new ArrayList<>();
        for (int from = 0; from < grants.size(); from += BATCH_LIMIT) {
            List<BatchPermissionsRequestEntry> batch = grants.subList(from, Math.min(grants.size(), from + BATCH_LIMIT))
                    .stream().map(LakeFormationGrant::entry).toList();
            List<BatchPermissionsFailureEntry> failures;
            try {
                failures = call.apply(batch);
            } catch (LakeFormationException e) {
                throw new CustomResourceFailure("Lake Formation " + operation + " failed ("
                        + AwsErrors.describe(e) + "). " + advice(e), e);
            }
            for (BatchPermissionsFailureEntry failure : failures) {
                ErrorDetail error = failure.error();
                if (error != null && isFine.test(error)) {
                    continue;
                }
                String id = failure.requestEntry() == null ? "entry" : failure.requestEntry().id();
                refused.add(id + " (" + (error == null ? "no detail" : error.errorCode() + ": "
                        + error.errorMessage()) + ")");
            }
        }
        return refused;
    }

    private static String advice(LakeFormationException e) {
        return AwsErrors.isThrottling(e) ? "It kept throttling after the SDK's retries; retry the deployment."
                : GRANTOR_ADVICE;
    }

    /** Granting what the principal already holds is what was wanted. */
    static boolean alreadyGranted(ErrorDetail error) {
        return "AlreadyExistsException".equals(error.errorCode())
                || lower(error.errorMessage()).contains("already exist")
                || lower(error.errorMessage()).contains("already granted");
    }

    /** Revoking what the principal does not hold, or on a resource already gone, is what was wanted. */
    static boolean notGranted(ErrorDetail error) {
        String message = lower(error.errorMessage());
        return "EntityNotFoundException".equals(error.errorCode())
                || message.contains("no permissions")
                || message.contains("not found")
                || message.contains("does not exist");
    }

    private static String lower(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT);
    }
}
