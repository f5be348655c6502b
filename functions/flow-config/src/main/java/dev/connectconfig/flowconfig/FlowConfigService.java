package dev.connectconfig.flowconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.connectconfig.shared.auth.Caller;
import dev.connectconfig.shared.auth.FlowConfigAction;
import dev.connectconfig.shared.auth.FlowConfigAuthorizer;
import dev.connectconfig.shared.errors.ApiException;
import dev.connectconfig.shared.json.FlowConfigJson;
import dev.connectconfig.shared.model.FlowConfig;
import dev.connectconfig.shared.validation.FlowConfigValidator;
import dev.connectconfig.shared.validation.Violation;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The FlowConfig API's rules: who may do what (asked of the authorizer with the action the change really is),
 * validation before any write, optimistic concurrency on {@code version}, and history kept with every write.
 */
final class FlowConfigService {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;
    /** A list request reads at most this many catalog entries looking for ones the caller may read. */
    static final int MAX_EXAMINED_PER_PAGE = 2_000;
    /** Query page size; DynamoDB may stop earlier at 1 MB, and listing then simply continues. */
    static final int CATALOG_PAGE = 1_000;
    /** Candidates are judged in batches of BatchIsAuthorized's size, so a short page costs few decisions. */
    static final int AUTHORIZATION_BATCH = 30;
    /** Ids the API's own routes take: /flow-configs/export, /flow-configs/import and /flow-configs/emergency. */
    static final Set<String> ROUTE_IDS = Set.of("export", "import", "emergency");

    private final FlowConfigRepository repository;
    private final FlowConfigAuthorizer authorizer;
    private final Clock clock;
    private final ConfigTransfer transfer;

    FlowConfigService(FlowConfigRepository repository, FlowConfigAuthorizer authorizer, Clock clock) {
        this.repository = repository;
        this.authorizer = authorizer;
        this.clock = clock;
        this.transfer = new ConfigTransfer(repository, authorizer, this);
    }

    ConfigTransfer transfer() {
        return transfer;
    }

    FlowConfigRepository repository() {
        return repository;
    }

    FlowConfigAuthorizer authorizer() {
        return authorizer;
    }

