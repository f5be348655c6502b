package dev.connectconfig.grants;

import dev.connectconfig.testing.SdkFaults;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.lakeformation.LakeFormationClient;
import software.amazon.awssdk.services.lakeformation.model.BatchGrantPermissionsRequest;
import software.amazon.awssdk.services.lakeformation.model.BatchGrantPermissionsResponse;
import software.amazon.awssdk.services.lakeformation.model.BatchPermissionsFailureEntry;
import software.amazon.awssdk.services.lakeformation.model.BatchPermissionsRequestEntry;
import software.amazon.awssdk.services.lakeformation.model.BatchRevokePermissionsRequest;
import software.amazon.awssdk.services.lakeformation.model.BatchRevokePermissionsResponse;
import software.amazon.awssdk.services.lakeformation.model.ColumnWildcard;
import software.amazon.awssdk.services.lakeformation.model.DataLakePrincipal;
import software.amazon.awssdk.services.lakeformation.model.ErrorDetail;
import software.amazon.awssdk.services.lakeformation.model.InvalidInputException;
import software.amazon.awssdk.services.lakeformation.model.ListPermissionsRequest;
import software.amazon.awssdk.services.lakeformation.model.ListPermissionsResponse;
import software.amazon.awssdk.services.lakeformation.model.Permission;
import software.amazon.awssdk.services.lakeformation.model.PrincipalResourcePermissions;
import software.amazon.awssdk.services.lakeformation.model.Resource;
import software.amazon.awssdk.services.lakeformation.model.TableWithColumnsResource;
import software.amazon.awssdk.services.lakeformation.model.ThrottledException;

/**
 * Lake Formation's permissions in memory, at the SDK boundary: principal → resource → permissions, answering like
 * the service does — per-entry failures in the batch response (an already-held grant, a revoke of nothing), at most
 * 20 entries per batch call, and SELECT on a whole table listed as a TableWithColumns resource. It records every
 * request and can be told to refuse an entry or to accept one without recording it; {@link #faults()} throttles,
 * fails unexpectedly or hangs.
 */
final class InMemoryLakeFormation implements LakeFormationClient {

    private final Map<String, Map<Resource, Set<Permission>>> grants = new ConcurrentHashMap<>();
    private final List<SdkRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> refusedEntries = new ConcurrentHashMap<>();
    private final Set<String> silentlyDropped = ConcurrentHashMap.newKeySet();
    private final SdkFaults faults = new SdkFaults("LakeFormation", "ThrottledException",
            ThrottledException.builder());

    /** Puts a grant as an administrator might have made it, outside CloudFormation. */
    void existing(String principal, Resource resource, Permission... permissions) {
        grants.computeIfAbsent(principal, p -> new ConcurrentHashMap<>())
                .computeIfAbsent(resource, r -> EnumSet.noneOf(Permission.class))
                .addAll(List.of(permissions));
    }

    /** The principal's grants, by resource. */
    Map<Resource, Set<Permission>> grantsOf(String principal) {
        return Map.copyOf(grants.getOrDefault(principal, Map.of()));
    }

