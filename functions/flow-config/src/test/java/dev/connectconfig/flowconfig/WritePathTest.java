package dev.connectconfig.flowconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.connectconfig.api.ApiAnswer;
import dev.connectconfig.api.auth.Caller;
import dev.connectconfig.api.auth.FlowConfigAction;
import dev.connectconfig.api.auth.FlowConfigAuthorizer;
import dev.connectconfig.api.errors.ApiException;
import dev.connectconfig.core.json.FlowConfigJson;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.model.PromptText;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every write of a config goes through {@link ConfigWriter#write}, and a PUT asks the authorizer one question: in
 * memory, with an authorizer that records each question and a writer that records each write.
 */
class WritePathTest {

    private static final Caller EDDIE = new Caller("eddie", "eddie", Set.of(), Set.of(), Set.of(), Set.of());

    /** Allows {@code allowed}; records every question asked, one entry a call, whatever the method. */
    private static final class RecordingAuthorizer implements FlowConfigAuthorizer {
        final List<String> questions = new ArrayList<>();
        final Set<FlowConfigAction> allowed;

        RecordingAuthorizer(Set<FlowConfigAction> allowed) {
            this.allowed = allowed;
        }

        @Override
        public boolean isAllowed(Caller caller, FlowConfigAction action, String configId) {
            questions.add("isAllowed " + action + " " + configId);
            return allowed.contains(action);
        }

        @Override
        public Set<String> allowed(Caller caller, FlowConfigAction action, List<String> configIds) {
            questions.add("allowed " + action + " " + configIds);
            return allowed.contains(action) ? Set.copyOf(configIds) : Set.of();
        }

        @Override
        public Set<FlowConfigAction> permitted(Caller caller, String configId, Set<FlowConfigAction> actions) {
            questions.add("permitted " + configId);
            Set<FlowConfigAction> permitted = EnumSet.noneOf(FlowConfigAction.class);
            actions.stream().filter(allowed::contains).forEach(permitted::add);
            return permitted;
        }
    }

    /** Configs and their history in memory; every change committed is kept in order. */
    private static final class MemoryRepository implements FlowConfigRepository {
        final Map<String, FlowConfig> configs = new LinkedHashMap<>();
        final Map<String, List<FlowConfig>> history = new LinkedHashMap<>();
        final List<Change> committed = new ArrayList<>();

        @Override
        public Optional<FlowConfig> find(String id) {
            return Optional.ofNullable(configs.get(id));
        }

        @Override
        public CatalogPage catalog(String prefix, String afterId, int maxItems) {
            List<ConfigSummary> items = configs.values().stream().filter(c -> c.id().startsWith(prefix))
                    .map(c -> new ConfigSummary(c.id(), c.description(), c.version(), c.updatedAt(), c.updatedBy()))
                    .toList();
            return new CatalogPage(items, null);
        }

        @Override
        public List<FlowConfig> findAll(List<String> ids) {
            return ids.stream().filter(configs::containsKey).map(configs::get).toList();
        }

        @Override
        public void commit(List<Change> changes) {
            for (Change change : changes) {
                FlowConfig now = configs.get(change.id());
                if (change.previous() == null ? now != null : now == null
                        || now.version() != change.previous().version()) {
                    throw new ConflictException(change.id());
                }
            }
            for (Change change : changes) {
                if (change.previous() != null) {
                    history.computeIfAbsent(change.id(), id -> new ArrayList<>()).add(change.previous());
                }
                if (change.next() == null) {
                    configs.remove(change.id());
                } else {
                    configs.put(change.id(), change.next());
                }
                committed.add(change);
            }
        }

        @Override
        public long transactionBytes(Change change) {
            return 1;
        }

        @Override
        public long latestArchivedVersion(String id) {
            return history.getOrDefault(id, List.of()).stream().mapToLong(FlowConfig::version).max().orElse(0);
        }

        @Override
        public HistoryPage history(String id, Long beforeVersion, int limit) {
            return new HistoryPage(List.of(), null);
        }

        @Override
        public Optional<FlowConfig> archivedVersion(String id, long version) {
            return history.getOrDefault(id, List.of()).stream().filter(c -> c.version() == version).findFirst();
        }
    }

    private final MemoryRepository repository = new MemoryRepository();
    private final List<ConfigWriter.WriteRequest> writes = new ArrayList<>();
    private RecordingAuthorizer authorizer;
    private FlowConfigService service;
    private ConfigTransfer transfer;
    private EmergencySwitch emergency;

    /** The parts as {@link FlowConfigFactory} builds them, with a writer that records every write it owns. */
    private void build(Set<FlowConfigAction> allowed) {
        authorizer = new RecordingAuthorizer(allowed);
        ConfigCatalog catalog = new ConfigCatalog(repository, authorizer);
        ConfigWriter writer = new ConfigWriter(repository, catalog, Clock.fixed(Instant.parse(
                "2026-12-24T17:00:00Z"), ZoneOffset.UTC)) {
            @Override
            WriteResult write(WriteRequest request) {
                writes.add(request);
                return super.write(request);
            }
        };
        service = new FlowConfigService(repository, authorizer, writer);
        transfer = new ConfigTransfer(repository, catalog, writer);
        emergency = new EmergencySwitch(repository, catalog, writer);
    }

    private static FlowConfig queue(String id, String closure) {
        return new FlowConfig(id, "Main queue", Map.of("Closure", closure),
                Map.of(), Map.of("Welcome", Map.of("en-US", PromptText.voice("Welcome."))), "en-US", 0, null, null);
    }

    private void store(FlowConfig config) {
        repository.commit(List.of(new FlowConfigRepository.Change(null, config.withBookkeeping(1,
                "2026-01-01T00:00:00Z", "seed"), "created", "2026-01-01T00:00:00Z", "seed")));
        repository.committed.clear();
    }

    private static ObjectNode json(FlowConfig config) {
        return FlowConfigJson.toJson(config);
    }

    @Test
    void aPutAsksTheAuthorizerOneQuestionAndWritesThroughTheOneOwner() {
        build(EnumSet.of(FlowConfigAction.READ, FlowConfigAction.UPDATE_VALUES));
        store(queue("main-queue", "false"));

        ApiAnswer.Json answer = service.put(EDDIE, "main-queue", json(queue("main-queue", "true")), "\"1\"", null);

        assertEquals(200, answer.status());
        assertEquals("\"2\"", answer.headers().get("ETag"));
        assertEquals(List.of("permitted main-queue"), authorizer.questions);
        assertEquals(1, writes.size());
        assertEquals("updated", writes.get(0).reason());
        assertEquals(2, repository.configs.get("main-queue").version());
    }

    @Test
    void aCreateAndARefusedStructuralChangeAskOneQuestionEach() {
        build(EnumSet.of(FlowConfigAction.READ, FlowConfigAction.CREATE, FlowConfigAction.UPDATE_VALUES));
        ApiAnswer.Json created = service.put(EDDIE, "new-queue", json(queue("new-queue", "false")), null, "*");
        assertEquals(201, created.status());
        assertEquals(List.of("permitted new-queue"), authorizer.questions);

        authorizer.questions.clear();
        FlowConfig renamed = new FlowConfig("new-queue", "Another description", Map.of("Closure", "false"),
                Map.of(), Map.of("Welcome", Map.of("en-US", PromptText.voice("Welcome."))), "en-US", 0, null, null);
        ApiException refused = assertThrows(ApiException.class, () -> service.put(EDDIE, "new-queue",
                json(renamed), "\"1\"", null));
        assertEquals(403, refused.status());
        assertEquals("You may not change the structure (variables, prompts, languages, schema, description) of "
                + "flow config 'new-queue'.", refused.getMessage());
        assertEquals(List.of("permitted new-queue"), authorizer.questions);
        assertEquals(2, writes.size());
    }

    @Test
    void aCallerWhoMayNotReadIsRefusedBeforeAnythingElseIsJudged() {
        build(EnumSet.noneOf(FlowConfigAction.class));
        store(queue("main-queue", "false"));

        ApiException refused = assertThrows(ApiException.class, () -> service.put(EDDIE, "main-queue",
                json(queue("main-queue", "true")), "\"7\"", null));

        assertEquals(403, refused.status());
        assertEquals("You may not read flow config 'main-queue'.", refused.getMessage());
        assertEquals(List.of("permitted main-queue"), authorizer.questions);
        assertEquals(List.of(), writes);
    }

    @Test
    void restoreImportAndTheEmergencySwitchWriteThroughTheSameOwner() {
        build(EnumSet.allOf(FlowConfigAction.class));
        store(queue("main-queue", "false"));
        service.put(EDDIE, "main-queue", json(queue("main-queue", "true")), "\"1\"", null);

        service.restore(EDDIE, "main-queue", "1", "\"2\"", null);
        assertEquals(List.of("permitted main-queue", "permitted main-queue"), authorizer.questions);

        JsonNode document = FlowConfigJson.MAPPER.valueToTree(Map.of("flowConfigs",
                List.of(json(queue("main-queue", "true")), json(queue("other-queue", "false")))));
        ObjectNode dryRun = (ObjectNode) transfer.importAll(EDDIE, document, true).body();
        assertEquals(true, dryRun.get("dryRun").asBoolean());
        transfer.importAll(EDDIE, document, false);
        emergency.start(EDDIE, FlowConfigJson.MAPPER.valueToTree(Map.of("ids", List.of("main-queue"),
                "set", Map.of("variables", Map.of("Closure", "true")))));
        emergency.end(EDDIE, "main-queue", null);

        assertEquals(List.of("updated", "restored", "imported", "imported", "emergency started", "emergency ended"),
                writes.stream().map(ConfigWriter.WriteRequest::reason).toList());
        assertEquals(List.of(false, false, true, false, false, false),
                writes.stream().map(ConfigWriter.WriteRequest::dryRun).toList());
        assertEquals(List.of("updated", "restored", "imported", "imported", "emergency started", "emergency ended"),
                repository.committed.stream().map(FlowConfigRepository.Change::reason).toList());
        assertEquals(6, repository.configs.get("main-queue").version());
        assertEquals(1, repository.configs.get("other-queue").version());
    }
}
