package dev.connectconfig.flowconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.connectconfig.core.json.FlowConfigJson;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.model.PromptText;
import dev.connectconfig.engines.DynamoDbLocal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Import and its dry run are no existence oracle: a caller who may not read an id gets the same answer (status, code,
 * message, details) whether a config with that id exists and is identical, exists with the same structure, exists
 * with a different structure, or does not exist, as a plain GET answers 403 either way.
 */
class ImportExistenceIT extends ApiIntegrationTest {

    private static final String ID = "oracle-queue";
    private static final FlowConfig STORED = new FlowConfig(ID, "Oracle", Map.of("Open", "true"), Map.of(),
            Map.of("Welcome", Map.of("en-US", PromptText.voice("<speak>Hello</speak>"))), "en-US", 1,
            "2026-01-01T00:00:00Z", "seed");

    private enum Case { IDENTICAL, SAME_STRUCTURE, OTHER_STRUCTURE, ABSENT }

    private static Map<String, Object> caller(String kind) {
        return switch (kind) {
            // signed in, in no group, with no scope at all
            case "none" -> Map.of("sub", "nobody-1", "cognito:username", "nobody");
            // full access, but to other configs
            default -> Map.of("sub", "other-1", "cognito:username", "other", "custom:fc_full", "support-*");
        };
    }

    private static String answer(Case which, Map<String, Object> claims, boolean dryRun) {
        deleteStored();
        if (which != Case.ABSENT) {
            api.dynamoDb.put(STORED);
        }
        FlowConfig submitted = switch (which) {
            case IDENTICAL, ABSENT -> STORED;
            case SAME_STRUCTURE -> withVariables(Map.of("Open", "false"));
            case OTHER_STRUCTURE -> withVariables(Map.of("Open", "true", "Extra", "x"));
        };
        ObjectNode document = FlowConfigJson.MAPPER.createObjectNode();
        document.putArray("flowConfigs").add(FlowConfigJson.toJson(submitted));
        ApiFixture.Request request = new ApiFixture.Request("POST", "/flow-configs/import").json(document.toString())
                .claims(claims);
        if (dryRun) {
            request.query("dryRun", "true");
        }
        APIGatewayProxyResponseEvent response = api.invoke(request.build());
        return response.getStatusCode() + " " + response.getBody();
    }

    private static FlowConfig withVariables(Map<String, String> variables) {
        return new FlowConfig(ID, STORED.description(), new LinkedHashMap<>(variables), Map.of(), STORED.prompts(),
                STORED.defaultLanguage(), 1, null, null);
    }

    private static void deleteStored() {
        api.dynamoDb.client().deleteItem(b -> b.tableName(DynamoDbLocal.FLOW_CONFIG_TABLE)
                .key(Map.of("id", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(ID))));
    }

    @ParameterizedTest(name = "caller {0}, dryRun {1}")
    @CsvSource({"none, true", "none, false", "others, true", "others, false"})
    void aCallerWhoMayNotReadTheIdGetsOneAnswerWhetherOrNotItExists(String kind, boolean dryRun) {
        Map<Case, String> answers = new LinkedHashMap<>();
        for (Case which : Case.values()) {
            answers.put(which, answer(which, caller(kind), dryRun));
        }

        String expected = kind.equals("none")
                ? "403 {\"code\":\"NO_ACCESS\",\"message\":\"You are signed in as nobody but none of your groups"
                + " grants access to flow configs; ask your administrator to add you to "
                + "FlowConfigReaders, FlowConfigEditors or FlowConfigAdmins (or one for your configs, such as "
                + "FlowConfigEditors-sales).\",\"details\":[]}"
                : "403 {\"code\":\"FORBIDDEN\",\"message\":\"Nothing was imported: you may not make 1 of these"
                + " changes.\",\"details\":[{\"field\":\"flowConfigs[0]\",\"message\":\"you may not read '" + ID
                + "'\"}]}";
        for (Case which : Case.values()) {
            assertEquals(expected, answers.get(which), which + ": " + answers);
        }
        // the last case left no config: the refused import did not create one
        assertEquals(java.util.Optional.empty(), api.repository.find(ID), "nothing was written");
    }
}