    ApiResult list(Caller caller, String prefix, String limitText, String nextToken) {
        if (prefix != null && !prefix.isEmpty() && !FlowConfigValidator.ID.matcher(prefix).matches()) {
            throw ApiException.badRequest("INVALID_PREFIX", "prefix may only hold letters, digits and + _ - . :");
        }
        int limit = limit(limitText);
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
            FlowConfigRepository.CatalogPage page = repository.catalog(prefix, after, CATALOG_PAGE);
            List<ConfigSummary> candidates = page.items();
            for (int from = 0; from < candidates.size() && resumeAfter == null; from += AUTHORIZATION_BATCH) {
                List<ConfigSummary> batch = candidates.subList(from, Math.min(candidates.size(),
                        from + AUTHORIZATION_BATCH));
                Set<String> readable = authorizer.allowed(caller, FlowConfigAction.READ,
                        batch.stream().map(ConfigSummary::id).toList());
                for (int i = 0; i < batch.size(); i++) {
                    examined++;
                    if (readable.contains(batch.get(i).id())) {
                        found.add(batch.get(i));
                    }
                    boolean more = from + i < candidates.size() - 1 || page.lastEvaluatedId() != null;
                    if (more && (found.size() == limit || examined >= MAX_EXAMINED_PER_PAGE)) {
                        resumeAfter = batch.get(i).id();
                        break;
                    }
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
        return ApiResult.ok(body);
    }

    ApiResult get(Caller caller, String id) {
        checkId(id);
        authorizer.require(caller, FlowConfigAction.READ, id);
        FlowConfig config = repository.find(id).orElseThrow(() -> notFound(id));
        return withETag(200, config);
    }

    ApiResult put(Caller caller, String id, JsonNode body, String ifMatch, String ifNoneMatch) {
        checkId(id);
        authorizer.require(caller, FlowConfigAction.READ, id);
        Precondition precondition = Precondition.of(ifMatch, ifNoneMatch);
        FlowConfig submitted = parseConfig(body, id, "");
        Optional<FlowConfig> stored = repository.find(id);
        FlowConfig config = write(caller, precondition, stored, submitted, "updated");
        return withETag(stored.isEmpty() ? 201 : 200, config);
    }

    ApiResult delete(Caller caller, String id, String ifMatch) {
        checkId(id);
        authorizer.require(caller, FlowConfigAction.READ, id);
        Precondition precondition = Precondition.of(ifMatch, null);
        if (precondition.create()) {
            throw ApiException.badRequest("INVALID_PRECONDITION", "Delete with If-Match: <version>.");
        }
        FlowConfig stored = repository.find(id).orElseThrow(() -> notFound(id));
        precondition.check(stored);
        authorizer.require(caller, FlowConfigAction.DELETE, id);
        commit(new FlowConfigRepository.Change(stored, null, "deleted", now(), caller.name()));
        return new ApiResult(204, null, Map.of());
    }

    ApiResult versions(Caller caller, String id, String limitText, String nextToken) {
        checkId(id);
        authorizer.require(caller, FlowConfigAction.READ, id);
        int limit = limit(limitText);
        String scope = "versions:" + id;
        String before = PageToken.decode(nextToken, scope);
        Long beforeVersion = before == null ? null : parseVersion(before, "nextToken");
        ObjectNode body = FlowConfigJson.MAPPER.createObjectNode().put("id", id);
        ArrayNode items = body.putArray("versions");
        Optional<FlowConfig> current = before == null ? repository.find(id) : Optional.empty();
        current.ifPresent(config -> items.addObject().put("version", config.version()).put("current", true)
                .put("updatedAt", config.updatedAt()).put("updatedBy", config.updatedBy()));
        FlowConfigRepository.HistoryPage page;
        if (items.size() < limit) {
            page = repository.history(id, beforeVersion, limit - items.size());
        } else {
            // The current version fills the page: the history starts on the next one, if there is any.
            long currentVersion = current.orElseThrow().version();
            page = new FlowConfigRepository.HistoryPage(List.of(),
                    repository.latestArchivedVersion(id) > 0 ? currentVersion : null);
        }
        for (HistoryEntry entry : page.entries()) {
            items.addObject().put("version", entry.version()).put("current", false)
                    .put("updatedAt", entry.updatedAt()).put("updatedBy", entry.updatedBy())
                    .put("archivedAt", entry.archivedAt()).put("archivedBy", entry.archivedBy())
                    .put("archivedBecause", entry.archivedBecause());
        }
        if (items.isEmpty() && before == null) {
            throw notFound(id);
        }
        if (page.lastEvaluatedVersion() != null) {
            body.put("nextToken", new PageToken(scope, Long.toString(page.lastEvaluatedVersion())).encode());
        }
        return ApiResult.ok(body);
    }

    ApiResult version(Caller caller, String id, String versionText) {
        checkId(id);
        long version = parseVersion(versionText, "n");
        authorizer.require(caller, FlowConfigAction.READ, id);
        return withETag(200, findVersion(id, version));
    }

    ApiResult restore(Caller caller, String id, String versionText, String ifMatch, String ifNoneMatch) {
        checkId(id);
        long version = parseVersion(versionText, "n");
        authorizer.require(caller, FlowConfigAction.READ, id);
        Precondition precondition = Precondition.of(ifMatch, ifNoneMatch);
        Optional<FlowConfig> stored = repository.find(id);
        FlowConfig target = findVersion(id, version);
        if (stored.isPresent() && stored.get().version() == version) {
            throw ApiException.conflict("Version " + version + " of '" + id + "' is already the current one.");
        }
        List<Violation> violations = FlowConfigValidator.validate(target);
        if (!violations.isEmpty()) {
            throw new ApiException(409, "VERSION_INVALID", "Version " + version
                    + " does not pass today's validation; edit the current config instead.", violations);
        }
        precondition.check(stored.orElse(null));
        authorizer.require(caller, FlowConfigAction.RESTORE, id);
        long nextVersion = nextVersion(id, stored);
        FlowConfig restored = target.withBookkeeping(nextVersion, now(), caller.name());
        commit(new FlowConfigRepository.Change(stored.orElse(null), restored, "restored", restored.updatedAt(),
                caller.name()));
        return withETag(200, restored);
    }

    /**
     * Creates or replaces {@code submitted} as the caller, after the precondition, validation and the authorizer's
     * verdict on the action the change really is. Returns what was stored.
     */
    FlowConfig write(Caller caller, Precondition precondition, Optional<FlowConfig> stored, FlowConfig submitted,
            String reason) {
        validate(submitted, "");
        precondition.check(stored.orElse(null));
        FlowConfigAction action = stored.isEmpty() ? FlowConfigAction.CREATE
                : ConfigChange.between(stored.get(), submitted).action();
        authorizer.require(caller, action, submitted.id());
        FlowConfig next = submitted.withBookkeeping(nextVersion(submitted.id(), stored), now(), caller.name());
        commit(new FlowConfigRepository.Change(stored.orElse(null), next, reason, next.updatedAt(), caller.name()));
        return next;
    }

    long nextVersion(String id, Optional<FlowConfig> stored) {
        return stored.map(FlowConfig::version).orElseGet(() -> repository.latestArchivedVersion(id)) + 1;
    }

    /** Parses a config from JSON strictly; the path's id wins and a different id in the body is refused. */
    FlowConfig parseConfig(JsonNode body, String id, String fieldPrefix) {
        List<Violation> violations = new ArrayList<>();
        FlowConfig parsed = FlowConfigJson.fromJson(body, violations);
        if (parsed != null && parsed.id() != null && !parsed.id().equals(id)) {
            violations.add(new Violation("id", "must match the id in the path ('" + id + "') or be left out"));
        }
        if (!violations.isEmpty()) {
            throw ApiException.invalid(prefixed(violations, fieldPrefix));
        }
        return new FlowConfig(id, parsed.description(), parsed.variables(), parsed.schema(), parsed.prompts(),
                parsed.defaultLanguage(), 0, null, null, parsed.timeZone(), parsed.schedules());
    }

    /** The content rules; an item near DynamoDB's limit is a 413, everything else a 400 naming the field. */
    static void validate(FlowConfig config, String fieldPrefix) {
        if (FlowConfigValidator.approximateItemBytes(config) > FlowConfigValidator.MAX_ITEM_BYTES) {
            throw new ApiException(413, "TOO_LARGE", "The config '" + config.id() + "' is larger than "
                    + FlowConfigValidator.MAX_ITEM_BYTES / 1024 + " KB; split it into several configs.",
                    List.of(new Violation(fieldPrefix.isEmpty() ? "" : fieldPrefix.substring(0,
                            fieldPrefix.length() - 1), "too large")));
        }
        List<Violation> violations = FlowConfigValidator.validate(config);
        if (!violations.isEmpty()) {
            throw ApiException.invalid(prefixed(violations, fieldPrefix));
        }
    }

    static List<Violation> prefixed(List<Violation> violations, String prefix) {
        if (prefix.isEmpty()) {
            return violations;
        }
        return violations.stream().map(v -> new Violation(v.field().isEmpty() ? prefix.substring(0,
                prefix.length() - 1) : prefix + v.field(), v.message())).toList();
    }

    FlowConfig findVersion(String id, long version) {
        Optional<FlowConfig> stored = repository.find(id);
        if (stored.isPresent() && stored.get().version() == version) {
            return stored.get();
        }
        return repository.archivedVersion(id, version).orElseThrow(() -> ApiException.notFound(
                "Flow config '" + id + "' has no version " + version + "."));
    }

    void commit(FlowConfigRepository.Change change) {
        try {
            repository.commit(List.of(change));
        } catch (FlowConfigRepository.ConflictException e) {
            throw mismatch(change.id());
        }
    }

    VersionMismatchException mismatch(String id) {
        Optional<FlowConfig> now = repository.find(id);
        return new VersionMismatchException("'" + id + "' was changed by someone else"
                + now.map(c -> "; it is now at version " + c.version() + ". Reload it and apply your change again.")
                        .orElse(" and no longer exists."), now.map(FlowConfig::version).orElse(null));
    }

    static void checkId(String id) {
        if (!FlowConfigValidator.isValidId(id)) {
            throw ApiException.badRequest("INVALID_ID",
                    "A flow config id is 1-128 letters, digits and + _ - . : (and not . or ..).");
        }
        if (ROUTE_IDS.contains(id)) {
            throw ApiException.badRequest("INVALID_ID", "'" + id + "' is the name of an API route, not a config.");
        }
    }

    static int limit(String text) {
        if (text == null || text.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("INVALID_LIMIT", "limit is a whole number from 1 to " + MAX_LIMIT + ".");
    }

    static long parseVersion(String text, String field) {
        OptionalLong version = text == null || text.length() > 18 || !text.chars().allMatch(Character::isDigit)
                || text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text));
        if (version.isEmpty() || version.getAsLong() < 1) {
            throw ApiException.badRequest("INVALID_VERSION", field + " must be a version number (1 or more).");
        }
        return version.getAsLong();
    }

    static ApiException notFound(String id) {
        return ApiException.notFound("No flow config has the id '" + id + "'.");
    }

    String now() {
        return clock.instant().toString();
    }

    Clock clock() {
        return clock;
    }

    private static ApiResult withETag(int status, FlowConfig config) {
        return new ApiResult(status, FlowConfigJson.toJson(config), Map.of("ETag", ETags.of(config.version())));
    }

    /** {@code If-None-Match: *} creates; {@code If-Match: <version>} replaces what is at that version. */
    record Precondition(boolean create, long version) {

        static Precondition of(String ifMatch, String ifNoneMatch) {
            if (ifMatch != null && ifNoneMatch != null) {
                throw ApiException.badRequest("INVALID_PRECONDITION", "Send If-Match or If-None-Match, not both.");
            }
            if (ifNoneMatch != null) {
                if (!"*".equals(ifNoneMatch.strip())) {
                    throw ApiException.badRequest("INVALID_PRECONDITION", "To create, send If-None-Match: *.");
                }
                return new Precondition(true, 0);
            }
            if (ifMatch == null) {
                throw new ApiException(428, "PRECONDITION_REQUIRED", "Send If-None-Match: * to create, or "
                        + "If-Match: <version> (the ETag you read) to change an existing config.");
            }
            OptionalLong version = ETags.version(ifMatch);
            if (version.isEmpty()) {
                throw ApiException.badRequest("INVALID_PRECONDITION",
                        "If-Match must be the version you read, such as \"3\".");
            }
            return new Precondition(false, version.getAsLong());
        }

        void check(FlowConfig stored) {
            if (create && stored != null) {
                throw new VersionMismatchException("'" + stored.id() + "' already exists at version "
                        + stored.version() + ".", stored.version());
            }
            if (!create && stored == null) {
                throw new VersionMismatchException("The flow config does not exist; create it with If-None-Match: *.",
                        null);
            }
            if (!create && stored.version() != version) {
                throw new VersionMismatchException("'" + stored.id() + "' is at version " + stored.version()
                        + ", not " + version + ". Reload it and apply your change again.", stored.version());
            }
        }
    }
}
