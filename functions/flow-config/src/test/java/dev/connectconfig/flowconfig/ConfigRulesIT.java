package dev.connectconfig.flowconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.connectconfig.core.json.FlowConfigJson;
import dev.connectconfig.core.validation.FlowConfigValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The size and prefix rules each live in one place: every endpoint that applies one answers with the same words, in
 * the shape that endpoint answers (a 413 for one config, a detail of an import; an error or a detail of the switch).
 */
class ConfigRulesIT extends ApiIntegrationTest {

    /** main-queue with values added until it is just over the size rule, still under the 400 KB body limit. */
    private static ObjectNode tooLargeMainQueue() {
        ObjectNode config = FlowConfigJson.toJson(api.stored("main-queue"));
        ObjectNode variables = (ObjectNode) config.get("variables");
        while (FlowConfigValidator.storedBytes(FlowConfigJson.fromJson(config, new ArrayList<>()))
                <= FlowConfigValidator.MAX_ITEM_BYTES) {
            variables.put("Big" + variables.size(), "x".repeat(1_000));
        }
        return config;
    }

    @Test
    void aConfigOverTheSizeRuleIsA413WhenPutAndADetailAtItsPlaceWhenImported() {
        var before = api.snapshot();
        ObjectNode big = tooLargeMainQueue();

        APIGatewayProxyResponseEvent put = api.invoke(new ApiFixture.Request("PUT", "/flow-configs/{id}")
                .id("main-queue").header("If-Match", "\"1\"").claims(ApiFixture.admin()).json(big).build());
        JsonNode putBody = ApiFixture.body(put);
        assertEquals(413, put.getStatusCode(), put.getBody());
        assertEquals("TOO_LARGE", putBody.get("code").asText());
        assertEquals(1, putBody.get("details").size(), put.getBody());
        assertEquals("", putBody.get("details").get(0).get("field").asText());
        String rule = putBody.get("details").get(0).get("message").asText();

        ObjectNode small = FlowConfigJson.toJson(api.stored("main-queue"));
        small.put("id", "other-queue");
        Map<String, Object> document = Map.of("flowConfigs", List.of(small, big));
        APIGatewayProxyResponseEvent imported = api.invoke(new ApiFixture.Request("POST", "/flow-configs/import")
                .claims(ApiFixture.admin()).json(document).build());
        JsonNode importBody = ApiFixture.body(imported);
        assertEquals(400, imported.getStatusCode(), imported.getBody());
        assertEquals("VALIDATION_FAILED", importBody.get("code").asText());
        assertEquals(1, importBody.get("details").size(), imported.getBody());
        assertEquals("flowConfigs[1]", importBody.get("details").get(0).get("field").asText());
        assertEquals(rule, importBody.get("details").get(0).get("message").asText());
        assertEquals(before, api.snapshot());
    }

    @Test
    void aBadPrefixIsRefusedInTheSameWordsByListExportAndTheSwitch() {
        APIGatewayProxyResponseEvent list = api.invoke(new ApiFixture.Request("GET", "/flow-configs")
                .query("prefix", "storm/").claims(ApiFixture.admin()).build());
        APIGatewayProxyResponseEvent export = api.invoke(new ApiFixture.Request("GET", "/flow-configs/export")
                .query("prefix", "storm/").claims(ApiFixture.admin()).build());
        APIGatewayProxyResponseEvent emergency = api.invoke(new ApiFixture.Request("DELETE",
                "/flow-configs/emergency").query("prefix", "storm/").claims(ApiFixture.admin()).build());

        for (APIGatewayProxyResponseEvent refused : List.of(list, export)) {
            assertEquals(400, refused.getStatusCode(), refused.getBody());
            assertEquals("INVALID_PREFIX", ApiFixture.body(refused).get("code").asText());
            assertEquals(ApiFixture.body(list).get("message"), ApiFixture.body(refused).get("message"));
        }
        JsonNode detail = ApiFixture.body(emergency).get("details").get(0);
        assertEquals(400, emergency.getStatusCode(), emergency.getBody());
        assertEquals("prefix", detail.get("field").asText());
        assertEquals(ApiFixture.body(list).get("message").asText(), "prefix " + detail.get("message").asText());
    }
}
