package dev.connectconfig.flowconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.connectconfig.core.json.FlowConfigJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of bad requests, each as API Gateway would pass it: every one answers a 4xx with a stable JSON error,
 * writes nothing, and says nothing about the code, the libraries or the tables behind the API.
 */
class HostileInputIT extends ApiIntegrationTest {

    /** Words that only an internal detail would put in a response. */
    private static final Pattern INTERNAL = Pattern.compile(
            "Exception|\\bat [a-z]+\\.|dev\\.connectconfig|software\\.amazon|com\\.fasterxml|jackson|DynamoDb|"
                    + "FlowConfigTable|HistoryTable|java\\.|cedar|/etc/passwd|root:", Pattern.CASE_INSENSITIVE);


    private static ObjectNode mainQueue() {
        return FlowConfigJson.toJson(api.stored("main-queue"));
    }

    private static ApiFixture.Request putMain() {
        return new ApiFixture.Request("PUT", "/flow-configs/{id}").id("main-queue").header("If-Match", "\"1\"")
                .claims(ApiFixture.admin());
    }

    private static APIGatewayProxyRequestEvent putBody(String json) {
        return putMain().json(json).build();
    }

    private static APIGatewayProxyRequestEvent putConfig(java.util.function.Consumer<ObjectNode> change) {
        ObjectNode config = mainQueue();
        change.accept(config);
        return putMain().json(config).build();
    }

    private static APIGatewayProxyRequestEvent withVoice(String voice) {
        return putConfig(c -> ((ObjectNode) c.get("prompts").get("Welcome").get("en-US")).put("voice", voice));
    }

    private static APIGatewayProxyRequestEvent getWith(String id) {
        return new ApiFixture.Request("GET", "/flow-configs/{id}").id(id).claims(ApiFixture.admin()).build();
    }

    private static APIGatewayProxyRequestEvent deleteAs(Map<String, Object> claims) {
        return new ApiFixture.Request("DELETE", "/flow-configs/{id}").id("main-queue").header("If-Match", "\"1\"")
                .claims(claims).build();
    }

