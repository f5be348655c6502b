package dev.connectconfig.flowconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.connectconfig.api.ApiAnswer;
import dev.connectconfig.api.auth.Caller;
import dev.connectconfig.api.auth.FlowConfigAction;
import dev.connectconfig.api.errors.ApiException;
import dev.connectconfig.core.json.FlowConfigJson;
import dev.connectconfig.core.json.JsonFields;
import dev.connectconfig.core.json.ScheduleJson;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.model.PromptText;
import dev.connectconfig.core.model.Schedule;
import dev.connectconfig.core.model.ScheduleWhen;
import dev.connectconfig.core.validation.FlowConfigValidator;
import dev.connectconfig.core.validation.Violation;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One switch for many configs: puts a schedule named {@code emergency} at the top of every selected config the caller
 * may edit (replacing one already there), or takes it away, in as few transactions as DynamoDB allows. A config the
 * caller may not edit, or whose own rules the change would break, is refused and named with the reason; the others
 * change. Callers see the change once GetConfig's cache expires, within {@code CacheTtlSeconds}.
 */
final class EmergencySwitch {

    static final String NAME = "emergency";
    static final int MAX_CONFIGS = 1_000;
    private static final Set<String> FIELDS = Set.of("ids", "prefix", "set", "until", "description");

    private final FlowConfigRepository repository;
    private final ConfigCatalog catalog;
    private final ConfigWriter writer;

    EmergencySwitch(FlowConfigRepository repository, ConfigCatalog catalog, ConfigWriter writer) {
        this.repository = repository;
        this.catalog = catalog;
        this.writer = writer;
    }

    ApiAnswer.Json start(Caller caller, JsonNode body) {
        if (!body.isObject()) {
            throw FieldErrors.invalid(List.of(new Violation("", "must be a JSON object with ids or prefix, and set")));
        }
        List<Violation> violations = new ArrayList<>();
        JsonFields.unknown(body, FIELDS, "", violations);
        Selection selection = Selection.of(body.get("ids"), JsonFields.text(body, "prefix", "", violations),
                violations);
        Map<String, String> variables = new LinkedHashMap<>();
        Map<String, Map<String, PromptText>> prompts = new LinkedHashMap<>();
        ScheduleJson.readSet(body.get("set"), "set", variables, prompts, violations);
        if (violations.isEmpty() && variables.isEmpty() && prompts.isEmpty()) {
            violations.add(new Violation("set", "sets nothing; give variables and/or prompts"));
        }
        Instant now = writer.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant until = ApiInstants.parse(JsonFields.text(body, "until", "", violations), "until", violations);
        if (until != null && !until.isAfter(now)) {
            violations.add(new Violation("until", "must be after now (" + now + ")"));
        }
        String description = JsonFields.text(body, "description", "", violations);
        if (!violations.isEmpty()) {
            throw FieldErrors.invalid(violations);
        }
        Schedule emergency = new Schedule(NAME, description == null ? "Emergency switch" : description, "UTC",
                new ScheduleWhen.Window(LocalDateTime.ofInstant(now, ZoneOffset.UTC),
                        until == null ? null : LocalDateTime.ofInstant(until, ZoneOffset.UTC)), variables, prompts);
        ApiAnswer.Json result = apply(caller, selection, "emergency started", stored -> {
            List<Schedule> schedules = new ArrayList<>(List.of(emergency));
            stored.schedules().stream().filter(s -> !NAME.equals(s.name())).forEach(schedules::add);
            return stored.withSchedules(schedules);
        });
        ((ObjectNode) result.body()).put("emergency", "started").put("from", now.toString())
                .put("until", until == null ? null : until.toString());
        return result;
    }

    ApiAnswer.Json end(Caller caller, String idsText, String prefix) {
        List<Violation> violations = new ArrayList<>();
        JsonNode ids = idsText == null ? null : FlowConfigJson.MAPPER.valueToTree(Arrays.asList(idsText.split(",")));
        Selection selection = Selection.of(ids, prefix, violations);
        if (!violations.isEmpty()) {
            throw FieldErrors.invalid(violations);
        }
        ApiAnswer.Json result = apply(caller, selection, "emergency ended", stored -> stored.schedules().stream()
                .anyMatch(s -> NAME.equals(s.name())) ? stored.withSchedules(stored.schedules().stream()
                        .filter(s -> !NAME.equals(s.name())).toList()) : null);
        ((ObjectNode) result.body()).put("emergency", "ended");
        return result;
    }

    /** The configs asked for: a list of ids, or every config whose id starts with a prefix. */
    private record Selection(List<String> ids, String prefix) {

