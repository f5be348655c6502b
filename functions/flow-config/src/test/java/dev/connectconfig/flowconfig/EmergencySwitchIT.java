package dev.connectconfig.flowconfig;

import static dev.connectconfig.flowconfig.ApiFixture.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.model.PromptText;
import dev.connectconfig.core.model.Schedule;
import dev.connectconfig.core.model.ScheduleWhen;
import dev.connectconfig.core.render.Channel;
import dev.connectconfig.core.render.FlowConfigRenderer;
import dev.connectconfig.testing.ManualClock;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * The emergency switch over 120 configs with mixed permissions, through the real handler, DynamoDB Local and the real
 * Cedar policies: an editor of {@code storm-0*} who may only read {@code storm-1*}.
 */
class EmergencySwitchIT extends ApiIntegrationTest {

    private static final int CONFIGS = 120;
    /** Configs without the variable the switch sets: the switch would break their rules, so they are refused. */
    private static final Set<String> WITHOUT_OPEN = Set.of("storm-010", "storm-020", "storm-030");
    private static final Map<String, Object> EDITOR = Map.of("sub", "ed-storm", "cognito:username", "duty.manager",
            "custom:fc_edit", "storm-0*", "custom:fc_read", "storm-1*");
    private static final Map<String, Object> SET = Map.of("variables", Map.of("Open", "false"), "prompts",
            Map.of("Greeting", Map.of("en-US", Map.of("voice", "<speak>We are closed due to severe weather.</speak>"))));
    private static final Schedule WEEKLY = new Schedule("weekend", null, null, new ScheduleWhen.Weekly(
            Set.of(DayOfWeek.SUNDAY), LocalTime.of(0, 0), LocalTime.of(0, 0)), Map.of("Open", "false"), Map.of());

    @BeforeEach
    void seed() {
        api.reset();
        for (int i = 0; i < CONFIGS; i++) {
            String id = String.format("storm-%03d", i);
            Map<String, String> variables = WITHOUT_OPEN.contains(id) ? Map.of("Region", "north")
                    : Map.of("Open", "true");
            FlowConfig config = new FlowConfig(id, "Storm queue " + i, variables, Map.of(),
                    Map.of("Greeting", Map.of("en-US", PromptText.voice("<speak>Hello</speak>"))), "en-US", 1,
                    "2026-01-01T00:00:00Z", "seed");
            if (id.equals("storm-050")) {
                // An earlier emergency, still on, below a schedule of the config's own.
                config = config.withSchedules(List.of(WEEKLY, new Schedule("emergency", "old", "UTC",
                        new ScheduleWhen.Window(LocalDateTime.of(2026, 1, 1, 0, 0), null), Map.of("Open", "false"),
                        Map.of())));
            }
            api.dynamoDb.put(config);
        }
    }

    private static APIGatewayProxyResponseEvent start(Map<String, Object> body, Map<String, Object> claims) {
        return api.invoke(new ApiFixture.Request("POST", "/flow-configs/emergency").claims(claims).json(body)
                .build());
    }

    private static APIGatewayProxyResponseEvent end(String name, String value) {
        return api.invoke(new ApiFixture.Request("DELETE", "/flow-configs/emergency").claims(EDITOR)
                .query(name, value).build());
    }

    private static List<String> ids(JsonNode list) {
        return StreamSupport.stream(list.spliterator(), false).map(n -> n.isTextual() ? n.asText()
                : n.get("id").asText()).sorted().toList();
    }

    private static List<String> refusedWith(JsonNode report, String code) {
        return StreamSupport.stream(report.get("refused").spliterator(), false)
                .filter(n -> n.get("code").asText().equals(code)).map(n -> n.get("id").asText()).sorted().toList();
    }