    static Stream<Arguments> corpus() {
        // built lazily, after the fixture has stored the samples
        Map<String, java.util.function.Supplier<APIGatewayProxyRequestEvent>> cases = new LinkedHashMap<>();
        cases.put("truncated JSON", () -> putBody("{\"description\": \"x\", "));
        cases.put("not JSON at all", () -> putBody("<config/>"));
        cases.put("JSON null", () -> putBody("null"));
        cases.put("a JSON array", () -> putBody("[1, 2, 3]"));
        cases.put("two documents", () -> putBody("{} {}"));
        cases.put("duplicate keys", () -> putBody("{\"description\": \"a\", \"description\": \"b\"}"));
        cases.put("NUL bytes", () -> putBody("{\"description\": \"a\u0000\"}"));
        cases.put("deeply nested object", () -> putBody("{\"variables\":" + "{\"a\":".repeat(5_000) + "1"
                + "}".repeat(5_001)));
        cases.put("deeply nested array", () -> putBody("{\"description\":" + "[".repeat(100_000)));
        cases.put("huge body", () -> putConfig(c -> c.put("description", "x".repeat(600_000))));
        cases.put("huge prompt under body limit", () -> withVoice("long ".repeat(70_000)));
        cases.put("variables is a list", () -> putConfig(c -> c.putArray("variables").add("a")));
        cases.put("variable value is a number", () -> putConfig(c -> ((ObjectNode) c.get("variables"))
                .put("Closure", 1)));
        cases.put("description is a number", () -> putConfig(c -> c.put("description", 42)));
        cases.put("prompt text is a string", () -> putConfig(c -> ((ObjectNode) c.get("prompts"))
                .put("Welcome", "hello")));
        cases.put("unknown schema type", () -> putConfig(c -> ((ObjectNode) c.get("schema").get("Closure"))
                .put("type", "integer")));
        cases.put("version is text", () -> putConfig(c -> c.put("version", "latest")));
        cases.put("boolean that is not", () -> putConfig(c -> ((ObjectNode) c.get("variables"))
                .put("Closure", "yes")));
        cases.put("select outside options", () -> putConfig(c -> ((ObjectNode) c.get("variables"))
                .put("RoutingMode", "chaos")));
        cases.put("unknown top-level field", () -> putConfig(c -> c.put("owner", "mallory")));
        cases.put("unknown prompt field", () -> putConfig(c -> ((ObjectNode) c.get("prompts").get("Welcome")
                .get("en-US")).put("ssml", "<speak/>")));
        cases.put("reserved variable name", () -> putConfig(c -> ((ObjectNode) c.get("variables"))
                .put("error", "x")));
        cases.put("bad language tag", () -> putConfig(c -> ((ObjectNode) c.get("prompts").get("Welcome"))
                .set("english!", c.get("prompts").get("Welcome").get("en-US"))));
        cases.put("SSML with an external entity", () -> withVoice("<?xml version=\"1.0\"?><!DOCTYPE speak "
                + "[<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><speak>&xxe;</speak>"));
        cases.put("SSML billion laughs", () -> withVoice("<!DOCTYPE speak [<!ENTITY a \"aaaaaaaaaa\">"
                + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
                + "<speak>&c;</speak>"));
        cases.put("SSML not well-formed", () -> withVoice("<speak>unclosed <emphasis>tag</speak>"));
        cases.put("SSML without speak root", () -> withVoice("<p>hello</p>"));
        cases.put("id in body differs from path", () -> putConfig(c -> c.put("id", "other-queue")));
        cases.put("id with slash", () -> getWith("sales/emea"));
        cases.put("id with encoded slash", () -> getWith("sales%2Femea"));
        cases.put("id dot dot", () -> getWith(".."));
        cases.put("id with control characters", () -> getWith("main\u0000queue\n"));
        cases.put("id too long", () -> getWith("a".repeat(129)));
        cases.put("id of a route", () -> new ApiFixture.Request("PUT", "/flow-configs/{id}").id("export")
                .header("If-None-Match", "*").claims(ApiFixture.admin()).json(mainQueue().put("id", "export"))
                .build());
        cases.put("no content type", () -> {
            APIGatewayProxyRequestEvent event = putBody("{}");
            event.setHeaders(Map.of("If-Match", "\"1\""));
            return event;
        });
        cases.put("wrong content type", () -> putMain().header("Content-Type", "text/plain").json(mainQueue())
                .build());
        cases.put("form content type", () -> putMain().header("Content-Type",
                "application/x-www-form-urlencoded").json("description=x").build());
        cases.put("base64 flag on plain text", () -> {
            APIGatewayProxyRequestEvent event = putBody("{not base64!}");
            event.setIsBase64Encoded(true);
            return event;
        });
        cases.put("If-Match garbage", () -> putMain().header("If-Match", "latest").json(mainQueue()).build());
        cases.put("If-Match star", () -> putMain().header("If-Match", "*").json(mainQueue()).build());
        cases.put("both preconditions", () -> putMain().header("If-None-Match", "*").json(mainQueue()).build());
        cases.put("no claims", () -> {
            APIGatewayProxyRequestEvent event = getWith("main-queue");
            event.getRequestContext().setAuthorizer(null);
            return event;
        });
        cases.put("claims forged in headers", () -> {
            APIGatewayProxyRequestEvent event = deleteAs(Map.of("sub", "mallory"));
            event.setHeaders(Map.of("If-Match", "\"1\"", "cognito:groups", "FlowConfigAdmin",
                    "custom:fc_full", "*", "X-Amzn-Oidc-Data", "eyJmb3JnZWQiOnRydWV9"));
            return event;
        });
        cases.put("claims forged in query", () -> {
            APIGatewayProxyRequestEvent event = deleteAs(Map.of("sub", "mallory"));
            event.setQueryStringParameters(Map.of("cognito:groups", "FlowConfigAdmin", "custom:fc_full", "*"));
            return event;
        });
        cases.put("sub that is not a string", () -> {
            Map<String, Object> claims = new HashMap<>(ApiFixture.admin());
            claims.put("sub", 12345);
            return deleteAs(claims);
        });
        cases.put("empty sub", () -> deleteAs(Map.of("sub", " ", "cognito:groups", "FlowConfigAdmin")));
        cases.put("group name padded", () -> deleteAs(Map.of("sub", "m", "cognito:groups", "FlowConfigAdmins")));
        cases.put("scope wildcard in the middle", () -> deleteAs(Map.of("sub", "m", "custom:fc_full", "m*e")));
        cases.put("scope with path tricks", () -> deleteAs(Map.of("sub", "m", "custom:fc_full", "../*,main-queue/")));
        cases.put("read scope tries to write", () -> deleteAs(Map.of("sub", "m", "custom:fc_read", "*")));
        cases.put("bad limit", () -> new ApiFixture.Request("GET", "/flow-configs").claims(ApiFixture.admin())
                .query("limit", "1e9").build());
        cases.put("negative limit", () -> new ApiFixture.Request("GET", "/flow-configs").claims(ApiFixture.admin())
                .query("limit", "-1").build());
        cases.put("forged nextToken", () -> new ApiFixture.Request("GET", "/flow-configs")
                .claims(ApiFixture.admin()).query("nextToken", "eyJzIjoibGlzdDoiLCJhIjoie319").query("prefix", "x")
                .build());
        cases.put("well-formed nextToken with an empty id", () -> new ApiFixture.Request("GET", "/flow-configs")
                .claims(ApiFixture.admin()).query("nextToken", new PageToken("list:", "").encode()).build());
        cases.put("well-formed versions token that is no version", () -> new ApiFixture.Request("GET",
                "/flow-configs/{id}/versions").id("main-queue").claims(ApiFixture.admin())
                .query("nextToken", new PageToken("versions:main-queue", "x").encode()).build());
        cases.put("garbage nextToken", () -> new ApiFixture.Request("GET", "/flow-configs")
                .claims(ApiFixture.admin()).query("nextToken", "%%%").build());
        cases.put("prefix with wildcard", () -> new ApiFixture.Request("GET", "/flow-configs")
                .claims(ApiFixture.admin()).query("prefix", "*").build());
        cases.put("version zero", () -> version("0"));
        cases.put("version negative", () -> version("-1"));
        cases.put("version text", () -> version("latest"));
        cases.put("version overflow", () -> version("99999999999999999999"));
        cases.put("restore a version that never was", () -> new ApiFixture.Request("POST",
                "/flow-configs/{id}/versions/{n}/restore").id("main-queue").path("n", "7")
                .header("If-Match", "\"1\"").claims(ApiFixture.admin()).build());
        cases.put("unknown route", () -> new ApiFixture.Request("PATCH", "/flow-configs/{id}").id("main-queue")
                .claims(ApiFixture.admin()).build());
        cases.put("preview with unknown channel", () -> preview(Map.of("channel", "fax")));
        cases.put("preview with bad language", () -> preview(Map.of("lang", "en_US!!")));
        cases.put("preview with unknown field", () -> preview(Map.of("voice", "Joanna")));
        cases.put("preview of an unsaved config with unknown fields", () -> preview(Map.of("config",
                Map.of("description", "d", "secret", "x"))));
        cases.put("import with one bad config", () -> importing(List.of(
                Map.of("id", "new-one", "description", "fine"),
                Map.of("id", "new-two", "description", "", "variables", Map.of()))));
        cases.put("import with duplicate ids", () -> importing(List.of(Map.of("id", "dup", "description", "a"),
                Map.of("id", "dup", "description", "b"))));
        cases.put("import with unknown field", () -> new ApiFixture.Request("POST", "/flow-configs/import")
                .claims(ApiFixture.admin()).json(Map.of("flowConfigs", List.of(), "dryRun", true)).build());
        cases.put("import that is not a document", () -> new ApiFixture.Request("POST", "/flow-configs/import")
                .claims(ApiFixture.admin()).json(List.of(Map.of("id", "x"))).build());
        cases.put("import of a route id", () -> importing(List.of(Map.of("id", "import", "description", "a"))));
        List<Arguments> arguments = new ArrayList<>();
        cases.forEach((name, request) -> arguments.add(Arguments.of(name, request)));
        return arguments.stream();
    }