    List<SdkRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    <T extends SdkRequest> List<T> requests(Class<T> type) {
        return requests().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Entries per BatchGrantPermissions call, in order. */
    List<Integer> grantBatchSizes() {
        return requests(BatchGrantPermissionsRequest.class).stream().map(r -> r.entries().size()).toList();
    }

    /** Batch entries with this id fail with {@code errorCode}, as Lake Formation reports a real refusal. */
    void refuse(String entryId, String errorCode) {
        refusedEntries.put(entryId, errorCode);
    }

    /** Batch grants with this id report success but change nothing (a grant that does not take). */
    void dropSilently(String entryId) {
        silentlyDropped.add(entryId);
    }

    /** Throttling, unexpected failures and hanging calls. */
    SdkFaults faults() {
        return faults;
    }

    @Override
    public BatchGrantPermissionsResponse batchGrantPermissions(BatchGrantPermissionsRequest request) {
        before(request);
        checkBatch(request.entries());
        List<BatchPermissionsFailureEntry> failures = new ArrayList<>();
        for (BatchPermissionsRequestEntry entry : request.entries()) {
            Set<Permission> held = grants.getOrDefault(principal(entry), Map.of()).get(entry.resource());
            if (refusedEntries.containsKey(entry.id())) {
                failures.add(refusal(entry));
            } else if (held != null && held.containsAll(entry.permissions())) {
                failures.add(failure(entry, "AlreadyExistsException", "Permissions modification is invalid:"
                        + " the principal already has the permissions."));
            } else if (!silentlyDropped.contains(entry.id())) {
                existing(principal(entry), entry.resource(), entry.permissions().toArray(new Permission[0]));
            }
        }
        return BatchGrantPermissionsResponse.builder().failures(failures).build();
    }

    @Override
    public BatchRevokePermissionsResponse batchRevokePermissions(BatchRevokePermissionsRequest request) {
        before(request);
        checkBatch(request.entries());
        List<BatchPermissionsFailureEntry> failures = new ArrayList<>();
        for (BatchPermissionsRequestEntry entry : request.entries()) {
            Map<Resource, Set<Permission>> byResource = grants.getOrDefault(principal(entry), new LinkedHashMap<>());
            Set<Permission> held = byResource.get(entry.resource());
            if (refusedEntries.containsKey(entry.id())) {
                failures.add(refusal(entry));
            } else if (held == null || !held.removeAll(entry.permissions())) {
                failures.add(failure(entry, "InvalidInputException", "No permissions revoked. Grantee has no"
                        + " permissions and no grantable permissions on resource"));
            } else if (held.isEmpty()) {
                byResource.remove(entry.resource());
            }
        }
        return BatchRevokePermissionsResponse.builder().failures(failures).build();
    }

    @Override
    public ListPermissionsResponse listPermissions(ListPermissionsRequest request) {
        before(request);
        List<PrincipalResourcePermissions> all = new ArrayList<>();
        String principal = request.principal().dataLakePrincipalIdentifier();
        Set<Permission> held = grants.getOrDefault(principal, Map.of()).get(request.resource());
        if (held != null) {
            Set<Permission> plain = new HashSet<>(held);
            if (plain.remove(Permission.SELECT)) {
                // Lake Formation lists SELECT on a whole table as the table with a column wildcard.
                all.add(entry(principal, Resource.builder().tableWithColumns(TableWithColumnsResource.builder()
                        .catalogId(request.resource().table().catalogId())
                        .databaseName(request.resource().table().databaseName())
                        .name(request.resource().table().name())
                        .columnWildcard(ColumnWildcard.builder().build())
                        .build()).build(), List.of(Permission.SELECT)));
            }
            if (!plain.isEmpty()) {
                all.add(entry(principal, request.resource(), List.copyOf(plain)));
            }
        }
        // One entry per page, so every caller has to follow NextToken.
        int from = request.nextToken() == null ? 0 : Integer.parseInt(request.nextToken());
        return ListPermissionsResponse.builder()
                .principalResourcePermissions(all.subList(Math.min(from, all.size()), Math.min(from + 1, all.size())))
                .nextToken(from + 1 < all.size() ? Integer.toString(from + 1) : null)
                .build();
    }

    private void before(SdkRequest request) {
        requests.add(request);
        faults.onCall();
    }

    /** Lake Formation rejects a batch of more than 20 entries, or with repeated ids, outright. */
    private void checkBatch(List<BatchPermissionsRequestEntry> entries) {
        if (entries.size() > 20 || entries.stream().map(BatchPermissionsRequestEntry::id).distinct().count()
                != entries.size()) {
            throw faults.error(InvalidInputException.builder(), "InvalidInputException",
                    "1 validation error detected: Value at 'entries' failed to satisfy constraint");
        }
    }

    private static String principal(BatchPermissionsRequestEntry entry) {
        return entry.principal().dataLakePrincipalIdentifier();
    }

    private static PrincipalResourcePermissions entry(String principal, Resource resource,
            List<Permission> permissions) {
        return PrincipalResourcePermissions.builder()
                .principal(DataLakePrincipal.builder().dataLakePrincipalIdentifier(principal).build())
                .resource(resource)
                .permissions(permissions)
                .build();
    }

    private static BatchPermissionsFailureEntry failure(BatchPermissionsRequestEntry entry, String code,
            String message) {
        return BatchPermissionsFailureEntry.builder()
                .requestEntry(entry)
                .error(ErrorDetail.builder().errorCode(code).errorMessage(message).build())
                .build();
    }

    private BatchPermissionsFailureEntry refusal(BatchPermissionsRequestEntry entry) {
        Resource resource = entry.resource();
        return failure(entry, refusedEntries.get(entry.id()), "Insufficient Lake Formation permission(s) on "
                + (resource.table() != null ? resource.table().name() : resource.database().name()));
    }

    @Override
    public String serviceName() {
        return "lakeformation";
    }

    @Override
    public void close() {
    }
}
