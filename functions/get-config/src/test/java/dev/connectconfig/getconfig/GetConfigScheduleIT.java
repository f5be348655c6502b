package dev.connectconfig.getconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectconfig.core.json.FlowConfigJson;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.store.FlowConfigItems;
import dev.connectconfig.core.validation.Violation;
import dev.connectconfig.engines.DynamoDbLocal;
import dev.connectconfig.testing.ManualClock;
import dev.connectconfig.engines.RepoFiles;
import dev.connectconfig.testing.TestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The sample config with schedules (the body of events/flow-config/create-with-schedules.json) served through the
 * real handler for events/get-config/scheduled.json, at instants set by the test's clock.
 */
class GetConfigScheduleIT {

    private static DynamoDbLocal dynamoDb;

    @BeforeAll
    static void start() throws Exception {
        dynamoDb = DynamoDbLocal.start();
        dynamoDb.put(sample());
    }

    @AfterAll
    static void stop() throws Exception {
        dynamoDb.close();
    }

    static FlowConfig sample() throws Exception {
        String body = RepoFiles.json("events/flow-config/create-with-schedules.json").get("body").textValue();
        List<Violation> violations = new ArrayList<>();
        FlowConfig config = FlowConfigJson.fromJson(FlowConfigJson.MAPPER.readTree(body), violations);
        assertEquals(List.of(), violations);
        return config.withBookkeeping(1, "2026-12-01T00:00:00Z", "seed");
    }

    private static GetConfigHandler handler(ManualClock clock) {
        return new GetConfigHandler(GetConfigService.create(dynamoDb.endpoint(), DynamoDbLocal.FLOW_CONFIG_TABLE,
                Duration.ofSeconds(45), clock));
    }

    private static Map<String, String> invoke(GetConfigHandler handler) {
        return handler.handleRequest(RepoFiles.eventMap("events/get-config/scheduled.json"),
                new TestContext("GetConfig"));
    }

    @Test
    void aWeekdayAfternoonGetsTheConfigsOwnValuesAndNoActiveSchedule() {
        ManualClock clock = new ManualClock(Instant.parse("2026-12-22T15:00:00Z")); // Tuesday 10:00 New York
        Map<String, String> result = invoke(handler(clock));

        assertNull(result.get("error"));
        assertEquals("", result.get("activeSchedules"));
        assertEquals("true", result.get("Open"));
        assertEquals("none", result.get("ClosedReason"));
        assertEquals("<speak>Thanks for calling Example Energy sales support.</speak>", result.get("Greeting"));
    }

    @Test
    void christmasEveFromFivePmIsClosedAndTheHolidayWinsOverAfterHours() {
        ManualClock clock = new ManualClock(Instant.parse("2026-12-24T21:59:00Z")); // Thursday 16:59
        GetConfigHandler handler = handler(clock);

        assertEquals("", invoke(handler).get("activeSchedules"));
        clock.set("2026-12-24T22:00:00Z"); // 17:00 New York, within the cache TTL of the first call
        Map<String, String> closed = invoke(handler);
        clock.set("2026-12-24T23:00:00Z"); // 18:00: after hours too, but christmas is first in the list
        Map<String, String> both = invoke(handler);

        assertEquals("christmas", closed.get("activeSchedules"));
        assertEquals("false", closed.get("Open"));
        assertEquals("holiday", closed.get("ClosedReason"));
        assertTrue(closed.get("Greeting").contains("closed for the holidays"), closed.get("Greeting"));
        assertEquals("christmas,afterHours", both.get("activeSchedules"));
        assertEquals("holiday", both.get("ClosedReason"));
        assertTrue(both.get("Greeting").contains("closed for the holidays"), both.get("Greeting"));
    }

    @Test
    void aWeeknightGetsTheAfterHoursMessageUntilEightInTheMorning() {
        ManualClock clock = new ManualClock(Instant.parse("2027-01-06T02:00:00Z")); // Tuesday 21:00
        GetConfigHandler handler = handler(clock);

        Map<String, String> night = invoke(handler);
        clock.set("2027-01-06T13:00:00Z"); // Wednesday 08:00
        Map<String, String> morning = invoke(handler);

        assertEquals("afterHours", night.get("activeSchedules"));
        assertEquals("afterHours", night.get("ClosedReason"));
        assertTrue(night.get("Greeting").contains("weekdays from 8 a.m."), night.get("Greeting"));
        assertEquals("", morning.get("activeSchedules"));
        assertEquals("none", morning.get("ClosedReason"));
    }

    @Test
    void schedulesAreJudgedFromTheCachedConfigWithoutAnotherRead() {
        dynamoDb.put(sampleWithId("sales-support-cached"));
        ManualClock clock = new ManualClock(Instant.parse("2027-01-01T04:59:00Z")); // Dec 31 23:59 New York
        GetConfigHandler handler = handler(clock);
        Map<String, Object> event = RepoFiles.eventMap("events/get-config/scheduled.json");
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) event.get("Details");
        details.put("Parameters", Map.of("id", "sales-support-cached"));

        Map<String, String> before = handler.handleRequest(event, new TestContext("GetConfig"));
        dynamoDb.client().deleteItem(r -> r.tableName(DynamoDbLocal.FLOW_CONFIG_TABLE)
                .key(Map.of(FlowConfigItems.ID, AttributeValue.fromS("sales-support-cached"))));
        clock.set("2027-01-01T05:00:00Z"); // New Year's Day 00:00: a holiday in publicHolidays
        Map<String, String> after = handler.handleRequest(event, new TestContext("GetConfig"));

        assertEquals("afterHours", before.get("activeSchedules"));
        assertEquals("publicHolidays,afterHours", after.get("activeSchedules"));
        assertEquals("holiday", after.get("ClosedReason"));
    }

    private static FlowConfig sampleWithId(String id) throws RuntimeException {
        try {
            FlowConfig sample = sample();
            return new FlowConfig(id, sample.description(), sample.variables(), sample.schema(), sample.prompts(),
                    sample.defaultLanguage(), 1, null, null, sample.timeZone(), sample.schedules());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
