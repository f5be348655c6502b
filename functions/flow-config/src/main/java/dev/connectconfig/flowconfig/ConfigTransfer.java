package dev.connectconfig.flowconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.connectconfig.shared.auth.Caller;
import dev.connectconfig.shared.auth.FlowConfigAction;
import dev.connectconfig.shared.auth.FlowConfigAuthorizer;
import dev.connectconfig.shared.errors.ApiException;
import dev.connectconfig.shared.json.FlowConfigJson;
import dev.connectconfig.shared.json.JsonFields;
import dev.connectconfig.shared.model.FlowConfig;
import dev.connectconfig.shared.validation.FlowConfigValidator;
import dev.connectconfig.shared.validation.Violation;
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
 * writes anything; it then writes in as few transactions as DynamoDB allows, so an import of up to
 * {@link #CHANGES_PER_TRANSACTION} changed configs is all-or-nothing.
 */
final class ConfigTransfer {

    /** Lambda answers at most 6 MB; leave room for JSON escaping and headers. */
    static final int MAX_EXPORT_BYTES = 5 * 1024 * 1024;
    static final int MAX_IMPORT_CONFIGS = 500;
    /** TransactWriteItems takes 100 items (two per changed config) and 4 MB. */
    static final int CHANGES_PER_TRANSACTION = 50;
    static final int BYTES_PER_TRANSACTION = 3_500_000;
    private static final Set<String> DOCUMENT_FIELDS = Set.of("flowConfigs", "exportedAt", "prefix");

    private final FlowConfigRepository repository;
    private final FlowConfigAuthorizer authorizer;
    private final FlowConfigService service;

    ConfigTransfer(FlowConfigRepository repository, FlowConfigAuthorizer authorizer, FlowConfigService service) {
        this.repository = repository;
        this.authorizer = authorizer;
        this.service = service;
    }

    ApiResult export(Caller caller, String prefix) {
        if (prefix != null && !prefix.isEmpty() && !FlowConfigValidator.ID.matcher(prefix).matches()) {
            throw ApiException.badRequest("INVALID_PREFIX", "prefix may only hold letters, digits and + _ - . :");
        }
        List<String> readable = new ArrayList<>();
        String after = null;
        do {
            FlowConfigRepository.CatalogPage page = repository.catalog(prefix, after,
                    FlowConfigService.CATALOG_PAGE);
            List<String> ids = page.items().stream().map(ConfigSummary::id).toList();
            for (int from = 0; from < ids.size(); from += FlowConfigService.AUTHORIZATION_BATCH) {
                List<String> batch = ids.subList(from, Math.min(ids.size(), from + FlowConfigService.AUTHORIZATION_BATCH));
                Set<String> allowed = authorizer.allowed(caller, FlowConfigAction.READ, batch);
                batch.stream().filter(allowed::contains).forEach(readable::add);
            }
            after = page.lastEvaluatedId();
        } while (after != null);

        ObjectNode document = FlowConfigJson.MAPPER.createObjectNode().put("exportedAt", service.now());
        if (prefix != null && !prefix.isEmpty()) {
            document.put("prefix", prefix);
        }
        ArrayNode configs = document.putArray("flowConfigs");
        long bytes = 0;
        for (FlowConfig config : repository.findAll(readable)) {
            bytes += FlowConfigValidator.approximateItemBytes(config);
            if (bytes > MAX_EXPORT_BYTES) {
                throw ApiException.tooLarge("The export is larger than " + MAX_EXPORT_BYTES / (1024 * 1024)
                        + " MB; export a part at a time with ?prefix=.");
            }
            configs.add(FlowConfigJson.toJson(config));
        }
        return ApiResult.ok(document);
    }

    private record Planned(int index, FlowConfig submitted, Optional<FlowConfig> stored, ConfigChange change) {
        FlowConfigAction action() {
            return stored.isEmpty() ? FlowConfigAction.CREATE
                    : change == ConfigChange.NONE ? FlowConfigAction.READ : change.action();
        }
    }

    ApiResult importAll(Caller caller, JsonNode document) {
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

        String at = service.now();
        List<FlowConfigRepository.Change> changes = new ArrayList<>();
        ObjectNode report = FlowConfigJson.MAPPER.createObjectNode();
        ArrayNode created = report.putArray("created");
        ArrayNode updated = report.putArray("updated");
        ArrayNode unchanged = report.putArray("unchanged");
        for (Planned planned : plan) {
            if (planned.stored().isPresent() && planned.change() == ConfigChange.NONE) {
                unchanged.add(planned.submitted().id());
                continue;
            }
            FlowConfig next = planned.submitted().withBookkeeping(
                    service.nextVersion(planned.submitted().id(), planned.stored()), at, caller.name());
            changes.add(new FlowConfigRepository.Change(planned.stored().orElse(null), next, "imported", at,
                    caller.name()));
            (planned.stored().isEmpty() ? created : updated).add(next.id());
        }
        commitInTransactions(changes);
        return ApiResult.ok(report);
    }

    private List<FlowConfig> parse(JsonNode document) {
        if (!document.isObject() || !document.path("flowConfigs").isArray()) {
            throw ApiException.invalid(List.of(new Violation("flowConfigs",
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
                violations.addAll(FlowConfigService.prefixed(shape, prefix));
                continue;
            }
            if (config.id() == null || !FlowConfigValidator.isValidId(config.id())
                    || FlowConfigService.ROUTE_IDS.contains(config.id())) {
                violations.add(new Violation(prefix + "id", "must be a valid flow config id"));
                continue;
            }
            if (!ids.add(config.id())) {
                violations.add(new Violation(prefix + "id", "'" + config.id() + "' appears more than once"));
                continue;
            }
            config = config.withBookkeeping(0, null, null);
            if (FlowConfigValidator.approximateItemBytes(config) > FlowConfigValidator.MAX_ITEM_BYTES) {
                violations.add(new Violation(prefix.substring(0, prefix.length() - 1), "is larger than "
                        + FlowConfigValidator.MAX_ITEM_BYTES / 1024 + " KB"));
                continue;
            }
            violations.addAll(FlowConfigService.prefixed(FlowConfigValidator.validate(config), prefix));
            configs.add(config);
        }
        if (!violations.isEmpty()) {
            throw new ApiException(400, "VALIDATION_FAILED", "Nothing was imported: " + violations.size()
                    + (violations.size() == 1 ? " problem." : " problems."), violations);
        }
        return configs;
    }

    /** Every config must be allowed before any is written; the refusal names each one. */
    private void authorize(Caller caller, List<Planned> plan) {
        Map<FlowConfigAction, List<Planned>> byAction = new LinkedHashMap<>();
        plan.forEach(p -> byAction.computeIfAbsent(p.action(), a -> new ArrayList<>()).add(p));
        List<Violation> refused = new ArrayList<>();
        byAction.forEach((action, planned) -> {
            Set<String> allowed = authorizer.allowed(caller, action,
                    planned.stream().map(p -> p.submitted().id()).toList());
            planned.stream().filter(p -> !allowed.contains(p.submitted().id())).forEach(p -> refused.add(
                    new Violation("flowConfigs[" + p.index() + "]", "you may not "
                            + FlowConfigAuthorizer.describe(action) + " '" + p.submitted().id() + "'")));
        });
        if (!refused.isEmpty()) {
            refused.sort((a, b) -> a.field().compareTo(b.field()));
            throw new ApiException(403, "FORBIDDEN", "Nothing was imported: you may not make "
                    + refused.size() + (refused.size() == 1 ? " of these changes." : " of these changes."), refused);
        }
    }

    private void commitInTransactions(List<FlowConfigRepository.Change> changes) {
        List<String> written = new ArrayList<>();
        List<FlowConfigRepository.Change> batch = new ArrayList<>();
        long batchBytes = 0;
        for (FlowConfigRepository.Change change : changes) {
            long bytes = 2L * FlowConfigValidator.approximateItemBytes(change.next());
            if (!batch.isEmpty() && (batch.size() == CHANGES_PER_TRANSACTION
                    || batchBytes + bytes > BYTES_PER_TRANSACTION)) {
                commit(batch, written);
                batch = new ArrayList<>();
                batchBytes = 0;
            }
            batch.add(change);
            batchBytes += bytes;
        }
        if (!batch.isEmpty()) {
            commit(batch, written);
        }
    }

    private void commit(List<FlowConfigRepository.Change> batch, List<String> written) {
        try {
            repository.commit(batch);
            batch.forEach(change -> written.add(change.id()));
        } catch (FlowConfigRepository.ConflictException e) {
            List<Violation> details = written.stream().map(id -> new Violation(id, "was imported")).toList();
            throw new ApiException(409, "CONFLICT", "A config was changed by someone else while importing; "
                    + (written.isEmpty() ? "nothing was imported." : written.size() + " configs were imported "
                    + "before it (listed). Import again to apply the rest."), details);
        }
    }
}
