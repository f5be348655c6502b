package dev.connectconfig.flowconfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.connectconfig.api.ApiAnswer;
import dev.connectconfig.api.auth.Caller;
import dev.connectconfig.api.auth.FlowConfigAction;
import dev.connectconfig.api.auth.FlowConfigAuthorizer;
import dev.connectconfig.api.errors.ApiException;
import dev.connectconfig.core.json.FlowConfigJson;
import dev.connectconfig.core.json.JsonFields;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.store.StoreUnavailableException;
import dev.connectconfig.core.validation.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * All configs as one JSON document, and back. Import checks every config (shape, rules, permission) before it
 * writes anything; it then writes in as few transactions as DynamoDB allows, each all-or-nothing, sized by everything
 * it carries (each new item and the history copy of the item it replaces). When a later transaction fails, the answer
 * lists exactly which configs were imported and which were not.
 */
final class ConfigTransfer {

    /**
     * Lambda answers at most 6 MB, and the export travels inside Lambda's JSON answer as a string: the cap counts the
     * document as that string, every escape included, and leaves the rest for headers.
     */
    static final int MAX_EXPORT_BYTES = 5 * 1024 * 1024;
    /** Configs read per BatchGetItem while exporting: 25 of at most 400 KB stay under its 16 MB. */
    static final int EXPORT_READ_BATCH = 25;
    static final int MAX_IMPORT_CONFIGS = 500;
    private static final Set<String> DOCUMENT_FIELDS = Set.of("flowConfigs", "calendars", "exportedAt", "prefix");

    private final FlowConfigRepository repository;
    private final ConfigCatalog catalog;
    private final ConfigWriter writer;
    private final CalendarService calendars;

    ConfigTransfer(FlowConfigRepository repository, ConfigCatalog catalog, ConfigWriter writer) {
        this(repository, catalog, writer, null);
    }

    /** With {@code calendars}, an export carries the calendars and an import writes them before its configs. */
    ConfigTransfer(FlowConfigRepository repository, ConfigCatalog catalog, ConfigWriter writer,
            CalendarService calendars) {
        this.repository = repository;
        this.catalog = catalog;
        this.writer = writer;
        this.calendars = calendars;
    }

    ApiAnswer.Json export(Caller caller, String prefix) {
        ConfigCatalog.checkPrefix(prefix);
        List<String> readable = catalog.readableIds(caller, prefix);

        ObjectNode document = FlowConfigJson.MAPPER.createObjectNode().put("exportedAt", writer.now());
        if (prefix != null && !prefix.isEmpty()) {
            document.put("prefix", prefix);
        }
        ArrayNode configs = document.putArray("flowConfigs");
        List<FlowConfig> exported = new ArrayList<>();
        long bytes = sentBytes(document);
        // Read a batch at a time and stop at the cap, so an export that is too large never loads everything.
        for (int from = 0; from < readable.size(); from += EXPORT_READ_BATCH) {
            for (FlowConfig config : repository.findAll(readable.subList(from,
                    Math.min(readable.size(), from + EXPORT_READ_BATCH)))) {
                ObjectNode json = FlowConfigJson.toJson(config);
                bytes += sentBytes(json) + (configs.isEmpty() ? 0 : 1);
                if (bytes > MAX_EXPORT_BYTES) {
                    throw ApiException.tooLarge("The export is larger than " + MAX_EXPORT_BYTES / (1024 * 1024)
                            + " MB; export a part at a time with ?prefix=.");
                }
                configs.add(json);
                exported.add(config);
            }
        }
        if (calendars != null) {
            ArrayNode list = calendars.export(caller, prefix, exported);
            bytes += sentBytes(list) + 14;
            if (bytes > MAX_EXPORT_BYTES) {
                throw ApiException.tooLarge("The export is larger than " + MAX_EXPORT_BYTES / (1024 * 1024)
                        + " MB; export a part at a time with ?prefix=.");
            }
            document.set("calendars", list);
        }
        return ApiAnswer.ok(document);
    }

