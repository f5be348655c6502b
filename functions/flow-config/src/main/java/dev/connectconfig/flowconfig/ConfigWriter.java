package dev.connectconfig.flowconfig;

import com.fasterxml.jackson.databind.JsonNode;
import dev.connectconfig.api.errors.ApiException;
import dev.connectconfig.core.json.FlowConfigJson;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.validation.FlowConfigValidator;
import dev.connectconfig.core.validation.Violation;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What every write shares: a config parsed strictly from JSON, judged by the rules (the size rule first), given its
 * next version and the time by the one clock, and committed, a conflict becoming a 412 that says what is stored now.
 */
final class ConfigWriter {

    private final FlowConfigRepository repository;
    private final Clock clock;

    ConfigWriter(FlowConfigRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** Parses a config from JSON strictly; the path's id wins and a different id in the body is refused. */
    FlowConfig parse(JsonNode body, String id, String fieldPrefix) {
        List<Violation> violations = new ArrayList<>();
        FlowConfig parsed = FlowConfigJson.fromJson(body, violations);
        if (parsed != null && parsed.id() != null && !parsed.id().equals(id)) {
            violations.add(new Violation("id", "must match the id in the path ('" + id + "') or be left out"));
        }
        if (!violations.isEmpty()) {
            throw FieldErrors.invalid(prefixed(violations, fieldPrefix));
        }
        return new FlowConfig(id, parsed.description(), parsed.variables(), parsed.schema(), parsed.prompts(),
                parsed.defaultLanguage(), 0, null, null, parsed.timeZone(), parsed.schedules());
    }

    /**
     * The rules a config breaks. One too large to store is answered with that alone: its other rules (rendering
     * every language) are not worth judging.
     */
    static List<Violation> problems(FlowConfig config) {
        return FlowConfigValidator.sizeProblem(config).map(List::of)
                .orElseGet(() -> FlowConfigValidator.validate(config));
    }

    /** A config too large to store is a 413 TOO_LARGE; any other broken rule a 400 naming the field. */
    static void validate(FlowConfig config) {
        Optional<Violation> tooLarge = FlowConfigValidator.sizeProblem(config);
        if (tooLarge.isPresent()) {
            throw new ApiException(413, "TOO_LARGE", "Flow config '" + config.id() + "': "
                    + tooLarge.get().message() + ".", FieldErrors.of(List.of(tooLarge.get())));
        }
        List<Violation> problems = FlowConfigValidator.validate(config);
        if (!problems.isEmpty()) {
            throw FieldErrors.invalid(problems);
        }
    }

    /** Violations of a config that sits at {@code prefix} (such as {@code flowConfigs[3].}) in a larger document. */
    static List<Violation> prefixed(List<Violation> violations, String prefix) {
        if (prefix.isEmpty()) {
            return violations;
        }
        return violations.stream().map(v -> new Violation(v.field().isEmpty() ? prefix.substring(0,
                prefix.length() - 1) : prefix + v.field(), v.message())).toList();
    }

    /** Versions never repeat: after a delete, a config starts again above its last archived version. */
    long nextVersion(String id, Optional<FlowConfig> stored) {
        return stored.map(FlowConfig::version).orElseGet(() -> repository.latestArchivedVersion(id)) + 1;
    }

    /** Commits one change; when someone else changed the config meanwhile, 412 with the version stored now. */
    void commit(FlowConfigRepository.Change change) {
        try {
            repository.commit(List.of(change));
        } catch (FlowConfigRepository.ConflictException e) {
            throw mismatch(change.id());
        }
    }

    private VersionMismatchException mismatch(String id) {
        Optional<FlowConfig> now = repository.find(id);
        return new VersionMismatchException("'" + id + "' was changed by someone else"
                + now.map(c -> "; it is now at version " + c.version() + ". Reload it and apply your change again.")
                        .orElse(" and no longer exists."), now.map(FlowConfig::version).orElse(null));
    }

    Instant instant() {
        return clock.instant();
    }

    /** Now, as written into {@code updatedAt} and the history. */
    String now() {
        return instant().toString();
    }
}
