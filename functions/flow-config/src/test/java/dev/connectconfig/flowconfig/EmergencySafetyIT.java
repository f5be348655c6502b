package dev.connectconfig.flowconfig;

import static dev.connectconfig.flowconfig.ApiFixture.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.model.PromptText;
import dev.connectconfig.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An emergency started without an end ends after the default maximum unless a Full user asks for none, and
 * GET /flow-configs/emergency lists the configs in emergency now, with their end, within the caller's read scopes.
 */
class EmergencySafetyIT extends ApiIntegrationTest {

    private static final Map<String, Object> EDITOR = Map.of("sub", "ed", "cognito:username", "duty.manager",
            "custom:fc_edit", "flood-*");
    private static final Map<String, Object> READER = Map.of("sub", "rd", "cognito:username", "reader",
            "custom:fc_read", "flood-1*");
    private static final Map<String, Object> SET = Map.of("variables", Map.of("Open", "false"));

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T10:00:00Z"));
    private FlowConfigHandler handler;

    @BeforeEach
    void seed() {
        api.reset();
        for (String id : List.of("flood-01", "flood-02", "flood-10", "flood-11", "flood-12")) {
            api.dynamoDb.put(new FlowConfig(id, "Flood queue " + id, Map.of("Open", "true"), Map.of(),
                    Map.of("Greeting", Map.of("en-US", PromptText.voice("<speak>Hello</speak>"))), "en-US", 1,
                    "2026-01-01T00:00:00Z", "seed"));
        }
        handler = new FlowConfigHandler(FlowConfigFactory.build(api.repository, api.cedar, clock,
                ParallelCalls.SEQUENTIAL, new EmergencySwitch.Limits(1_000, Duration.ofSeconds(14),
                        Duration.ofHours(6))), "https://config.example.com");
    }

    private APIGatewayProxyResponseEvent start(Map<String, Object> body, Map<String, Object> claims) {
        return ApiFixture.invoke(handler, new ApiFixture.Request("POST", "/flow-configs/emergency").claims(claims)
                .json(body).build());
    }

    private JsonNode list(Map<String, Object> claims, String limit, String token) {
        ApiFixture.Request request = new ApiFixture.Request("GET", "/flow-configs/emergency").claims(claims);
        if (limit != null) {
            request.query("limit", limit);
        }
        if (token != null) {
            request.query("nextToken", token);
        }
        APIGatewayProxyResponseEvent response = ApiFixture.invoke(handler, request.build());
        assertEquals(200, response.getStatusCode(), response.getBody());
        return body(response);
    }

    @Test
    void withoutUntilTheEmergencyEndsAfterTheConfiguredMaximum() {
        JsonNode report = body(start(Map.of("ids", List.of("flood-01"), "set", SET), EDITOR));
        assertEquals("2026-12-07T16:00:00Z", report.get("until").asText());
        assertTrue(report.get("defaultEnd").asBoolean());

        clock.set("2026-12-07T15:59:59Z");
        assertEquals(List.of("flood-01"), list(ApiFixture.admin(), null, null).get("items").findValuesAsText("id"));
        clock.set("2026-12-07T16:00:00Z");
        assertEquals(List.of(), list(ApiFixture.admin(), null, null).get("items").findValuesAsText("id"));
    }

    @Test
    void onlyFullMayStartAnEmergencyWithNoEnd() {
        var before = api.snapshot();
        JsonNode refused = body(start(Map.of("ids", List.of("flood-01"), "set", SET, "noEnd", true), EDITOR));
        assertEquals("FORBIDDEN", refused.get("refused").get(0).get("code").asText());
        assertTrue(refused.get("refused").get(0).get("message").asText().contains("no end"));
        assertEquals(before, api.snapshot());

        JsonNode started = body(start(Map.of("ids", List.of("flood-01"), "set", SET, "noEnd", true),
                ApiFixture.admin()));
        assertEquals(1, started.get("counts").get("changed").asInt(), started.toString());
        assertTrue(started.get("until").isNull());
        clock.set("2036-12-07T10:00:00Z");
        JsonNode items = list(ApiFixture.admin(), null, null).get("items");
        assertEquals("flood-01", items.get(0).get("id").asText());
        assertTrue(items.get(0).get("noEnd").asBoolean());
        assertTrue(items.get(0).get("until").isNull());
    }

    @Test
    void noEndWithUntilOrNotABooleanIsRefusedNamingTheField() {
        for (Object noEnd : List.of("yes", true)) {
            APIGatewayProxyResponseEvent response = start(Map.of("ids", List.of("flood-01"), "set", SET, "noEnd",
                    noEnd, "until", "2027-01-01T00:00:00Z"), ApiFixture.admin());
            assertEquals(400, response.getStatusCode(), response.getBody());
            assertEquals(List.of("noEnd"), body(response).get("details").findValuesAsText("field"));
        }
    }

    @Test
    void theListShowsOnlyConfigsTheCallerMayReadPageByPageWithTheirEnds() {
        start(Map.of("prefix", "flood-", "set", SET, "until", "2026-12-08T00:00:00Z"), EDITOR);
        JsonNode all = list(ApiFixture.admin(), null, null);
        assertEquals(List.of("flood-01", "flood-02", "flood-10", "flood-11", "flood-12"),
                all.get("items").findValuesAsText("id"));
        assertEquals("2026-12-08T00:00:00Z", all.get("items").get(0).get("until").asText());
        assertFalse(all.get("items").get(0).get("noEnd").asBoolean());

        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            JsonNode page = list(READER, "2", token);
            seen.addAll(page.get("items").findValuesAsText("id"));
            token = page.has("nextToken") ? page.get("nextToken").asText() : null;
            pages++;
        } while (token != null && pages < 10);
        assertEquals(List.of("flood-10", "flood-11", "flood-12"), seen);

        // Ended by the switch: gone from the list.
        ApiFixture.invoke(handler, new ApiFixture.Request("DELETE", "/flow-configs/emergency").claims(EDITOR)
                .query("ids", "flood-10").build());
        assertEquals(List.of("flood-11", "flood-12"), list(READER, null, null).get("items").findValuesAsText("id"));
    }
}