    /** The size of {@code json} as it travels: serialised, then escaped again as the string body of Lambda's answer. */
    static long sentBytes(JsonNode json) {
        try {
            String text = FlowConfigJson.MAPPER.writeValueAsString(json);
            return FlowConfigJson.MAPPER.writeValueAsBytes(text).length - 2L;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    ApiAnswer.Json importAll(Caller caller, JsonNode document) {
        return importAll(caller, document, false);
    }

    /**
     * Validates, authorises and plans the import through the one write path; a dry run answers the same summary
     * (with {@code "dryRun": true}) and writes nothing.
     */
    ApiAnswer.Json importAll(Caller caller, JsonNode document, boolean dryRun) {
        ImportRefusals refusals = new ImportRefusals();
        List<FlowConfig> submitted = parse(document, refusals);
        CalendarService.CalendarImport calendarImport = CalendarService.CalendarImport.NONE;
        if (calendars != null) {
            List<Violation> calendarProblems = new ArrayList<>();
            calendarImport = calendars.planImport(caller, document.get("calendars"), submitted.stream()
                    .map(FlowConfig::id).collect(Collectors.toSet()), calendarProblems, refusals.refused);
            if (!calendarProblems.isEmpty()) {
                refusals.problem(-1, calendarProblems);
            }
        } else if (document.has("calendars")) {
            refusals.problem(-1, List.of(new Violation("calendars", "this store holds no calendars")));
        }
        refusals.calendars = calendarImport;
        refusals.calendarStore = repository;
        // Read first, before anything is looked up: an id the caller may not read is refused in the same words
        // whether a config has it or not, so neither import nor its dry run tells who may not read what exists.
        Set<String> readable = catalog.allowed(caller, FlowConfigAction.READ,
                submitted.stream().map(FlowConfig::id).toList());
        submitted.stream().filter(config -> !readable.contains(config.id()))
                .forEach(config -> refusals.refuse(config.id(), FlowConfigAction.READ));
        refusals.stepDone();
        Map<String, FlowConfig> stored = repository.findAll(submitted.stream().map(FlowConfig::id).toList())
                .stream().collect(Collectors.toMap(FlowConfig::id, Function.identity()));
        List<ConfigWriter.Draft> drafts = new ArrayList<>();
        for (FlowConfig config : submitted) {
            drafts.add(new ConfigWriter.Draft(refusals.indexOf(config.id()),
                    Optional.ofNullable(stored.get(config.id())), config, null, null));
        }
        ConfigWriter.WriteResult result = writer.write(new ConfigWriter.WriteRequest(caller, "imported", drafts, null,
                refusals, ConfigWriter.Commit.TOGETHER, true, dryRun, calendarImport.incoming()));

        ObjectNode report = FlowConfigJson.MAPPER.createObjectNode();
        ArrayNode created = report.putArray("created");
        ArrayNode updated = report.putArray("updated");
        ArrayNode unchanged = report.putArray("unchanged");
        // each written config's new version (a dry run: the version it would get), so every write shows it
        ObjectNode versions = report.putObject("versions");
        result.unchanged().forEach(draft -> unchanged.add(draft.id()));
        for (List<ConfigWriter.Written> transaction : result.transactions()) {
            for (ConfigWriter.Written written : transaction) {
                (written.draft().stored().isEmpty() ? created : updated).add(written.next().id());
                versions.put(written.next().id(), written.next().version());
            }
        }
        report.put("transactions", result.transactions().size());
        ObjectNode calendarReport = report.putObject("calendars");
        calendarImport.created().forEach(calendarReport.putArray("created")::add);
        calendarImport.updated().forEach(calendarReport.putArray("updated")::add);
        calendarImport.unchanged().forEach(calendarReport.putArray("unchanged")::add);
        if (dryRun) {
            report.put("dryRun", true);
        }
        return ApiAnswer.ok(report);
    }

    /**
     * An import is all or nothing: every problem (shape or rule) is collected and answered at once as a 400, then
     * every refused change as a 403; a transaction that fails after others were committed lists both.
     */
    private static final class ImportRefusals implements ConfigWriter.Refusals {
        private final Map<Integer, List<Violation>> problems = new java.util.TreeMap<>();
        private final Map<String, Integer> indexes = new java.util.HashMap<>();
        private final List<Violation> refused = new ArrayList<>();
        private CalendarService.CalendarImport calendars = CalendarService.CalendarImport.NONE;
        private CalendarRepository calendarStore;
        private boolean calendarsCommitted;

        /** Every check passed: the calendars are written, one transaction each, before the configs that use them. */
        @Override
        public void beforeCommit() {
            if (!calendarsCommitted) {
                calendarsCommitted = true;
                calendars.commit(calendarStore);
            }
        }

        void problem(int index, List<Violation> violations) {
            problems.computeIfAbsent(index, i -> new ArrayList<>()).addAll(violations);
        }

        void place(String id, int index) {
            indexes.put(id, index);
        }

        int indexOf(String id) {
            return indexes.get(id);
        }

        @Override
        public void invalid(ConfigWriter.Draft draft, List<Violation> violations) {
            problem(draft.index(), ConfigWriter.prefixed(violations, "flowConfigs[" + draft.index() + "]."));
        }

        @Override
        public void forbidden(ConfigWriter.Draft draft, FlowConfigAction action) {
            refuse(draft.id(), action);
        }

        void refuse(String id, FlowConfigAction action) {
            refused.add(new Violation("flowConfigs[" + indexOf(id) + "]", "you may not "
                    + FlowConfigAuthorizer.describe(action) + " '" + id + "'"));
        }

        @Override
        public void stepDone() {
            if (!problems.isEmpty()) {
                List<Violation> violations = problems.values().stream().flatMap(List::stream).toList();
                throw new ApiException(400, "VALIDATION_FAILED", "Nothing was imported: " + violations.size()
                        + (violations.size() == 1 ? " problem." : " problems."), FieldErrors.of(violations));
            }
            if (!refused.isEmpty()) {
                refused.sort((a, b) -> a.field().compareTo(b.field()));
                throw new ApiException(403, "FORBIDDEN", "Nothing was imported: you may not make "
                        + refused.size() + (refused.size() == 1 ? " of these changes." : " of these changes."),
                        FieldErrors.of(refused));
            }
        }

        @Override
        public RuntimeException failed(RuntimeException failure, List<List<ConfigWriter.Written>> transactions,
                int done) {
            if (done == 0 && failure instanceof FlowConfigRepository.ConflictException) {
                return new ApiException(409, "CONFLICT", "A config was changed by someone else while importing; "
                        + "nothing was imported. Import again to apply it.");
            }
            return done == 0 ? failure : incomplete(failure, transactions, done);
        }
    }

    /** The configs of the document in shape; shape problems go to {@code refusals}, the rules are the writer's. */
    private List<FlowConfig> parse(JsonNode document, ImportRefusals refusals) {
        if (!document.isObject() || !document.path("flowConfigs").isArray()) {
            throw FieldErrors.invalid(List.of(new Violation("flowConfigs",
                    "the body is an object with a flowConfigs list, as export returns it")));
        }
        List<Violation> unknown = new ArrayList<>();
        JsonFields.unknown(document, DOCUMENT_FIELDS, "", unknown);
        if (!unknown.isEmpty()) {
            refusals.problem(-1, unknown);
        }
        JsonNode list = document.get("flowConfigs");
        if (list.size() > MAX_IMPORT_CONFIGS) {
            throw ApiException.tooLarge("An import holds at most " + MAX_IMPORT_CONFIGS + " configs; this one has "
                    + list.size() + ".");
        }
        List<FlowConfig> configs = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String prefix = "flowConfigs[" + i + "].";
            List<Violation> shape = new ArrayList<>();
            FlowConfig config = FlowConfigJson.fromJson(list.get(i), shape);
            if (!shape.isEmpty()) {
                refusals.problem(i, ConfigWriter.prefixed(shape, prefix));
                continue;
            }
            if (!ConfigIds.isConfigId(config.id())) {
                refusals.problem(i, List.of(new Violation(prefix + "id", "must be a valid flow config id")));
                continue;
            }
            if (!ids.add(config.id())) {
                refusals.problem(i, List.of(new Violation(prefix + "id", "'" + config.id()
                        + "' appears more than once")));
                continue;
            }
            refusals.place(config.id(), i);
            configs.add(config.withBookkeeping(0, null, null));
        }
        return configs;
    }

    private static ApiException incomplete(RuntimeException failure,
            List<List<ConfigWriter.Written>> transactions, int done) {
        boolean unanswered = failure instanceof StoreUnavailableException;
        List<Violation> details = new ArrayList<>();
        int imported = 0;
        for (int t = 0; t < transactions.size(); t++) {
            for (ConfigWriter.Written indexed : transactions.get(t)) {
                String field = "flowConfigs[" + indexed.draft().index() + "]";
                String id = "'" + indexed.change().id() + "'";
                if (t < done) {
                    imported++;
                    details.add(new Violation(field, "imported: " + id + " is now version "
                            + indexed.change().next().version()));
                } else if (t == done && unanswered) {
                    details.add(new Violation(field, "not confirmed: the store stopped answering while "
                            + id + " was being written; read it to see whether it was imported"));
                } else {
                    details.add(new Violation(field, "not imported: " + id));
                }
            }
        }
        int status = failure instanceof FlowConfigRepository.ConflictException ? 409 : unanswered ? 503 : 500;
        String cause = switch (status) {
            case 409 -> "a config was changed by someone else while importing";
            case 503 -> "the flow-config store stopped answering";
            default -> "a transaction failed";
        };
        return new ApiException(status, "IMPORT_INCOMPLETE", "The import needed " + transactions.size()
                + " transactions and stopped after " + done + " because " + cause + ": " + imported + " of "
                + details.size() + " changed configs were imported (each listed). Import the same document again to"
                + " apply the rest; configs already imported come back as unchanged.", FieldErrors.of(details));
    }
}