    private static List<String> range(int from, int to) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i < to; i++) {
            ids.add(String.format("storm-%03d", i));
        }
        return ids;
    }

    private static long history(String because) {
        return api.items(ApiFixture.HISTORY_TABLE).stream()
                .filter(item -> item.get("archivedBecause").s().equals(because)).count();
    }

    @Test
    void switchingOnChangesEveryEditableConfigInTwoTransactionsAndNamesEveryRefusal() {
        Map<String, Object> body = new HashMap<>(Map.of("prefix", "storm-", "set", SET));

        APIGatewayProxyResponseEvent response = start(body, EDITOR);

        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode report = body(response);
        List<String> editable = new ArrayList<>(range(0, 100));
        editable.removeAll(WITHOUT_OPEN);
        assertEquals(editable, ids(report.get("changed")));
        assertEquals(range(100, 120), refusedWith(report, "FORBIDDEN"));
        assertEquals(List.copyOf(new java.util.TreeSet<>(WITHOUT_OPEN)), refusedWith(report, "VALIDATION_FAILED"));
        assertTrue(report.get("refused").toString().contains("schedules[0].set.variables.Open"), report.toString());
        assertEquals(2, report.get("transactions").asInt()); // 97 changes: 50 + 47
        // Started without until: it ends after the default maximum, 24 hours.
        assertEquals(Instant.parse(report.get("from").asText()).plus(Duration.ofHours(24)),
                Instant.parse(report.get("until").asText()));
        assertTrue(report.get("defaultEnd").asBoolean());
        assertEquals(97, history("emergency started"));

        FlowConfig first = api.stored("storm-000");
        assertEquals(2, first.version());
        assertEquals("duty.manager", first.updatedBy());
        Map<String, String> served = FlowConfigRenderer.render(first, "en-US", Channel.VOICE, Instant.now())
                .values();
        assertEquals("emergency", served.get("activeSchedules"));
        assertEquals("false", served.get("Open"));
        assertEquals("<speak>We are closed due to severe weather.</speak>", served.get("Greeting"));
        // On for a day, then over by itself.
        assertEquals("emergency", FlowConfigRenderer.render(first, "en-US", Channel.VOICE,
                Instant.now().plus(Duration.ofHours(23))).values().get("activeSchedules"));
        assertEquals("", FlowConfigRenderer.render(first, "en-US", Channel.VOICE,
                Instant.now().plus(Duration.ofHours(25))).values().get("activeSchedules"));
        // The earlier emergency is replaced, at the top; the config's own schedule stays.
        assertEquals(List.of("emergency", "weekend"), api.stored("storm-050").schedules().stream()
                .map(Schedule::name).toList());
        assertEquals(1, api.stored("storm-100").version());
    }

    @Test
    void switchingOffByPrefixRemovesItEverywhereTheCallerMayEdit() {
        start(Map.of("prefix", "storm-", "set", SET, "until", "2099-01-01T00:00:00Z"), EDITOR);

        APIGatewayProxyResponseEvent response = end("prefix", "storm-");

        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode report = body(response);
        List<String> editable = new ArrayList<>(range(0, 100));
        editable.removeAll(WITHOUT_OPEN);
        assertEquals(editable, ids(report.get("changed")));
        assertEquals(List.copyOf(new java.util.TreeSet<>(WITHOUT_OPEN)), ids(report.get("unchanged")));
        assertEquals(range(100, 120), refusedWith(report, "FORBIDDEN"));
        assertEquals(97, history("emergency ended"));
        assertEquals(List.of(), api.stored("storm-001").schedules());
        assertEquals(List.of(WEEKLY), api.stored("storm-050").schedules());
        assertEquals("", FlowConfigRenderer.render(api.stored("storm-001"), "en-US", Channel.VOICE, Instant.now())
                .values().get("activeSchedules"));
    }

    @Test
    void namedIdsOutOfScopeAnswerLikeMissingOnes() {
        APIGatewayProxyResponseEvent response = start(Map.of("ids", List.of("storm-001", "sales-emea", "nope-1",
                "storm-101"), "set", SET, "until", "2099-01-01T00:00:00Z"), EDITOR);

        JsonNode report = body(response);
        assertEquals(List.of("storm-001"), ids(report.get("changed")));
        assertEquals(List.of("nope-1", "sales-emea"), refusedWith(report, "NOT_FOUND"));
        assertEquals(List.of("storm-101"), refusedWith(report, "FORBIDDEN"));
        assertEquals(1, report.get("transactions").asInt());
        assertEquals("2099-01-01T00:00:00Z", report.get("until").asText());
        assertEquals(LocalDateTime.of(2099, 1, 1, 0, 0), ((ScheduleWhen.Window) api.stored("storm-001")
                .schedules().get(0).when()).to());

        JsonNode ended = body(end("ids", "storm-001,storm-002"));
        assertEquals(List.of("storm-001"), ids(ended.get("changed")));
        assertEquals(List.of("storm-002"), ids(ended.get("unchanged")));
    }

    @Test
    void badRequestsChangeNothing() {
        var before = api.snapshot();
        List<Map<String, Object>> bodies = List.of(
                Map.of("set", SET),
                Map.of("prefix", "storm-", "ids", List.of("storm-001"), "set", SET),
                Map.of("prefix", "storm-", "set", Map.of()),
                Map.of("prefix", "storm-", "set", SET, "until", "2020-01-01T00:00:00Z"),
                Map.of("prefix", "storm-", "set", SET, "until", "tomorrow"),
                Map.of("prefix", "storm-", "set", SET, "colour", "red"),
                Map.of("ids", List.of("a/b"), "set", SET));
        List<String> fields = List.of("ids", "ids", "set", "until", "until", "colour", "ids[0]");

        for (int i = 0; i < bodies.size(); i++) {
            APIGatewayProxyResponseEvent response = start(bodies.get(i), EDITOR);
            assertEquals(400, response.getStatusCode(), response.getBody());
            assertEquals(List.of(fields.get(i)), body(response).get("details").findValuesAsText("field"),
                    response.getBody());
        }
        assertEquals(400, end("prefix", "storm/").getStatusCode());
        assertEquals(before, api.snapshot());
    }

    /** The handler over a client that runs {@code before} ahead of the first TransactWriteItems. */
    private static FlowConfigHandler beforeFirstTransaction(Runnable before) {
        AtomicInteger transactions = new AtomicInteger();
        return api.handlerOver(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof TransactWriteItemsRequest && transactions.incrementAndGet() == 1) {
                    before.run();
                }
            }
        });
    }

    private static APIGatewayProxyRequestEvent firstTen() {
        return new ApiFixture.Request("POST", "/flow-configs/emergency").claims(EDITOR)
                .json(Map.of("ids", range(0, 10), "set", SET)).build();
    }

    @Test
    void aConfigSomeoneElseChangedMeanwhileIsRefusedAndTheOthersStillChange() {
        FlowConfigHandler handler = beforeFirstTransaction(() -> {
            FlowConfig stored = api.stored("storm-005");
            api.repository.commit(List.of(new FlowConfigRepository.Change(stored, stored.withBookkeeping(2,
                    "2026-12-01T00:00:00Z", "someone"), "updated", "2026-12-01T00:00:00Z", "someone")));
        });

        JsonNode report = body(ApiFixture.invoke(handler, firstTen()));

        List<String> others = new ArrayList<>(range(0, 10));
        others.remove("storm-005");
        assertEquals(others, ids(report.get("changed")));
        assertEquals(List.of("storm-005"), refusedWith(report, "CONFLICT"));
        assertEquals("someone", api.stored("storm-005").updatedBy());
        assertEquals(List.of(), api.stored("storm-005").schedules());
    }

    @Test
    void aTransactionTheStoreDoesNotConfirmIsReportedConfigByConfig() {
        FlowConfigHandler handler = beforeFirstTransaction(() -> {
            throw SdkClientException.create("connection reset");
        });

        APIGatewayProxyResponseEvent response = ApiFixture.invoke(handler, firstTen());

        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(range(0, 10), refusedWith(body(response), "UNAVAILABLE"));
        assertEquals(0, body(response).get("changed").size());
        assertFalse(response.getBody().contains("connection reset"), response.getBody());
        assertEquals(1, api.stored("storm-001").version());
    }

    private static FlowConfigHandler handler(FlowConfigRepository repository, Clock clock,
            EmergencySwitch.Limits limits) {
        return new FlowConfigHandler(FlowConfigFactory.build(repository, api.cedar, clock, ParallelCalls.SEQUENTIAL,
                limits), "https://config.example.com");
    }

    private static APIGatewayProxyRequestEvent startByPrefix(String prefix, String dryRun) {
        ApiFixture.Request request = new ApiFixture.Request("POST", "/flow-configs/emergency").claims(EDITOR)
                .json(Map.of("prefix", prefix, "set", SET, "until", "2099-01-01T00:00:00Z"));
        return (dryRun == null ? request : request.query("dryRun", dryRun)).build();
    }

    @Test
    void aDeadlineReachedMidWayAnswersWhatIsNotDoneAndARepeatFinishesTheJob() {
        ManualClock clock = new ManualClock(Instant.now());
        AtomicInteger transactions = new AtomicInteger();
        DynamoDbFlowConfigRepository repository = api.repositoryOver(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof TransactWriteItemsRequest && transactions.incrementAndGet() == 1) {
                    clock.advance(Duration.ofSeconds(25)); // the first transaction takes the whole budget
                }
            }
        });
        FlowConfigHandler slow = handler(repository, clock, EmergencySwitch.Limits.DEFAULT);

        APIGatewayProxyResponseEvent first = ApiFixture.invoke(slow, startByPrefix("storm-", null));

        assertEquals(200, first.getStatusCode(), first.getBody());
        JsonNode report = body(first);
        List<String> editable = new ArrayList<>(range(0, 100));
        editable.removeAll(WITHOUT_OPEN);
        assertFalse(report.get("complete").asBoolean());
        assertEquals(editable.subList(0, 50), ids(report.get("changed")));
        assertEquals(editable.subList(50, 97), ids(report.get("notDone")));
        assertEquals(47, report.get("counts").get("notDone").asInt());
        assertEquals(1, report.get("transactions").asInt());
        assertEquals(1, api.stored(editable.get(60)).version(), "nothing not done was written");

        JsonNode repeat = body(ApiFixture.invoke(api.handler, startByPrefix("storm-", null)));

        assertTrue(repeat.get("complete").asBoolean(), repeat.toString());
        assertEquals(editable.subList(50, 97), ids(repeat.get("changed")));
        assertEquals(editable.subList(0, 50), ids(repeat.get("unchanged")), "already switched the same way");
        assertEquals(0, repeat.get("notDone").size());
        assertEquals(2, api.stored(editable.get(0)).version());
        assertEquals(2, api.stored(editable.get(60)).version());
        assertEquals(97, history("emergency started"));
    }

    @Test
    void aDryRunAnswersExactlyWhatTheSwitchWouldDoAndWritesNothing() {
        var before = api.snapshot();

        APIGatewayProxyResponseEvent planned = api.invoke(startByPrefix("storm-", "true"));

        assertEquals(200, planned.getStatusCode(), planned.getBody());
        assertEquals(before, api.snapshot());
        JsonNode plan = body(planned);
        assertTrue(plan.get("dryRun").asBoolean());
        JsonNode done = body(api.invoke(startByPrefix("storm-", "false")));
        for (String list : List.of("changed", "unchanged", "refused", "notDone")) {
            assertEquals(ids(done.get(list)), ids(plan.get(list)), list);
            assertEquals(done.get("counts").get(list), plan.get("counts").get(list), list);
        }
        assertEquals(97, plan.get("counts").get("changed").asInt());
        assertEquals(23, plan.get("counts").get("refused").asInt());

        var switchedOn = api.snapshot();
        JsonNode ending = body(api.invoke(new ApiFixture.Request("DELETE", "/flow-configs/emergency").claims(EDITOR)
                .query("prefix", "storm-").query("dryRun", "true").build()));
        assertEquals(97, ending.get("counts").get("changed").asInt());
        assertEquals(switchedOn, api.snapshot());

        for (String wrong : List.of("yes", "TRUE", "")) {
            APIGatewayProxyResponseEvent refused = api.invoke(startByPrefix("storm-", wrong));
            assertEquals(400, refused.getStatusCode(), refused.getBody());
            assertEquals("INVALID_DRY_RUN", body(refused).get("code").asText());
        }
        assertEquals(switchedOn, api.snapshot());
    }

    @Test
    void aSelectionOverTheCapIsRefusedNamingCapAndCountBeforeAnythingIsAuthorised() {
        FlowConfigHandler capped = handler(api.repository, Clock.systemUTC(),
                new EmergencySwitch.Limits(50, Duration.ofSeconds(20)));
        var before = api.snapshot();
        int decisions = api.cedar.decisions();

        APIGatewayProxyResponseEvent response = ApiFixture.invoke(capped, startByPrefix("storm-", null));

        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals("SELECTION_TOO_LARGE", body(response).get("code").asText());
        String message = body(response).get("message").asText();
        assertTrue(message.contains("at most 50") && message.contains("selects 120"), message);
        assertEquals(decisions, api.cedar.decisions(), "no authorisation for a refused selection");
        assertEquals(before, api.snapshot());
        assertEquals(200, ApiFixture.invoke(capped, startByPrefix("storm-00", null)).getStatusCode());
    }

    @Test
    void aPrefixIsNarrowedToTheCallersScopesBeforeAnythingIsReadOrAuthorised() {
        Map<String, Object> fewScopes = Map.of("sub", "ed-few", "cognito:username", "few", "custom:fc_edit",
                "storm-00*");
        int decisions = api.cedar.decisions();

        JsonNode report = body(api.invoke(new ApiFixture.Request("POST", "/flow-configs/emergency")
                .claims(fewScopes).json(Map.of("prefix", "s", "set", SET)).build()));

        assertEquals(range(0, 10), ids(report.get("changed")));
        assertEquals(0, report.get("refused").size());
        // Ten reads and ten edits asked about; not the 120 configs under s.
        assertEquals(20, api.cedar.decisions() - decisions);

        int again = api.cedar.decisions();
        JsonNode outside = body(api.invoke(new ApiFixture.Request("POST", "/flow-configs/emergency")
                .claims(fewScopes).json(Map.of("prefix", "storm-1", "set", SET)).build()));
        assertEquals(0, outside.get("counts").get("changed").asInt() + outside.get("refused").size());
        assertEquals(again, api.cedar.decisions(), "a prefix outside every scope reads and asks nothing");
    }
}
