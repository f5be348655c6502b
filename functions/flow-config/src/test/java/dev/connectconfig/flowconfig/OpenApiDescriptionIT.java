package dev.connectconfig.flowconfig;

import static dev.connectconfig.flowconfig.ApiFixture.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.connectconfig.core.json.FlowConfigJson;
import dev.connectconfig.engines.CloudFormationTemplate;
import dev.connectconfig.engines.RepoFiles;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI description the admin app serves ({@code app/openapi.json}) against template.yaml's routes and the
 * errors the real handler answers.
 */
class OpenApiDescriptionIT extends ApiIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private static JsonNode description() throws IOException {
        return JSON.readTree(RepoFiles.path("functions/admin-app/src/main/resources/app/openapi.json").toFile());
    }

    private static JsonSchema errorSchema() throws IOException {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
                .getSchema(description().at("/components/schemas/Error"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void itsPathsAndMethodsAreExactlyTheTemplatesRoutesOnTheApi() throws IOException {
        CloudFormationTemplate template = CloudFormationTemplate.load();
        Set<String> routes = new TreeSet<>();
        for (String function : template.resourcesOfType("AWS::Serverless::Function")) {
            Object events = template.properties(function).get("Events");
            if (events instanceof Map<?, ?> map) {
                ((Map<String, Object>) map).values().forEach(event -> {
                    if ("Api".equals(CloudFormationTemplate.at(event, "Type")) && Map.of("Ref", "FlowConfigApi")
                            .equals(CloudFormationTemplate.at(event, "Properties", "RestApiId"))) {
                        routes.add(String.valueOf(CloudFormationTemplate.at(event, "Properties", "Method"))
                                .toUpperCase() + " " + CloudFormationTemplate.at(event, "Properties", "Path"));
                    }
                });
            }
        }
        Set<String> described = new TreeSet<>();
        description().get("paths").properties().forEach(path -> path.getValue().fieldNames().forEachRemaining(
                method -> {
                    if (METHODS.contains(method)) {
                        described.add(method.toUpperCase() + " " + path.getKey());
                    }
                }));

        assertTrue(routes.size() >= 13, routes.toString());
        assertEquals(routes, described);
    }

    @Test
    void everyErrorTheApiAnswersMatchesItsErrorSchema() throws IOException {
        JsonSchema schema = errorSchema();
        ObjectNode invalid = FlowConfigJson.toJson(api.stored("main-queue"));
        ((ObjectNode) invalid.get("variables")).put("Closure", "maybe");
        APIGatewayProxyResponseEvent validation = api.invoke(new ApiFixture.Request("PUT", "/flow-configs/{id}")
                .id("main-queue").header("If-Match", "\"1\"").claims(ApiFixture.admin()).json(invalid).build());
        APIGatewayProxyResponseEvent stale = api.invoke(new ApiFixture.Request("PUT", "/flow-configs/{id}")
                .id("main-queue").header("If-Match", "\"99\"").claims(ApiFixture.admin())
                .json(FlowConfigJson.toJson(api.stored("main-queue"))).build());
        APIGatewayProxyResponseEvent missing = api.invoke(new ApiFixture.Request("GET", "/flow-configs/{id}")
                .id("nowhere").claims(ApiFixture.admin()).build());
        APIGatewayProxyResponseEvent badDryRun = api.invoke(new ApiFixture.Request("POST", "/flow-configs/import")
                .query("dryRun", "maybe").claims(ApiFixture.admin()).json(Map.of("flowConfigs", java.util.List.of()))
                .build());

        assertEquals(400, validation.getStatusCode());
        assertFalse(body(validation).get("details").isEmpty(), "a validation error names its fields");
        assertEquals(412, stale.getStatusCode());
        assertEquals(404, missing.getStatusCode());
        assertEquals(400, badDryRun.getStatusCode());
        for (APIGatewayProxyResponseEvent error : new APIGatewayProxyResponseEvent[] {validation, stale, missing,
                badDryRun}) {
            assertEquals(Set.of(), schema.validate(body(error)), body(error).toString());
        }
    }

    @Test
    void theErrorSchemaRefusesWhatTheApiNeverSends() throws IOException {
        JsonSchema schema = errorSchema();

        assertFalse(schema.validate(JSON.readTree("{\"code\":\"X\",\"message\":\"m\",\"details\":[],"
                + "\"exception\":\"java.lang.NullPointerException\"}")).isEmpty());
        assertFalse(schema.validate(JSON.readTree("{\"message\":\"m\",\"details\":[]}")).isEmpty());
        assertFalse(schema.validate(JSON.readTree("{\"code\":\"X\",\"message\":\"m\",\"details\":[{\"field\":1}]}"))
                .isEmpty());
    }
}
