package dev.connectconfig.flowconfig;

import static dev.connectconfig.flowconfig.ApiFixture.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.connectconfig.core.json.FlowConfigJson;
import dev.connectconfig.core.store.CalendarItems;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Shared calendars through the real handler on DynamoDB Local and Cedar: the resource, its versions, the reverse
 * index the config writes keep, and the refusals that keep every config using a calendar valid.
 */
class CalendarApiIT extends ApiIntegrationTest {

    static final String US = """
            {"description": "US holidays", "entries": [
              {"name": "Christmas Day", "kind": "yearly", "month": 12, "day": 25, "observed": "nearestWeekday"},
              {"name": "Thanksgiving", "kind": "nthWeekday", "month": 11, "weekday": "THU", "nth": 4},
              {"name": "Good Friday", "kind": "easter", "offset": -2}]}""";

    @BeforeEach
    void reset() {
        api.reset();
    }

    static APIGatewayProxyResponseEvent putCalendar(String id, String json, String ifMatch) {
        ApiFixture.Request request = new ApiFixture.Request("PUT", "/calendars/{id}").id(id)
                .claims(ApiFixture.admin()).json(json);
        request = ifMatch == null ? request.header("If-None-Match", "*") : request.header("If-Match", ifMatch);
        return api.invoke(request.build());
    }

    static APIGatewayProxyResponseEvent getCalendar(String id) {
        return api.invoke(new ApiFixture.Request("GET", "/calendars/{id}").id(id).claims(ApiFixture.admin()).build());
    }

