package dev.connectconfig.flowconfig;

import static dev.connectconfig.flowconfig.ApiFixture.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Schedules through the real handler: writes that validate them, preview at an instant and the timeline. */
class ScheduleApiIT extends ApiIntegrationTest {

    @BeforeEach
    void reset() {
        api.reset();
    }

    private static ObjectNode sample() {
        try {
            return (ObjectNode) ApiFixture.JSON.readTree(ApiFixture.event("create-with-schedules.json").getBody());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The sample create event with its body changed by {@code change}. */
    private static APIGatewayProxyRequestEvent create(Consumer<ObjectNode> change) {
        APIGatewayProxyRequestEvent event = ApiFixture.event("create-with-schedules.json");
        ObjectNode config = sample();
        change.accept(config);
        event.setBody(config.toString());
        return event;
    }

    private static ObjectNode schedule(ObjectNode config, int index) {
        return (ObjectNode) config.get("schedules").get(index);
    }

    private static List<String> fields(APIGatewayProxyResponseEvent response) {
        return body(response).get("details").findValuesAsText("field");
    }

    private static APIGatewayProxyResponseEvent refused(APIGatewayProxyRequestEvent event) {
        var before = api.snapshot();
        APIGatewayProxyResponseEvent response = api.invoke(event);
        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals("VALIDATION_FAILED", body(response).get("code").asText());
        assertFalse(response.getBody().contains("Exception"), response.getBody());
        assertEquals(before, api.snapshot(), "a refused write changed something");
        return response;
    }

    @Test
    void theSampleWithAHolidayClosureAndAnAfterHoursMessageIsStoredAndReadBack() {
        APIGatewayProxyResponseEvent response = api.invoke("create-with-schedules.json");

        assertEquals(201, response.getStatusCode(), response.getBody());
        assertEquals(sample().get("schedules"), body(response).get("schedules"));
        assertEquals("America/New_York", body(response).get("timeZone").asText());
        assertEquals(3, api.stored("sales-support").schedules().size());
    }

    @Test
    void aWindowThatEndsBeforeItStartsIsRefusedNamingTheField() {
        APIGatewayProxyResponseEvent response = refused(create(config -> ((ObjectNode) schedule(config, 0)
                .get("when")).put("to", "2026-12-23T08:00")));

        assertEquals(List.of("schedules[0].when.to"), fields(response));
    }

    @Test
    void hostileSchedulesAreRefusedNamingEachField() {
        APIGatewayProxyResponseEvent response = refused(create(config -> {
            config.put("timeZone", "Mars/Olympus_Mons");
            schedule(config, 0).put("name", "activeSchedules");
            schedule(config, 1).put("timeZone", "+05:00");
            ((ObjectNode) schedule(config, 2).get("set").get("variables")).put("Open", "maybe");
        }));

        assertEquals(List.of("timeZone", "schedules[0].name", "schedules[1].timeZone",
                "schedules[2].set.variables.Open"), fields(response));
    }

    @Test
    void tenThousandDatesAreRefusedAtTheList() {
        APIGatewayProxyResponseEvent response = refused(create(config -> {
            ArrayNode dates = ((ObjectNode) schedule(config, 1).get("when")).putArray("dates");
            for (int i = 0; i < 10_000; i++) {
                dates.add(java.time.LocalDate.of(2027, 1, 1).plusDays(i).toString());
            }
        }));

        assertEquals(List.of("schedules[1].when.dates"), fields(response));
    }

    @Test
    void aScheduleThatSetsANameTheConfigDoesNotHaveIsRefused() {
        APIGatewayProxyResponseEvent response = refused(create(config -> ((ObjectNode) schedule(config, 2)
                .get("set").get("variables")).put("Queue", "overflow")));

        assertEquals(List.of("schedules[2].set.variables.Queue"), fields(response));
    }

    @Test
    void aWriteWhoseSchedulesTogetherCouldExceed32KbIsRefused() {
        // Each alone fits; together (christmas's greeting and afterHours's reason, both active on Christmas Eve
        // evening) they would not, and the guard counts the largest any combination could serve.
        String long16k = "x".repeat(16 * 1024);
        APIGatewayProxyResponseEvent response = refused(create(config -> {
            ((ObjectNode) config.get("schema")).putObject("ClosedReason").put("type", "text");
            ((ObjectNode) schedule(config, 0).get("set").get("prompts").get("Greeting").get("en-US"))
                    .put("voice", long16k);
            ((ObjectNode) schedule(config, 2).get("set").get("variables")).put("ClosedReason", long16k);
        }));

        assertEquals(List.of("schedules"), fields(response));
        assertTrue(body(response).get("details").get(0).get("message").asText().contains("32768"),
                response.getBody());
    }

    @Test
    void anEditorMayAddOrReorderSchedulesButNotAddAVariable() {
        api.invoke("create-with-schedules.json");
        Map<String, Object> editor = Map.of("sub", "ed-1", "cognito:username", "ed", "custom:fc_edit", "sales-*");
        ObjectNode config = sample();
        ArrayNode schedules = (ArrayNode) config.get("schedules");
        schedules.insert(0, schedules.remove(2));
        config.put("timeZone", "America/Chicago");

        APIGatewayProxyResponseEvent reordered = api.invoke(new ApiFixture.Request("PUT", "/flow-configs/{id}")
                .id("sales-support").claims(editor).header("If-Match", "\"1\"").json(config).build());
        ((ObjectNode) config.get("variables")).put("Queue", "overflow");
        ((ObjectNode) config.get("schema")).putObject("Queue").put("type", "text");
        APIGatewayProxyResponseEvent structure = api.invoke(new ApiFixture.Request("PUT", "/flow-configs/{id}")
                .id("sales-support").claims(editor).header("If-Match", "\"2\"").json(config).build());

        assertEquals(200, reordered.getStatusCode(), reordered.getBody());
        assertEquals("afterHours", api.stored("sales-support").schedules().get(0).name());
        assertEquals(403, structure.getStatusCode(), structure.getBody());
    }

    private static APIGatewayProxyResponseEvent preview(Map<String, Object> body) {
        return api.invoke(new ApiFixture.Request("POST", "/flow-configs/{id}/preview").id("sales-support")
                .claims(ApiFixture.admin()).json(body).build());
    }

    @Test
    void previewAtAnInstantAppliesTheSchedulesActiveThen() {
        api.invoke("create-with-schedules.json");

        JsonNode christmas = body(preview(Map.of("at", "2026-12-24T22:00:00Z", "channel", "chat")));
        JsonNode tuesday = body(preview(Map.of("at", "2026-12-22T10:00:00-05:00")));

        assertEquals("christmas", christmas.get("result").get("activeSchedules").asText());
        assertEquals("false", christmas.get("result").get("Open").asText());
        assertEquals("We're closed for the holidays; back December 26 at 8 a.m.",
                christmas.get("result").get("Greeting").asText());
        assertEquals("2026-12-24T22:00:00Z", christmas.get("at").asText());
        assertEquals("", tuesday.get("result").get("activeSchedules").asText());
        assertEquals("true", tuesday.get("result").get("Open").asText());
    }

    @Test
    void previewAtSomethingThatIsNoInstantIsRefused() {
        api.invoke("create-with-schedules.json");

        APIGatewayProxyResponseEvent response = preview(Map.of("at", "2026-12-24T17:00"));

        assertEquals(400, response.getStatusCode());
        assertEquals(List.of("at"), fields(response));
    }

    private static APIGatewayProxyResponseEvent timeline(String from, String days) {
        ApiFixture.Request request = new ApiFixture.Request("GET", "/flow-configs/{id}/timeline").id("sales-support")
                .claims(Map.of("sub", "r-1", "cognito:username", "reader", "custom:fc_read", "sales-support"));
        if (from != null) {
            request.query("from", from);
        }
        if (days != null) {
            request.query("days", days);
        }
        return api.invoke(request.build());
    }

    @Test
    void theTimelineListsEachStartAndEndInUtcAndLocalTime() {
        api.invoke("create-with-schedules.json");

        APIGatewayProxyResponseEvent response = timeline("2026-12-24T12:00:00Z", "3");

        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode entries = body(response).get("entries");
        // From Thursday 24th 07:00 New York: Wednesday's night ends at 08:00, christmas starts at 17:00, and the
        // after-hours nights of Thursday and Friday overlap it (christmas wins, being first in the list).
        assertEquals(List.of("afterHours", "christmas", "afterHours", "afterHours"),
                entries.findValuesAsText("schedule"));
        JsonNode christmas = entries.get(1);
        assertEquals("2026-12-24T22:00:00Z", christmas.get("start").asText());
        assertEquals("2026-12-26T13:00:00Z", christmas.get("end").asText());
        assertEquals("2026-12-24T17:00-05:00", christmas.get("localStart").asText());
        assertEquals("2026-12-26T08:00-05:00", christmas.get("localEnd").asText());
        assertEquals("2026-12-24T18:00-05:00", entries.get(2).get("localStart").asText());
        assertEquals("2026-12-27T12:00:00Z", body(response).get("to").asText());
    }

    @Test
    void theTimelineCoversAtMost31DaysFromAValidInstant() {
        api.invoke("create-with-schedules.json");

        assertEquals(200, timeline(null, "31").getStatusCode());
        assertEquals(List.of("days"), fields(timeline("2026-12-24T12:00:00Z", "32")));
        assertEquals(List.of("days"), fields(timeline("2026-12-24T12:00:00Z", "0")));
        assertEquals(List.of("from"), fields(timeline("yesterday", null)));
        assertEquals(403, api.invoke(new ApiFixture.Request("GET", "/flow-configs/{id}/timeline")
                .id("sales-support").claims(Map.of("sub", "o", "cognito:username", "o", "custom:fc_read",
                        "support-*")).build()).getStatusCode());
    }

    @Test
    void exportCarriesSchedulesAndImportingChangedSchedulesUpdatesTheConfig() {
        api.invoke("create-with-schedules.json");
        JsonNode exported = body(api.invoke(new ApiFixture.Request("GET", "/flow-configs/export")
                .claims(ApiFixture.admin()).query("prefix", "sales-support").build()));
        assertEquals(sample().get("schedules"), exported.get("flowConfigs").get(0).get("schedules"));

        ObjectNode document = exported.deepCopy();
        ObjectNode config = (ObjectNode) document.get("flowConfigs").get(0);
        ArrayNode schedules = (ArrayNode) config.get("schedules");
        schedules.insert(0, schedules.remove(2));
        APIGatewayProxyResponseEvent imported = api.invoke(new ApiFixture.Request("POST", "/flow-configs/import")
                .claims(ApiFixture.admin()).json(document).build());

        assertEquals(200, imported.getStatusCode(), imported.getBody());
        assertEquals("[\"sales-support\"]", body(imported).get("updated").toString());
        assertEquals("afterHours", api.stored("sales-support").schedules().get(0).name());
        assertEquals(2, api.stored("sales-support").version());
    }
}