    private static APIGatewayProxyRequestEvent version(String n) {
        return new ApiFixture.Request("GET", "/flow-configs/{id}/versions/{n}").id("main-queue").path("n", n)
                .claims(ApiFixture.admin()).build();
    }

    private static APIGatewayProxyRequestEvent preview(Map<String, Object> body) {
        return new ApiFixture.Request("POST", "/flow-configs/{id}/preview").id("main-queue")
                .claims(ApiFixture.admin()).json(body).build();
    }

    private static APIGatewayProxyRequestEvent importing(List<Map<String, Object>> configs) {
        return new ApiFixture.Request("POST", "/flow-configs/import").claims(ApiFixture.admin())
                .json(Map.of("flowConfigs", configs)).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void aBadRequestGetsAClear4xxAndChangesNothing(String name,
            java.util.function.Supplier<APIGatewayProxyRequestEvent> request) {
        var before = api.snapshot();

        APIGatewayProxyResponseEvent response = api.invoke(request.get());

        int status = response.getStatusCode();
        assertTrue(status >= 400 && status < 500, name + " answered " + status + ": " + response.getBody());
        JsonNode body = ApiFixture.body(response);
        assertTrue(body.get("code").isTextual() && body.get("message").isTextual() && body.get("details").isArray(),
                response.getBody());
        assertFalse(INTERNAL.matcher(response.getBody()).find(), name + " leaked: " + response.getBody());
        assertEquals(before, api.snapshot(), name + " wrote something");
    }

    @Test
    void theCorpusCoversEveryKindTheIssueNames() {
        List<String> names = corpus().map(a -> (String) a.get()[0]).toList();

        for (String kind : List.of("truncated JSON", "deeply nested object", "huge body", "variables is a list",
                "unknown top-level field", "SSML with an external entity", "id with slash", "id dot dot",
                "id with control characters", "no claims", "claims forged in headers")) {
            assertTrue(names.contains(kind), kind);
        }
    }
}