    /** sales-emea with a schedule that sets Closure on {@code when}, written as version 2. */
    static APIGatewayProxyResponseEvent closeOn(String configId, String whenJson) {
        ObjectNode config = FlowConfigJson.toJson(api.stored(configId));
        ArrayNode schedules = config.putArray("schedules");
        ObjectNode schedule = schedules.addObject().put("name", "holiday");
        try {
            schedule.set("when", FlowConfigJson.MAPPER.readTree(whenJson));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        schedule.putObject("set").putObject("variables").put("Closure", "true");
        config.put("timeZone", "America/New_York");
        return api.invoke(new ApiFixture.Request("PUT", "/flow-configs/{id}").id(configId)
                .header("If-Match", ETags.of(api.stored(configId).version())).claims(ApiFixture.admin())
                .json(config).build());
    }

    private static List<String> fields(APIGatewayProxyResponseEvent response) {
        return body(response).get("details").findValuesAsText("field");
    }

    @Test
    void aCalendarIsCreatedReadListedAndItsDatesComputed() {
        APIGatewayProxyResponseEvent created = putCalendar("us-holidays", US, null);
        assertEquals(201, created.getStatusCode(), created.getBody());
        assertEquals("\"1\"", created.getHeaders().get("ETag"));

        JsonNode read = body(getCalendar("us-holidays"));
        assertEquals(3, read.get("entries").size());
        assertEquals(0, read.get("usedBy").size());
        assertEquals("ana.admin", read.get("updatedBy").asText());

        JsonNode list = body(api.invoke(new ApiFixture.Request("GET", "/calendars").claims(ApiFixture.admin())
                .build()));
        assertEquals(List.of("us-holidays"), list.get("items").findValuesAsText("id"));
        // A calendar is not a config: the config list does not show it.
        JsonNode configs = body(api.invoke(new ApiFixture.Request("GET", "/flow-configs").claims(ApiFixture.admin())
                .build()));
        assertFalse(configs.get("items").findValuesAsText("id").stream().anyMatch(id -> id.contains("holidays")));

        JsonNode dates = body(api.invoke(new ApiFixture.Request("GET", "/calendars/{id}/dates").id("us-holidays")
                .query("from", "2027-01-01").query("to", "2027-12-31").claims(ApiFixture.admin()).build()));
        assertEquals(List.of("2027-03-26", "2027-11-25", "2027-12-24"), dates.get("dates").findValuesAsText("date"));
        assertEquals("2027-12-25", dates.get("dates").get(2).get("observedFor").asText());
        assertEquals("FRI", dates.get("dates").get(2).get("dayOfWeek").asText());
    }

    @Test
    void aBrokenCalendarIsRefusedNamingTheFieldAndAStaleOneWith412() {
        var before = api.snapshot();
        APIGatewayProxyResponseEvent invalid = putCalendar("us-holidays", """
                {"entries": [{"name": "X", "kind": "nthWeekday", "month": 11, "weekday": "THU", "nth": 9}]}""", null);
        assertEquals(400, invalid.getStatusCode());
        assertEquals(List.of("entries[0].nth"), fields(invalid));
        assertEquals(before, api.snapshot());

        putCalendar("us-holidays", US, null);
        APIGatewayProxyResponseEvent stale = putCalendar("us-holidays", US, "\"7\"");
        assertEquals(412, stale.getStatusCode());
        assertEquals("VERSION_MISMATCH", body(stale).get("code").asText());
        APIGatewayProxyResponseEvent again = putCalendar("us-holidays", US, null);
        assertEquals(412, again.getStatusCode());
    }

    @Test
    void anUnknownCalendarInAScheduleIsA400NamingTheField() {
        var before = api.snapshot();
        APIGatewayProxyResponseEvent response = closeOn("sales-emea", "{\"calendar\": \"nowhere\"}");
        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals(List.of("schedules[0].when.calendar"), fields(response));
        assertEquals(before, api.snapshot());

        putCalendar("us-holidays", US, null);
        APIGatewayProxyResponseEvent badEntry = closeOn("sales-emea",
                "{\"calendar\": \"us-holidays\", \"entries\": [\"Boxing Day\"]}");
        assertEquals(List.of("schedules[0].when.entries[0]"), fields(badEntry));
    }

    @Test
    void theCalendarKnowsWhoUsesItAndCannotBeDeletedMeanwhile() {
        putCalendar("us-holidays", US, null);
        assertEquals(200, closeOn("sales-emea", "{\"calendar\": \"us-holidays\"}").getStatusCode());
        assertEquals(200, closeOn("main-queue", "{\"calendar\": \"us-holidays\", \"entries\": [\"Thanksgiving\"]}")
                .getStatusCode());

        JsonNode read = body(getCalendar("us-holidays"));
        assertEquals(List.of("main-queue", "sales-emea"), List.of(read.get("usedBy").get(0).asText(),
                read.get("usedBy").get(1).asText()));
        // The reverse index lives on the calendar's item, written by the configs' transactions.
        assertEquals(java.util.Set.of("main-queue", "sales-emea"), CalendarItems.usedBy(api.dynamoDb.client()
                .getItem(b -> b.tableName(dev.connectconfig.engines.DynamoDbLocal.FLOW_CONFIG_TABLE).key(Map.of("id",
                        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("calendar#us-holidays"))))
                .item()));

        var before = api.snapshot();
        APIGatewayProxyResponseEvent refused = api.invoke(new ApiFixture.Request("DELETE", "/calendars/{id}")
                .id("us-holidays").header("If-Match", "\"1\"").claims(ApiFixture.admin()).build());
        assertEquals(409, refused.getStatusCode());
        assertEquals("CALENDAR_IN_USE", body(refused).get("code").asText());
        assertTrue(body(refused).get("message").asText().contains("main-queue, sales-emea"));
        assertEquals(before, api.snapshot());

        // Dropping the schedules (and deleting a config) frees the calendar.
        APIGatewayProxyResponseEvent plain = closeOn("sales-emea", "{\"dates\": [\"2026-12-25\"]}");
        assertEquals(200, plain.getStatusCode(), plain.getBody());
        assertEquals(204, api.invoke(new ApiFixture.Request("DELETE", "/flow-configs/{id}").id("main-queue")
                .header("If-Match", ETags.of(api.stored("main-queue").version())).claims(ApiFixture.admin())
                .build()).getStatusCode());
        assertEquals(0, body(getCalendar("us-holidays")).get("usedBy").size());
        assertEquals(204, api.invoke(new ApiFixture.Request("DELETE", "/calendars/{id}").id("us-holidays")
                .header("If-Match", "\"1\"").claims(ApiFixture.admin()).build()).getStatusCode());
        assertEquals(404, getCalendar("us-holidays").getStatusCode());
    }

    @Test
    void aChangeThatDropsAnEntryAConfigNamesIsRefusedNamingTheConfig() {
        putCalendar("us-holidays", US, null);
        closeOn("sales-emea", "{\"calendar\": \"us-holidays\", \"entries\": [\"Good Friday\"]}");
        var before = api.snapshot();
        APIGatewayProxyResponseEvent refused = putCalendar("us-holidays", """
                {"entries": [{"name": "Thanksgiving", "kind": "nthWeekday", "month": 11, "weekday": "THU", "nth": 4}]}
                """, "\"1\"");
        assertEquals(409, refused.getStatusCode(), refused.getBody());
        assertEquals("CALENDAR_BREAKS_CONFIGS", body(refused).get("code").asText());
        assertEquals(List.of("usedBy.sales-emea"), fields(refused));
        assertEquals(before, api.snapshot());
    }

    @Test
    void aChangeThatWouldTakeAnyUsingConfigOver32KbIsRefusedNamingEachOne() {
        putCalendar("us-holidays", US, null);
        for (String id : List.of("sales-emea", "main-queue")) {
            ObjectNode config = FlowConfigJson.toJson(api.stored(id));
            ((ObjectNode) config.get("variables")).put("Notice", "n".repeat(26_000));
            if (config.has("schema")) {
                ((ObjectNode) config.get("schema")).putObject("Notice").put("type", "text");
            }
            ArrayNode schedules = config.putArray("schedules");
            ObjectNode schedule = schedules.addObject().put("name", "holiday");
            schedule.putObject("when").put("calendar", "us-holidays");
            schedule.putObject("set").putObject("variables").put("Closure", "true");
            APIGatewayProxyResponseEvent written = api.invoke(new ApiFixture.Request("PUT", "/flow-configs/{id}")
                    .id(id).header("If-Match", ETags.of(api.stored(id).version())).claims(ApiFixture.admin())
                    .json(config).build());
            assertEquals(200, written.getStatusCode(), written.getBody());
        }
        // 120 entries of 60 characters: calendarEntries could name them all at once, 7 KB more.
        StringBuilder entries = new StringBuilder("{\"entries\": [");
        for (int i = 0; i < 120; i++) {
            entries.append(i == 0 ? "" : ",").append("{\"name\": \"Day ").append(String.format("%03d", i))
                    .append(" ").append("x".repeat(52)).append("\", \"kind\": \"yearly\", \"month\": 1, \"day\": ")
                    .append(i % 28 + 1).append("}");
        }
        var before = api.snapshot();
        APIGatewayProxyResponseEvent refused = putCalendar("us-holidays", entries.append("]}").toString(), "\"1\"");
        assertEquals(409, refused.getStatusCode(), refused.getBody());
        assertEquals(List.of("usedBy.main-queue", "usedBy.sales-emea"), fields(refused));
        assertTrue(body(refused).get("details").get(0).get("message").asText().contains("32"),
                refused.getBody());
        assertEquals(before, api.snapshot());
    }

    @Test
    void versionsAreKeptAndAnOldOneRestored() {
        putCalendar("us-holidays", US, null);
        // What GET answers can be PUT again as it is: usedBy, usedByOthers and the bookkeeping are ignored.
        ObjectNode read = (ObjectNode) body(getCalendar("us-holidays"));
        read.set("entries", FlowConfigJson.MAPPER.createArrayNode());
        APIGatewayProxyResponseEvent again = putCalendar("us-holidays", read.toString(), "\"1\"");
        assertEquals(200, again.getStatusCode(), again.getBody());
        JsonNode versions = body(api.invoke(new ApiFixture.Request("GET", "/calendars/{id}/versions")
                .id("us-holidays").claims(ApiFixture.admin()).build()));
        assertEquals(List.of("2", "1"), versions.get("versions").findValuesAsText("version"));
        JsonNode first = body(api.invoke(new ApiFixture.Request("GET", "/calendars/{id}/versions/{n}")
                .id("us-holidays").path("n", "1").claims(ApiFixture.admin()).build()));
        assertEquals(3, first.get("entries").size());

        APIGatewayProxyResponseEvent restored = api.invoke(new ApiFixture.Request("POST",
                "/calendars/{id}/versions/{n}/restore").id("us-holidays").path("n", "1").header("If-Match", "\"2\"")
                .claims(ApiFixture.admin()).build());
        assertEquals(200, restored.getStatusCode(), restored.getBody());
        assertEquals(3, body(restored).get("version").asInt());
        assertEquals(3, body(getCalendar("us-holidays")).get("entries").size());
    }

    @Test
    void thePreviewAndTheTimelineNameTheCalendarEntry() {
        putCalendar("us-holidays", US, null);
        closeOn("sales-emea", "{\"calendar\": \"us-holidays\"}");
        JsonNode preview = body(api.invoke(new ApiFixture.Request("POST", "/flow-configs/{id}/preview")
                .id("sales-emea").claims(ApiFixture.admin()).json(Map.of("at", "2026-11-26T15:00:00Z")).build()));
        assertEquals("Thanksgiving", preview.get("result").get("calendarEntries").asText());
        assertEquals("true", preview.get("result").get("Closure").asText());

        JsonNode timeline = body(api.invoke(new ApiFixture.Request("GET", "/flow-configs/{id}/timeline")
                .id("sales-emea").query("from", "2026-11-20T00:00:00Z").query("days", "10")
                .claims(ApiFixture.admin()).build()));
        assertEquals(List.of("Thanksgiving"), timeline.get("entries").findValuesAsText("calendarEntry"));
        assertEquals("2026-11-26T05:00:00Z", timeline.get("entries").get(0).get("start").asText());
    }

    @Test
    void anExportCarriesTheCalendarsAndAnImportWritesThemBeforeTheConfigsThatUseThem() {
        putCalendar("us-holidays", US, null);
        closeOn("sales-emea", "{\"calendar\": \"us-holidays\"}");
        closeOn("main-queue", "{\"calendar\": \"us-holidays\", \"entries\": [\"Good Friday\"]}");
        JsonNode export = body(api.invoke(new ApiFixture.Request("GET", "/flow-configs/export")
                .claims(ApiFixture.admin()).build()));
        assertEquals(List.of("us-holidays"), export.get("calendars").findValuesAsText("id"));

        api.reset();
        var before = api.snapshot();
        JsonNode dryRun = body(api.invoke(new ApiFixture.Request("POST", "/flow-configs/import").query("dryRun", "true")
                .claims(ApiFixture.admin()).json(export).build()));
        assertEquals("us-holidays", dryRun.get("calendars").get("created").get(0).asText());
        assertEquals(1, dryRun.get("calendars").get("created").size());
        assertEquals(before, api.snapshot(), "a dry run wrote something");

        APIGatewayProxyResponseEvent imported = api.invoke(new ApiFixture.Request("POST", "/flow-configs/import")
                .claims(ApiFixture.admin()).json(export).build());
        assertEquals(200, imported.getStatusCode(), imported.getBody());
        assertEquals("us-holidays", body(imported).get("calendars").get("created").get(0).asText());
        // Both configs came in one transaction: one update of the calendar's usedBy carried them both.
        JsonNode users = body(getCalendar("us-holidays")).get("usedBy");
        assertEquals(List.of("main-queue", "sales-emea"), List.of(users.get(0).asText(), users.get(1).asText()));

        JsonNode again = body(api.invoke(new ApiFixture.Request("POST", "/flow-configs/import")
                .claims(ApiFixture.admin()).json(export).build()));
        assertEquals("us-holidays", again.get("calendars").get("unchanged").get(0).asText());
    }

    @Test
    void aConfigWriteNamingACalendarDeletedMeanwhileIsRefusedByItsTransaction() {
        // Past validation (as if the calendar was deleted between the check and the write): the transaction's
        // condition on the calendar's item refuses it, and nothing is written.
        var stored = api.stored("sales-emea");
        var next = stored.withSchedules(List.of(new dev.connectconfig.core.model.Schedule("holiday", null, null,
                new dev.connectconfig.core.model.ScheduleWhen.OnCalendar("ghost", List.of(), null),
                Map.of("Closure", "true"), Map.of()))).withBookkeeping(2, "2026-12-01T00:00:00Z", "t");
        var before = api.snapshot();
        FlowConfigRepository.CalendarUnavailableException refused = org.junit.jupiter.api.Assertions.assertThrows(
                FlowConfigRepository.CalendarUnavailableException.class, () -> api.repository.commit(List.of(
                        new FlowConfigRepository.Change(stored, next, "updated", "2026-12-01T00:00:00Z", "t"))));
        assertEquals(409, refused.status());
        assertEquals("CALENDAR_UNAVAILABLE", refused.code());
        assertEquals(before, api.snapshot());
    }
}
