package dev.connectconfig.flowconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.connectconfig.api.ApiAnswer;
import dev.connectconfig.api.auth.Caller;
import dev.connectconfig.api.auth.FlowConfigAction;
import dev.connectconfig.api.auth.FlowConfigAuthorizer;
import dev.connectconfig.api.errors.ApiException;
import dev.connectconfig.core.json.FlowConfigJson;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.validation.Violation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reading one config and its history, and the single-config writes (PUT, restore, delete). A write asks the
 * authorizer one question (what may the caller do to this config) and hands the change to {@link ConfigWriter#write},
 * the one owner of validation, the precondition, the action the change really is, versions and history.
 */
final class FlowConfigService {

    private final FlowConfigRepository repository;
    private final FlowConfigAuthorizer authorizer;
    private final ConfigWriter writer;

    FlowConfigService(FlowConfigRepository repository, FlowConfigAuthorizer authorizer, ConfigWriter writer) {
        this.repository = repository;
        this.authorizer = authorizer;
        this.writer = writer;
    }

    ApiAnswer.Json get(Caller caller, String id) {
        ConfigIds.check(id);
        authorizer.require(caller, FlowConfigAction.READ, id);
        FlowConfig config = repository.find(id).orElseThrow(() -> ConfigIds.notFound(id));
        return withETag(200, config);
    }

    /** Creates or replaces a config; the authorizer is asked once, for everything the write may need. */
    ApiAnswer.Json put(Caller caller, String id, JsonNode body, String ifMatch, String ifNoneMatch) {
        ConfigIds.check(id);
        ConfigWriter.Permissions permissions = writer.permissions(caller, id);
        permissions.require(id, FlowConfigAction.READ);
        Precondition precondition = Precondition.of(ifMatch, ifNoneMatch);
        FlowConfig submitted = writer.parse(body, id, "");
        Optional<FlowConfig> stored = repository.find(id);
        FlowConfig config = writer.write(ConfigWriter.WriteRequest.one(caller, "updated",
                new ConfigWriter.Draft(0, stored, submitted, precondition, null), permissions, writer.thrown())).only();
        return withETag(stored.isEmpty() ? 201 : 200, config);
    }

    ApiAnswer.Json delete(Caller caller, String id, String ifMatch) {
        ConfigIds.check(id);
        ConfigWriter.Permissions permissions = writer.permissions(caller, id);
        permissions.require(id, FlowConfigAction.READ);
        Precondition precondition = Precondition.of(ifMatch, null);
        if (precondition.create()) {
            throw ApiException.badRequest("INVALID_PRECONDITION", "Delete with If-Match: <version>.");
        }
        FlowConfig stored = repository.find(id).orElseThrow(() -> ConfigIds.notFound(id));
        precondition.check(stored);
        permissions.require(id, FlowConfigAction.DELETE);
        writer.delete(stored, caller);
        return new ApiAnswer.Json(204, null, Map.of());
    }

    ApiAnswer.Json versions(Caller caller, String id, String limitText, String nextToken) {
        ConfigIds.check(id);
        authorizer.require(caller, FlowConfigAction.READ, id);
        return versionList(repository, id, id, limitText, nextToken, () -> repository.find(id).map(config ->
                new Current(config.version(), config.updatedAt(), config.updatedBy())), () -> ConfigIds.notFound(id));
    }

    /** The version now stored, as the first row of a version list. */
    record Current(long version, String updatedAt, String updatedBy) {
    }

    /**
     * One page of versions, newest first: the current one, then the history kept under {@code key} (a config's id,
     * or a calendar's item key). Configs and calendars list their versions this one way.
     */
    static ApiAnswer.Json versionList(FlowConfigRepository repository, String id, String key, String limitText,
            String nextToken, java.util.function.Supplier<Optional<Current>> stored,
            java.util.function.Supplier<ApiException> notFound) {
        int limit = PageToken.limit(limitText);
        String scope = "versions:" + key;
        String before = PageToken.decode(nextToken, scope);
        Long beforeVersion = before == null ? null : parseVersion(before, "nextToken");
        ObjectNode body = FlowConfigJson.MAPPER.createObjectNode().put("id", id);
        ArrayNode items = body.putArray("versions");
        Optional<Current> current = before == null ? stored.get() : Optional.empty();
        current.ifPresent(now -> items.addObject().put("version", now.version()).put("current", true)
                .put("updatedAt", now.updatedAt()).put("updatedBy", now.updatedBy()));
        FlowConfigRepository.HistoryPage page;
        if (items.size() < limit) {
            page = repository.history(key, beforeVersion, limit - items.size());
        } else {
            // The current version fills the page: the history starts on the next one, if there is any.
            long currentVersion = current.orElseThrow().version();
            page = new FlowConfigRepository.HistoryPage(List.of(),
                    repository.latestArchivedVersion(key) > 0 ? currentVersion : null);
        }
        for (HistoryEntry entry : page.entries()) {
            items.addObject().put("version", entry.version()).put("current", false)
                    .put("updatedAt", entry.updatedAt()).put("updatedBy", entry.updatedBy())
                    .put("archivedAt", entry.archivedAt()).put("archivedBy", entry.archivedBy())
                    .put("archivedBecause", entry.archivedBecause());
        }
        if (items.isEmpty() && before == null) {
            throw notFound.get();
        }
        if (page.lastEvaluatedVersion() != null) {
            body.put("nextToken", new PageToken(scope, Long.toString(page.lastEvaluatedVersion())).encode());
        }
        return ApiAnswer.ok(body);
    }

    ApiAnswer.Json version(Caller caller, String id, String versionText) {
        ConfigIds.check(id);
        long version = parseVersion(versionText, "n");
        authorizer.require(caller, FlowConfigAction.READ, id);
        return withETag(200, findVersion(id, version));
    }

    ApiAnswer.Json restore(Caller caller, String id, String versionText, String ifMatch, String ifNoneMatch) {
        ConfigIds.check(id);
        long version = parseVersion(versionText, "n");
        ConfigWriter.Permissions permissions = writer.permissions(caller, id);
        permissions.require(id, FlowConfigAction.READ);
        Precondition precondition = Precondition.of(ifMatch, ifNoneMatch);
        Optional<FlowConfig> stored = repository.find(id);
        FlowConfig target = findVersion(id, version);
        if (stored.isPresent() && stored.get().version() == version) {
            throw ApiException.conflict("Version " + version + " of '" + id + "' is already the current one.");
        }
        ConfigWriter.Refusals thrown = writer.thrown();
        ConfigWriter.Refusals refusals = new ConfigWriter.Refusals() {
            @Override
            public void invalid(ConfigWriter.Draft draft, List<Violation> problems) {
                throw new ApiException(409, "VERSION_INVALID", "Version " + version
                        + " does not pass today's validation; edit the current config instead.", FieldErrors.of(problems));
            }

            @Override
            public void forbidden(ConfigWriter.Draft draft, FlowConfigAction action) {
                thrown.forbidden(draft, action);
            }

            @Override
            public RuntimeException failed(RuntimeException failure, List<List<ConfigWriter.Written>> transactions,
                    int done) {
                return thrown.failed(failure, transactions, done);
            }
        };
        FlowConfig restored = writer.write(ConfigWriter.WriteRequest.one(caller, "restored",
                new ConfigWriter.Draft(0, stored, target, precondition, FlowConfigAction.RESTORE), permissions,
                refusals)).only();
        return withETag(200, restored);
    }

    private FlowConfig findVersion(String id, long version) {
        Optional<FlowConfig> stored = repository.find(id);
        if (stored.isPresent() && stored.get().version() == version) {
            return stored.get();
        }
        return repository.archivedVersion(id, version).orElseThrow(() -> ApiException.notFound(
                "Flow config '" + id + "' has no version " + version + "."));
    }

    static long parseVersion(String text, String field) {
        OptionalLong version = text == null || text.length() > 18 || !text.chars().allMatch(Character::isDigit)
                || text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text));
        if (version.isEmpty() || version.getAsLong() < 1) {
            throw ApiException.badRequest("INVALID_VERSION", field + " must be a version number (1 or more).");
        }
        return version.getAsLong();
    }

    private static ApiAnswer.Json withETag(int status, FlowConfig config) {
        return new ApiAnswer.Json(status, FlowConfigJson.toJson(config), Map.of("ETag", ETags.of(config.version())));
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
            check(stored == null ? null : stored.id(), stored == null ? null : stored.version(), "flow config");
        }

        /** Against what is stored: {@code storedVersion} null when nothing is; {@code kind} names it in messages. */
        void check(String id, Long storedVersion, String kind) {
            if (create && storedVersion != null) {
                throw new VersionMismatchException("'" + id + "' already exists at version " + storedVersion + ".",
                        storedVersion);
            }
            if (!create && storedVersion == null) {
                throw new VersionMismatchException("The " + kind + " does not exist; create it with If-None-Match: *.",
                        null);
            }
            if (!create && storedVersion != version) {
                throw new VersionMismatchException("'" + id + "' is at version " + storedVersion + ", not " + version
                        + ". Reload it and apply your change again.", storedVersion);
            }
        }
    }
}
