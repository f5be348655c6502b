package dev.connectconfig.flowconfig;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.connectconfig.api.ApiAnswer;
import dev.connectconfig.api.auth.Caller;
import dev.connectconfig.api.auth.FlowConfigAction;
import dev.connectconfig.api.auth.FlowConfigAuthorizer;
import dev.connectconfig.api.auth.VerifiedPermissionsAuthorizer;
import dev.connectconfig.api.errors.ApiException;
import dev.connectconfig.core.calendar.HolidayCalendar;
import dev.connectconfig.core.json.FlowConfigJson;
import dev.connectconfig.core.validation.FlowConfigValidator;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The configs a caller may see: the catalog read by id prefix, narrowed first to what the caller's scopes name
 * ({@link ScopeRanges}), a page at a time, and the authorizer asked about ids in parallel batches, so a page costs one
 * Query and a few concurrent decisions.
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
    private final ParallelCalls calls;
    private final Clock clock;

    ConfigCatalog(FlowConfigRepository repository, FlowConfigAuthorizer authorizer) {
        this(repository, authorizer, ParallelCalls.SEQUENTIAL);
    }

    ConfigCatalog(FlowConfigRepository repository, FlowConfigAuthorizer authorizer, ParallelCalls calls) {
        this(repository, authorizer, calls, Clock.systemUTC());
    }

    /** @param clock the time a list's status is evaluated at */
    ConfigCatalog(FlowConfigRepository repository, FlowConfigAuthorizer authorizer, ParallelCalls calls, Clock clock) {
        this.repository = repository;
        this.authorizer = authorizer;
        this.calls = calls;
        this.clock = clock;
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
        // Only what the caller's scopes name is read and asked about: a page costs one Query and a few parallel
        // authorisation batches, however much of the catalog lies outside the caller's scopes.
        ScopeRanges ranges = ScopeRanges.readable(caller, prefix);
        List<ConfigSummary> found = new ArrayList<>();
        String cursor = after;
        boolean more = !ranges.isEmpty();
        int examined = 0;
        while (more && found.size() < limit && examined < MAX_EXAMINED_PER_PAGE) {
            // One id more than the page needs, read but not asked about: a full page says "more" only when a config
            // follows it, so a client never asks for an empty last page.
            int needed = Math.min(limit - found.size(), MAX_EXAMINED_PER_PAGE - examined);
            FlowConfigRepository.CatalogPage page = read(ranges, cursor, needed + 1, true);
            if (page.items().isEmpty()) {
                more = false;
                break;
            }
            List<ConfigSummary> asked = page.items().subList(0, Math.min(needed, page.items().size()));
            Set<String> readable = allowed(caller, FlowConfigAction.READ,
                    asked.stream().map(ConfigSummary::id).toList());
            asked.stream().filter(item -> readable.contains(item.id())).forEach(found::add);
            examined += asked.size();
            cursor = asked.get(asked.size() - 1).id();
            more = page.items().size() > asked.size() || page.lastEvaluatedId() != null;
        }
        String resumeAfter = more ? cursor : null;
        ObjectNode body = FlowConfigJson.MAPPER.createObjectNode();
        ArrayNode items = body.putArray("items");
        // Every row's status at one instant: the summaries written with each config, no read per row; the
        // calendars their schedules name are read once for the page, as they are now.
        Instant now = clock.instant();
        Map<ConfigSummary, ListStatus.Stored> statuses = new java.util.IdentityHashMap<>();
        Set<String> calendarIds = new java.util.TreeSet<>();
        found.forEach(summary -> {
            ListStatus.Stored kept = ListStatus.read(summary.listStatus(), now);
            statuses.put(summary, kept);
            if (kept != null) {
                calendarIds.addAll(kept.calendarIds());
            }
        });
        Map<String, HolidayCalendar> calendars = calendarIds.isEmpty() ? Map.of()
                : repository.findCalendars(calendarIds);
        found.forEach(summary -> {
            ObjectNode item = items.addObject().put("id", summary.id()).put("description", summary.description())
                    .put("version", summary.version());
            item.put("updatedAt", summary.updatedAt()).put("updatedBy", summary.updatedBy());
            item.set("status", ListStatus.evaluate(statuses.get(summary), now, calendars));
        });
        if (resumeAfter != null) {
            body.put("nextToken", new PageToken(scope, resumeAfter).encode());
        }
        return ApiAnswer.ok(body);
    }

    /**
     * At most {@code max} entries of {@code ranges} after {@code after} (null: from the start), in id order;
     * {@code lastEvaluatedId} is set when more may follow.
     */
    FlowConfigRepository.CatalogPage read(ScopeRanges ranges, String after, int max) {
        return read(ranges, after, max, false);
    }

    /** As {@link #read(ScopeRanges, String, int)}; {@code withStatus} reads each entry's list status too. */
    FlowConfigRepository.CatalogPage read(ScopeRanges ranges, String after, int max, boolean withStatus) {
        List<ConfigSummary> items = new ArrayList<>();
        List<ScopeRanges.Range> all = ranges.ranges();
        for (int r = 0; r < all.size(); r++) {
            ScopeRanges.Range range = all.get(r);
            String prefix = range.prefix();
            String start;
            if (after == null || (after.compareTo(prefix) < 0 && !after.startsWith(prefix))) {
                start = null;
            } else if (after.startsWith(prefix) && !range.exact()) {
                start = after;
            } else {
                continue; // the whole range lies at or before after
            }
            if (range.exact()) {
                // The id itself is the first entry that starts with it.
                (withStatus ? repository.listed(prefix, null, 1) : repository.catalog(prefix, null, 1)).items()
                        .stream().filter(item -> item.id().equals(prefix))
                        .forEach(items::add);
            } else {
                FlowConfigRepository.CatalogPage page;
                do {
                    String from = prefix.isEmpty() ? null : prefix;
                    page = withStatus ? repository.listed(from, start, max - items.size())
                            : repository.catalog(from, start, max - items.size());
                    items.addAll(page.items());
                    start = page.lastEvaluatedId();
                } while (start != null && items.size() < max);
                if (start != null) {
                    return new FlowConfigRepository.CatalogPage(items, start);
                }
            }
            if (items.size() >= max) {
                return new FlowConfigRepository.CatalogPage(items, r + 1 < all.size()
                        ? items.get(items.size() - 1).id() : null);
            }
        }
        return new FlowConfigRepository.CatalogPage(items, null);
    }

    /**
     * Every id under {@code prefix} that the caller's scopes name, in id order; stops once more than {@code enough}
     * are read. Reading the catalog costs no authorisation.
     */
    List<String> scopedIds(Caller caller, String prefix, int enough) {
        List<String> ids = new ArrayList<>();
        ScopeRanges ranges = ScopeRanges.readable(caller, prefix);
        String after = null;
        while (!ranges.isEmpty() && ids.size() <= enough) {
            FlowConfigRepository.CatalogPage page = read(ranges, after, Math.min(PAGE, enough + 1 - ids.size()));
            page.items().forEach(item -> ids.add(item.id()));
            if (page.lastEvaluatedId() == null || page.items().isEmpty()) {
                break;
            }
            after = page.items().get(page.items().size() - 1).id();
        }
        return ids;
    }

    /** Every id under {@code prefix} the caller may read, in id order. */
    List<String> readableIds(Caller caller, String prefix) {
        List<String> ids = scopedIds(caller, prefix, Integer.MAX_VALUE - 1);
        Set<String> readable = allowed(caller, FlowConfigAction.READ, ids);
        return ids.stream().filter(readable::contains).toList();
    }

    /** The actions among {@code actions} the caller may take on {@code id}: one question to the authorizer. */
    Set<FlowConfigAction> permitted(Caller caller, String id, Set<FlowConfigAction> actions) {
        return authorizer.permitted(caller, id, actions);
    }

    /**
     * The ids among {@code ids} the caller may act on, asked {@link #AUTHORIZATION_BATCH} at a time, a few batches
     * in parallel.
     */
    Set<String> allowed(Caller caller, FlowConfigAction action, List<String> ids) {
        Set<String> allowed = new HashSet<>();
        calls.map(ParallelCalls.chunks(ids, AUTHORIZATION_BATCH), batch -> authorizer.allowed(caller, action, batch))
                .forEach(allowed::addAll);
        return allowed;
    }

    ParallelCalls calls() {
        return calls;
    }
}
