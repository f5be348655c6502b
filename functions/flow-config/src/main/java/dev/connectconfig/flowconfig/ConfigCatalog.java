package dev.connectconfig.flowconfig;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.connectconfig.api.ApiAnswer;
import dev.connectconfig.api.auth.Caller;
import dev.connectconfig.api.auth.FlowConfigAction;
import dev.connectconfig.api.auth.FlowConfigAuthorizer;
import dev.connectconfig.api.auth.VerifiedPermissionsAuthorizer;
import dev.connectconfig.api.errors.ApiException;
import dev.connectconfig.core.json.FlowConfigJson;
import dev.connectconfig.core.validation.FlowConfigValidator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The configs a caller may see: the catalog read by id prefix, a page at a time, and the authorizer asked about ids
 * in batches, so a short page costs few decisions.
 */
final class ConfigCatalog {

    /** Query page size; DynamoDB may stop earlier at 1 MB, and reading then simply continues. */
    static final int PAGE = 1_000;
    /** One BatchIsAuthorized call's worth of ids. */
    static final int AUTHORIZATION_BATCH = VerifiedPermissionsAuthorizer.BATCH_LIMIT;
    /** A list request reads at most this many catalog entries looking for ones the caller may read. */
    static final int MAX_EXAMINED_PER_PAGE = 2_000;
    /** What a prefix may hold, said the same way by every endpoint that takes one. */
    static final String PREFIX_RULE = "may only hold letters, digits and + _ - . :";

    private final FlowConfigRepository repository;
    private final FlowConfigAuthorizer authorizer;

    ConfigCatalog(FlowConfigRepository repository, FlowConfigAuthorizer authorizer) {
        this.repository = repository;
        this.authorizer = authorizer;
    }

    /** No prefix (null or empty) selects everything; otherwise the prefix is made of id characters. */
    static boolean isValidPrefix(String prefix) {
        return prefix == null || prefix.isEmpty() || FlowConfigValidator.ID.matcher(prefix).matches();
    }

    /** 400 INVALID_PREFIX unless {@link #isValidPrefix}. */
    static void checkPrefix(String prefix) {
        if (!isValidPrefix(prefix)) {
            throw ApiException.badRequest("INVALID_PREFIX", "prefix " + PREFIX_RULE);
        }
    }

    /** One page of the configs the caller may read, in id order, as GET /flow-configs answers it. */
    ApiAnswer.Json list(Caller caller, String prefix, String limitText, String nextToken) {
        checkPrefix(prefix);
        int limit = PageToken.limit(limitText);
        String scope = "list:" + (prefix == null ? "" : prefix);
        String after = PageToken.decode(nextToken, scope);
        if (after != null && (!FlowConfigValidator.ID.matcher(after).matches()
                || (prefix != null && !after.startsWith(prefix)))) {
            throw ApiException.badRequest("INVALID_TOKEN", "nextToken is not one this query returned.");
        }
        List<ConfigSummary> found = new ArrayList<>();
        String resumeAfter = null;
        int examined = 0;
        while (resumeAfter == null) {
            FlowConfigRepository.CatalogPage page = repository.catalog(prefix, after, PAGE);
            List<ConfigSummary> candidates = page.items();
            int position = 0;
            for (List<ConfigSummary> batch : batches(candidates)) {
                Set<String> readable = allowed(caller, FlowConfigAction.READ,
                        batch.stream().map(ConfigSummary::id).toList());
                for (ConfigSummary candidate : batch) {
                    examined++;
                    position++;
                    if (readable.contains(candidate.id())) {
                        found.add(candidate);
                    }
                    boolean more = position < candidates.size() || page.lastEvaluatedId() != null;
                    if (more && (found.size() == limit || examined >= MAX_EXAMINED_PER_PAGE)) {
                        resumeAfter = candidate.id();
                        break;
                    }
                }
                if (resumeAfter != null) {
                    break;
                }
            }
            if (page.lastEvaluatedId() == null) {
                break;
            }
            after = page.lastEvaluatedId();
        }
        ObjectNode body = FlowConfigJson.MAPPER.createObjectNode();
        ArrayNode items = body.putArray("items");
        found.forEach(summary -> {
            ObjectNode item = items.addObject().put("id", summary.id()).put("description", summary.description())
                    .put("version", summary.version());
            item.put("updatedAt", summary.updatedAt()).put("updatedBy", summary.updatedBy());
        });
        if (resumeAfter != null) {
            body.put("nextToken", new PageToken(scope, resumeAfter).encode());
        }
        return ApiAnswer.ok(body);
    }

    /**
     * Every id under {@code prefix} in id order, read a page at a time; stops after the page that passes
     * {@code enough}.
     */
    List<String> ids(String prefix, int enough) {
        List<String> ids = new ArrayList<>();
        String after = null;
        do {
            FlowConfigRepository.CatalogPage page = repository.catalog(prefix, after, PAGE);
            page.items().forEach(item -> ids.add(item.id()));
            if (ids.size() > enough) {
                break;
            }
            after = page.lastEvaluatedId();
        } while (after != null);
        return ids;
    }

    /** Every id under {@code prefix} the caller may read, in id order. */
    List<String> readableIds(Caller caller, String prefix) {
        List<String> ids = ids(prefix, Integer.MAX_VALUE);
        Set<String> readable = allowed(caller, FlowConfigAction.READ, ids);
        return ids.stream().filter(readable::contains).toList();
    }

    /** The actions among {@code actions} the caller may take on {@code id}: one question to the authorizer. */
    Set<FlowConfigAction> permitted(Caller caller, String id, Set<FlowConfigAction> actions) {
        return authorizer.permitted(caller, id, actions);
    }

    /** The ids among {@code ids} the caller may act on, asked {@link #AUTHORIZATION_BATCH} at a time. */
    Set<String> allowed(Caller caller, FlowConfigAction action, List<String> ids) {
        Set<String> allowed = new HashSet<>();
        for (List<String> batch : batches(ids)) {
            allowed.addAll(authorizer.allowed(caller, action, batch));
        }
        return allowed;
    }

    private static <T> List<List<T>> batches(List<T> items) {
        List<List<T>> batches = new ArrayList<>();
        for (int from = 0; from < items.size(); from += AUTHORIZATION_BATCH) {
            batches.add(items.subList(from, Math.min(items.size(), from + AUTHORIZATION_BATCH)));
        }
        return batches;
    }
}
