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
import java.util.LinkedHashMap;
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
    private static final Set<String> DOCUMENT_FIELDS = Set.of("flowConfigs", "exportedAt", "prefix");

    private final FlowConfigRepository repository;
    private final ConfigCatalog catalog;
    private final ConfigWriter writer;

    ConfigTransfer(FlowConfigRepository repository, ConfigCatalog catalog, ConfigWriter writer) {
        this.repository = repository;
        this.catalog = catalog;
        this.writer = writer;
    }

    ApiAnswer.Json export(Caller caller, String prefix) {
        ConfigCatalog.checkPrefix(prefix);
        List<String> readable = catalog.readableIds(caller, prefix);

        ObjectNode document = FlowConfigJson.MAPPER.createObjectNode().put("exportedAt", writer.now());
        if (prefix != null && !prefix.isEmpty()) {
            document.put("prefix", prefix);
        }
        ArrayNode configs = document.putArray("flowConfigs");
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
            }
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

    private record Planned(int index, FlowConfig submitted, Optional<FlowConfig> stored, ConfigChange change) {
        FlowConfigAction action() {
            return stored.isEmpty() ? FlowConfigAction.CREATE
                    : change == ConfigChange.NONE ? FlowConfigAction.READ : change.action();
        }
    }

    ApiAnswer.Json importAll(Caller caller, JsonNode document) {
        return importAll(caller, document, false);
    }

    /**
     * Validates, authorises and plans the import; a dry run answers the same summary (with {@code "dryRun": true})
     * and writes nothing.
     */
    ApiAnswer.Json importAll(Caller caller, JsonNode document, boolean dryRun) {
        List<FlowConfig> submitted = parse(document);
        Map<String, FlowConfig> stored = repository.findAll(submitted.stream().map(FlowConfig::id).toList())
                .stream().collect(Collectors.toMap(FlowConfig::id, Function.identity()));
        List<Planned> plan = new ArrayList<>();
        for (int i = 0; i < submitted.size(); i++) {
            FlowConfig config = submitted.get(i);
            Optional<FlowConfig> current = Optional.ofNullable(stored.get(config.id()));
            plan.add(new Planned(i, config, current, current.map(c -> ConfigChange.between(c, config))
                    .orElse(ConfigChange.STRUCTURE)));
        }
        authorize(caller, plan);

        String at = writer.now();
        List<Indexed> changes = new ArrayList<>();
        ObjectNode report = FlowConfigJson.MAPPER.createObjectNode();
        ArrayNode created = report.putArray("created");
        ArrayNode updated = report.putArray("updated");
        ArrayNode unchanged = report.putArray("unchanged");
        // each written config's new version (a dry run: the version it would get), so every write shows it
        ObjectNode versions = report.putObject("versions");
        for (Planned planned : plan) {
            if (planned.stored().isPresent() && planned.change() == ConfigChange.NONE) {
                unchanged.add(planned.submitted().id());
                continue;
            }
            FlowConfig next = planned.submitted().withBookkeeping(
                    writer.nextVersion(planned.submitted().id(), planned.stored()), at, caller.name());
            changes.add(new Indexed(planned.index(), new FlowConfigRepository.Change(planned.stored().orElse(null),
                    next, "imported", at, caller.name())));
            (planned.stored().isEmpty() ? created : updated).add(next.id());
            versions.put(next.id(), next.version());
        }
        List<List<Indexed>> transactions = TransactionBatches.of(changes, Indexed::change, repository);
        if (dryRun) {
            report.put("transactions", transactions.size()).put("dryRun", true);
            return ApiAnswer.ok(report);
        }
        commit(transactions);
        report.put("transactions", transactions.size());
        return ApiAnswer.ok(report);
    }

    private List<FlowConfig> parse(JsonNode document) {
        if (!document.isObject() || !document.path("flowConfigs").isArray()) {
            throw FieldErrors.invalid(List.of(new Violation("flowConfigs",
                    "the body is an object with a flowConfigs list, as export returns it")));
        }
        List<Violation> violations = new ArrayList<>();
        JsonFields.unknown(document, DOCUMENT_FIELDS, "", violations);
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
                violations.addAll(ConfigWriter.prefixed(shape, prefix));
                continue;
            }
            if (!ConfigIds.isConfigId(config.id())) {
                violations.add(new Violation(prefix + "id", "must be a valid flow config id"));
                continue;
            }
            if (!ids.add(config.id())) {
                violations.add(new Violation(prefix + "id", "'" + config.id() + "' appears more than once"));
                continue;
            }
            config = config.withBookkeeping(0, null, null);
            violations.addAll(ConfigWriter.prefixed(ConfigWriter.problems(config), prefix));
            configs.add(config);
        }
        if (!violations.isEmpty()) {
            throw new ApiException(400, "VALIDATION_FAILED", "Nothing was imported: " + violations.size()
                    + (violations.size() == 1 ? " problem." : " problems."), FieldErrors.of(violations));
        }
        return configs;
    }

    /** Every config must be allowed before any is written; the refusal names each one. */
    private void authorize(Caller caller, List<Planned> plan) {
        Map<FlowConfigAction, List<Planned>> byAction = new LinkedHashMap<>();
        plan.forEach(p -> byAction.computeIfAbsent(p.action(), a -> new ArrayList<>()).add(p));
        List<Violation> refused = new ArrayList<>();
        byAction.forEach((action, planned) -> {
            Set<String> allowed = catalog.allowed(caller, action,
                    planned.stream().map(p -> p.submitted().id()).toList());
            planned.stream().filter(p -> !allowed.contains(p.submitted().id())).forEach(p -> refused.add(
                    new Violation("flowConfigs[" + p.index() + "]", "you may not "
                            + FlowConfigAuthorizer.describe(action) + " '" + p.submitted().id() + "'")));
        });
        if (!refused.isEmpty()) {
            refused.sort((a, b) -> a.field().compareTo(b.field()));
            throw new ApiException(403, "FORBIDDEN", "Nothing was imported: you may not make "
                    + refused.size() + (refused.size() == 1 ? " of these changes." : " of these changes."),
                    FieldErrors.of(refused));
        }
    }

    /** A change and the place of its config in the imported document. */
    private record Indexed(int index, FlowConfigRepository.Change change) {
        String field() {
            return "flowConfigs[" + index + "]";
        }
    }

    /** Commits each transaction in turn; when one fails after others were committed, the answer lists both. */
    private void commit(List<List<Indexed>> transactions) {
        for (int done = 0; done < transactions.size(); done++) {
            try {
                repository.commit(transactions.get(done).stream().map(Indexed::change).toList());
            } catch (RuntimeException e) {
                if (done == 0 && e instanceof FlowConfigRepository.ConflictException) {
                    throw new ApiException(409, "CONFLICT", "A config was changed by someone else while importing; "
                            + "nothing was imported. Import again to apply it.");
                }
                if (done == 0) {
                    throw e;
                }
                throw incomplete(e, transactions, done);
            }
        }
    }

    private static ApiException incomplete(RuntimeException failure, List<List<Indexed>> transactions, int done) {
        boolean unanswered = failure instanceof StoreUnavailableException;
        List<Violation> details = new ArrayList<>();
        int imported = 0;
        for (int t = 0; t < transactions.size(); t++) {
            for (Indexed indexed : transactions.get(t)) {
                String id = "'" + indexed.change().id() + "'";
                if (t < done) {
                    imported++;
                    details.add(new Violation(indexed.field(), "imported: " + id + " is now version "
                            + indexed.change().next().version()));
                } else if (t == done && unanswered) {
                    details.add(new Violation(indexed.field(), "not confirmed: the store stopped answering while "
                            + id + " was being written; read it to see whether it was imported"));
                } else {
                    details.add(new Violation(indexed.field(), "not imported: " + id));
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