        static Selection of(JsonNode idsNode, String prefix, List<Violation> violations) {
            if ((idsNode == null || idsNode.isNull()) == (prefix == null)) {
                violations.add(new Violation("ids", "give either ids (a list) or prefix"));
                return null;
            }
            if (prefix != null) {
                if (!ConfigCatalog.isValidPrefix(prefix)) {
                    violations.add(new Violation("prefix", ConfigCatalog.PREFIX_RULE));
                }
                return new Selection(null, prefix);
            }
            if (!idsNode.isArray() || idsNode.isEmpty() || idsNode.size() > MAX_CONFIGS) {
                violations.add(new Violation("ids", "must be a list of 1 to " + MAX_CONFIGS + " config ids"));
                return null;
            }
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < idsNode.size(); i++) {
                JsonNode id = idsNode.get(i);
                if (!id.isTextual() || !FlowConfigValidator.isValidId(id.textValue())) {
                    violations.add(new Violation("ids[" + i + "]", "must be a flow config id"));
                } else if (!ids.contains(id.textValue())) {
                    ids.add(id.textValue());
                }
            }
            return new Selection(ids, null);
        }
    }

    private ApiAnswer.Json apply(Caller caller, Selection selection, String reason,
            Function<FlowConfig, FlowConfig> change) {
        ObjectNode report = FlowConfigJson.MAPPER.createObjectNode();
        ArrayNode changed = report.putArray("changed");
        ArrayNode unchanged = report.putArray("unchanged");
        ArrayNode refused = report.putArray("refused");

        List<String> asked = selection.ids() != null ? selection.ids()
                : catalog.ids(selection.prefix(), 10 * MAX_CONFIGS);
        Set<String> readable = allowed(caller, FlowConfigAction.READ, asked);
        // A prefix selects the configs the caller can see; named ids are each answered.
        List<String> candidates = selection.ids() != null ? asked : asked.stream().filter(readable::contains)
                .toList();
        Map<String, FlowConfig> stored = repository.findAll(candidates.stream().filter(readable::contains).toList())
                .stream().collect(Collectors.toMap(FlowConfig::id, Function.identity()));
        Set<String> editable = allowed(caller, FlowConfigAction.UPDATE_VALUES, List.copyOf(stored.keySet()));
        // Refusals are answered in the order the configs were selected, those of the commit after them.
        Map<Integer, ObjectNode> refusedInOrder = new java.util.TreeMap<>();
        List<ConfigWriter.Draft> drafts = new ArrayList<>();
        for (int position = 0; position < candidates.size(); position++) {
            String id = candidates.get(position);
            FlowConfig config = stored.get(id);
            if (config == null) {
                // Unreadable and absent answer alike, so the answer tells nothing about configs out of scope.
                refusedInOrder.put(position, refusal(id, "NOT_FOUND", "No flow config has this id."));
                continue;
            }
            if (!editable.contains(id)) {
                refusedInOrder.put(position, refusal(id, "FORBIDDEN",
                        "You may read this config but not change its values."));
                continue;
            }
            FlowConfig next = change.apply(config);
            if (next == null) {
                unchanged.add(id);
                continue;
            }
            drafts.add(new ConfigWriter.Draft(position, Optional.of(config), next, null, null));
        }
        ConfigWriter.Refusals refusals = new ConfigWriter.Refusals() {
            @Override
            public void invalid(ConfigWriter.Draft draft, List<Violation> problems) {
                refusedInOrder.put(draft.index(), refusal(draft.id(), "VALIDATION_FAILED", problems.stream()
                        .map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; "))));
            }

            @Override
            public void forbidden(ConfigWriter.Draft draft, FlowConfigAction action) {
                refusedInOrder.put(draft.index(), refusal(draft.id(), "FORBIDDEN",
                        "You may read this config but not change its values."));
            }

            @Override
            public void stepDone() {
                refusedInOrder.values().forEach(refused::add);
                refusedInOrder.clear();
            }

            @Override
            public void notCommitted(ConfigWriter.Written written, String code, String message) {
                refused.add(refusal(written.next().id(), code, message));
            }
        };
        // The switch already holds the authorizer's answer: it changes values of the configs the caller may edit.
        ConfigWriter.Permissions permissions = (id, action) -> action == FlowConfigAction.UPDATE_VALUES
                && editable.contains(id);
        ConfigWriter.WriteResult result = writer.write(new ConfigWriter.WriteRequest(caller, reason, drafts,
                permissions, refusals, ConfigWriter.Commit.EACH, false, false));
        result.committed().forEach(w -> changed.addObject().put("id", w.next().id()).put("version",
                w.next().version()));
        report.put("transactions", result.transactions().size());
        return ApiAnswer.ok(report);
    }

    /** The ids among {@code ids} the caller may act on; at most {@link #MAX_CONFIGS} readable ones. */
    private Set<String> allowed(Caller caller, FlowConfigAction action, List<String> ids) {
        Set<String> allowed = catalog.allowed(caller, action, ids);
        if (action == FlowConfigAction.READ && allowed.size() > MAX_CONFIGS) {
            throw ApiException.tooLarge("The switch changes at most " + MAX_CONFIGS + " configs at a time; "
                    + "select fewer with a longer prefix or a list of ids.");
        }
        return allowed;
    }

    private static ObjectNode refusal(String id, String code, String message) {
        return FlowConfigJson.MAPPER.createObjectNode().put("id", id).put("code", code).put("message", message);
    }
}
