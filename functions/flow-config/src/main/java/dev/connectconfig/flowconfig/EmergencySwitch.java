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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One switch for many configs: puts a schedule named {@code emergency} at the top of every selected config the caller
 * may edit (replacing one already there), or takes it away, in as few transactions as DynamoDB allows. A config the
 * caller may not edit, or whose own rules the change would break, is refused and named with the reason; the others
 * change. Callers see the change once GetConfig's cache expires, within {@code CacheTtlSeconds}.
 *
 * <p>It must answer within API Gateway's 29 s, so: a prefix is narrowed to the caller's scopes before anything is
 * read or authorised; a selection of more than {@link Limits#maxConfigs} is refused before any work (400
 * {@code SELECTION_TOO_LARGE}); authorisation and writes run a few calls at a time; and once {@link Limits#budget}
 * has passed no new transaction starts: the answer names those configs {@code notDone}, and repeating the request
 * finishes the job (a config already switched the same way is {@code unchanged}). A dry run answers the same lists
 * and writes nothing.
 */
final class EmergencySwitch {

    static final String NAME = "emergency";
    static final int MAX_CONFIGS = 1_000;
    /** Catalog items one Query of the emergency list examines (each a few hundred bytes: well under 1 MB). */
    static final int EMERGENCY_PAGE_EXAMINED = 1_000;
    /** A prefix selection is counted up to this many ids, to name the count in the refusal. */
    static final int COUNTED = 10 * MAX_CONFIGS;
    private static final Set<String> FIELDS = Set.of("ids", "prefix", "set", "until", "noEnd", "description");
    /** The template's EmergencyDefaultMaxHours: how long an emergency started without {@code until} lasts. */
    static final String DEFAULT_MAX_HOURS_VARIABLE = "EMERGENCY_DEFAULT_MAX_HOURS";
    static final Duration DEFAULT_MAX = Duration.ofHours(24);

    /**
     * How much one request may do: at most {@code maxConfigs} configs, and no transaction started after
     * {@code budget} (API Gateway gives up at 29 s; the rest is left for the transactions in flight and the answer).
     * See docs/platform-team.md for the estimate behind both.
     */
    record Limits(int maxConfigs, Duration budget, Duration defaultMax) {
        static final Limits DEFAULT = new Limits(MAX_CONFIGS, Duration.ofSeconds(14), DEFAULT_MAX);

        Limits(int maxConfigs, Duration budget) {
            this(maxConfigs, budget, DEFAULT_MAX);
        }

        /** The defaults, with the emergency's default end from the environment the template sets. */
        static Limits fromEnvironment() {
            String hours = System.getenv(DEFAULT_MAX_HOURS_VARIABLE);
            return hours == null || hours.isBlank() ? DEFAULT
                    : new Limits(MAX_CONFIGS, DEFAULT.budget(), Duration.ofHours(Long.parseLong(hours.strip())));
        }
    }

    private final FlowConfigRepository repository;
    private final ConfigCatalog catalog;
    private final ConfigWriter writer;
    private final Limits limits;

    EmergencySwitch(FlowConfigRepository repository, ConfigCatalog catalog, ConfigWriter writer) {
        this(repository, catalog, writer, Limits.DEFAULT);
    }

    EmergencySwitch(FlowConfigRepository repository, ConfigCatalog catalog, ConfigWriter writer, Limits limits) {
        this.repository = repository;
        this.catalog = catalog;
        this.writer = writer;
        this.limits = limits;
    }

    ApiAnswer.Json start(Caller caller, JsonNode body) {
        return start(caller, body, false);
    }

    ApiAnswer.Json start(Caller caller, JsonNode body, boolean dryRun) {
        Instant deadline = writer.instant().plus(limits.budget());
        if (!body.isObject()) {
            throw FieldErrors.invalid(List.of(new Violation("", "must be a JSON object with ids or prefix, and set")));
        }
        List<Violation> violations = new ArrayList<>();
        JsonFields.unknown(body, FIELDS, "", violations);
        Selection selection = Selection.of(body.get("ids"), JsonFields.text(body, "prefix", "", violations),
                limits.maxConfigs(), violations);
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
        JsonNode noEndNode = body.get("noEnd");
        if (noEndNode != null && !noEndNode.isBoolean()) {
            violations.add(new Violation("noEnd", "must be true or false"));
        }
        boolean noEnd = noEndNode != null && noEndNode.booleanValue();
        if (noEnd && until != null) {
            violations.add(new Violation("noEnd", "give until or noEnd, not both"));
        }
        // Without until an emergency ends after the default maximum, so a forgotten one cannot close lines forever;
        // only Full may ask for none (noEnd), checked per config below.
        boolean defaultEnd = until == null && !noEnd;
        if (defaultEnd) {
            until = now.plus(limits.defaultMax());
        }
        String description = JsonFields.text(body, "description", "", violations);
        if (!violations.isEmpty()) {
            throw FieldErrors.invalid(violations);
        }
        Schedule emergency = new Schedule(NAME, description == null ? "Emergency switch" : description, "UTC",
                new ScheduleWhen.Window(LocalDateTime.ofInstant(now, ZoneOffset.UTC),
                        until == null ? null : LocalDateTime.ofInstant(until, ZoneOffset.UTC)), variables, prompts);
        ApiAnswer.Json result = apply(caller, selection, "emergency started", dryRun, deadline, noEnd, stored -> {
            if (!stored.schedules().isEmpty() && sameSwitch(stored.schedules().get(0), emergency)) {
                return null;
            }
            List<Schedule> schedules = new ArrayList<>(List.of(emergency));
            stored.schedules().stream().filter(s -> !NAME.equals(s.name())).forEach(schedules::add);
            return stored.withSchedules(schedules);
        });
        ((ObjectNode) result.body()).put("emergency", "started").put("from", now.toString())
                .put("until", until == null ? null : until.toString()).put("defaultEnd", defaultEnd);
        return result;
    }

    ApiAnswer.Json end(Caller caller, String idsText, String prefix) {
        return end(caller, idsText, prefix, false);
    }

    ApiAnswer.Json end(Caller caller, String idsText, String prefix, boolean dryRun) {
        Instant deadline = writer.instant().plus(limits.budget());
        List<Violation> violations = new ArrayList<>();
        JsonNode ids = idsText == null ? null : FlowConfigJson.MAPPER.valueToTree(Arrays.asList(idsText.split(",")));
        Selection selection = Selection.of(ids, prefix, limits.maxConfigs(), violations);
        if (!violations.isEmpty()) {
            throw FieldErrors.invalid(violations);
        }
        ApiAnswer.Json result = apply(caller, selection, "emergency ended", dryRun, deadline, false, stored -> stored.schedules().stream()
                .anyMatch(s -> NAME.equals(s.name())) ? stored.withSchedules(stored.schedules().stream()
                        .filter(s -> !NAME.equals(s.name())).toList()) : null);
        ((ObjectNode) result.body()).put("emergency", "ended");
        return result;
    }

    /**
     * The configs in emergency now that the caller may read, in id order, a page at a time, with when each ends
     * (null: no end). Read from the catalog's {@code catalog-status} index, a thousand small items per Query, keeping
     * those whose first schedule is the switch's: no config is read.
     */
    ApiAnswer.Json list(Caller caller, String limitText, String nextToken) {
        int limit = PageToken.limit(limitText);
        String after = PageToken.decode(nextToken, "emergency");
        Instant now = writer.instant();
        ObjectNode body = FlowConfigJson.MAPPER.createObjectNode().put("at", now.toString());
        ArrayNode items = body.putArray("items");
        String cursor = after;
        int examined = 0;
        boolean more = true;
        while (more && items.size() < limit && examined < ConfigCatalog.MAX_EXAMINED_PER_PAGE) {
            FlowConfigRepository.EmergencyPage page = repository.emergencies(cursor, EMERGENCY_PAGE_EXAMINED);
            examined += page.items().size();
            List<FlowConfigRepository.Emergency> active = page.items().stream()
                    .filter(e -> e.until() == null || Instant.parse(e.until()).isAfter(now)).toList();
            Set<String> readable = active.isEmpty() ? Set.of() : catalog.allowed(caller, FlowConfigAction.READ,
                    active.stream().map(FlowConfigRepository.Emergency::id).toList());
            more = page.lastEvaluatedId() != null;
            cursor = page.lastEvaluatedId();
            for (FlowConfigRepository.Emergency emergency : page.items()) {
                if (items.size() == limit) {
                    // The page is full: the next one starts after the last config answered.
                    more = true;
                    cursor = items.get(items.size() - 1).get("id").textValue();
                    break;
                }
                if (readable.contains(emergency.id())) {
                    items.addObject().put("id", emergency.id()).put("description", emergency.description())
                            .put("until", emergency.until()).put("noEnd", emergency.until() == null);
                }
            }
        }
        if (more && cursor != null) {
            body.put("nextToken", new PageToken("emergency", cursor).encode());
        }
        return ApiAnswer.ok(body);
    }

    /** The configs asked for: a list of ids, or every config whose id starts with a prefix. */
    private record Selection(List<String> ids, String prefix) {

        static Selection of(JsonNode idsNode, String prefix, int maxConfigs, List<Violation> violations) {
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
            if (!idsNode.isArray() || idsNode.isEmpty() || idsNode.size() > maxConfigs) {
                violations.add(new Violation("ids", "must be a list of 1 to " + maxConfigs + " config ids"));
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

    /** Same switch: what it sets, says and until when; when it started does not matter. */
    private static boolean sameSwitch(Schedule stored, Schedule wanted) {
        return NAME.equals(stored.name()) && stored.when() instanceof ScheduleWhen.Window window
                && wanted.when() instanceof ScheduleWhen.Window next && Objects.equals(window.to(), next.to())
                && !window.from().isAfter(next.from()) && Objects.equals(stored.description(), wanted.description())
                && Objects.equals(stored.timeZone(), wanted.timeZone())
                && stored.variables().equals(wanted.variables()) && stored.prompts().equals(wanted.prompts());
    }

    private ApiAnswer.Json apply(Caller caller, Selection selection, String reason, boolean dryRun, Instant deadline,
            boolean fullOnly, Function<FlowConfig, FlowConfig> change) {
        List<String> asked = selection.ids() != null ? selection.ids() : selected(caller, selection.prefix());
        Set<String> readable = catalog.allowed(caller, FlowConfigAction.READ, asked);
        // A prefix selects the configs the caller can see; named ids are each answered.
        List<String> candidates = selection.ids() != null ? asked : asked.stream().filter(readable::contains)
                .toList();
        Map<String, FlowConfig> stored = new HashMap<>();
        catalog.calls().map(ParallelCalls.chunks(candidates.stream().filter(readable::contains).toList(), 100),
                repository::findAll).forEach(found -> found.forEach(config -> stored.put(config.id(), config)));
        Set<String> editable = catalog.allowed(caller, FlowConfigAction.UPDATE_VALUES, List.copyOf(stored.keySet()));
        // An emergency with no end is Full's call: Full is the level that may change a config's structure.
        Set<String> full = fullOnly ? catalog.allowed(caller, FlowConfigAction.UPDATE_STRUCTURE,
                List.copyOf(editable)) : editable;
        // Every list is answered in the order the configs were selected.
        Map<Integer, ObjectNode> refusedInOrder = new TreeMap<>();
        Map<Integer, String> unchangedInOrder = new TreeMap<>();
        Map<Integer, ObjectNode> changedInOrder = new TreeMap<>();
        Map<Integer, String> notDoneInOrder = new TreeMap<>();
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
            if (!full.contains(id)) {
                refusedInOrder.put(position, refusal(id, "FORBIDDEN", "Only Full may start an emergency with no "
                        + "end on this config; give until, or leave it out for the default end."));
                continue;
            }
            FlowConfig next = change.apply(config);
            if (next == null) {
                unchangedInOrder.put(position, id);
                continue;
            }
            drafts.add(new ConfigWriter.Draft(position, Optional.of(config), next, null, null));
        }
        ConfigWriter.Refusals refusals = new ConfigWriter.Refusals() {
            @Override
            public void invalid(ConfigWriter.Draft draft, List<Violation> problems) {
                refused(draft.index(), refusal(draft.id(), "VALIDATION_FAILED", problems.stream()
                        .map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; "))));
            }

            @Override
            public void forbidden(ConfigWriter.Draft draft, FlowConfigAction action) {
                refused(draft.index(), refusal(draft.id(), "FORBIDDEN",
                        "You may read this config but not change its values."));
            }

            @Override
            public void notCommitted(ConfigWriter.Written written, String code, String message) {
                refused(written.draft().index(), refusal(written.next().id(), code, message));
            }

            @Override
            public boolean stopStarting() {
                return !writer.instant().isBefore(deadline);
            }

            @Override
            public void notStarted(ConfigWriter.Written written) {
                synchronized (notDoneInOrder) {
                    notDoneInOrder.put(written.draft().index(), written.next().id());
                }
            }

            private void refused(int index, ObjectNode refusal) {
                synchronized (refusedInOrder) {
                    refusedInOrder.put(index, refusal);
                }
            }
        };
        // The switch already holds the authorizer's answer: it changes values of the configs the caller may edit.
        ConfigWriter.Permissions permissions = (id, action) -> action == FlowConfigAction.UPDATE_VALUES
                && editable.contains(id);
        ConfigWriter.WriteResult result = writer.write(new ConfigWriter.WriteRequest(caller, reason, drafts,
                permissions, refusals, ConfigWriter.Commit.EACH, false, dryRun));
        List<ConfigWriter.Written> changed = dryRun ? result.transactions().stream().flatMap(List::stream).toList()
                : result.committed();
        changed.forEach(w -> changedInOrder.put(w.draft().index(), FlowConfigJson.MAPPER.createObjectNode()
                .put("id", w.next().id()).put("version", w.next().version())));

        ObjectNode report = FlowConfigJson.MAPPER.createObjectNode();
        if (dryRun) {
            report.put("dryRun", true);
        }
        report.put("complete", notDoneInOrder.isEmpty());
        report.putObject("counts").put("changed", changedInOrder.size()).put("unchanged", unchangedInOrder.size())
                .put("refused", refusedInOrder.size()).put("notDone", notDoneInOrder.size());
        changedInOrder.values().forEach(report.putArray("changed")::add);
        unchangedInOrder.values().forEach(report.putArray("unchanged")::add);
        refusedInOrder.values().forEach(report.putArray("refused")::add);
        notDoneInOrder.values().forEach(report.putArray("notDone")::add);
        report.put("transactions", dryRun ? result.transactions().size()
                : (int) result.transactions().stream().filter(t -> !notDoneInOrder.containsValue(t.get(0).next().id()))
                        .count());
        return ApiAnswer.ok(report);
    }

    /**
     * The ids a prefix selects among those the caller's scopes name, counted before any is authorised: more than
     * {@link Limits#maxConfigs} is a 400 naming the cap and the count.
     */
    private List<String> selected(Caller caller, String prefix) {
        List<String> ids = catalog.scopedIds(caller, prefix, COUNTED);
        if (ids.size() > limits.maxConfigs()) {
            String count = ids.size() > COUNTED ? "more than " + COUNTED : Integer.toString(ids.size());
            throw ApiException.badRequest("SELECTION_TOO_LARGE", "The switch changes at most " + limits.maxConfigs()
                    + " configs per request; prefix '" + prefix + "' selects " + count + " you can see. Select "
                    + "fewer with a longer prefix or a list of ids, and run the switch once per part.");
        }
        return ids;
    }

    private static ObjectNode refusal(String id, String code, String message) {
        return FlowConfigJson.MAPPER.createObjectNode().put("id", id).put("code", code).put("message", message);
    }
}
