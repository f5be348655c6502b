package dev.connectconfig.flowconfig;

import static dev.connectconfig.flowconfig.ApiFixture.body;
import static dev.connectconfig.flowconfig.ApiFixture.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.render.Channel;
import dev.connectconfig.core.render.FlowConfigRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The events in events/flow-config/ through the real handler, DynamoDB Local and Cedar. */
class FlowConfigHandlerIT extends ApiIntegrationTest {


    @BeforeEach
    void reset() {
        api.reset();
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.isTextual() ? node.textValue() : node.get("id").textValue()));
        return values;
    }

    @Test
    void aReaderGetsTheConfigWithItsVersionAndETag() {
        APIGatewayProxyResponseEvent response = api.invoke("get.json");

        assertEquals(200, response.getStatusCode());
        assertEquals("\"1\"", response.getHeaders().get("ETag"));
        JsonNode body = body(response);
        assertEquals("main-queue", body.get("id").asText());
        assertEquals(1, body.get("version").asLong());
        assertEquals("false", body.get("variables").get("Closure").asText());
        assertEquals("https://config.example.com", response.getHeaders().get("Access-Control-Allow-Origin"));
    }

    @Test
    void listingByPrefixShowsOnlyMatchingConfigsInIdOrder() {
        api.invoke("create.json");

        JsonNode body = body(api.invoke("list.json"));

        assertEquals(List.of("sales-apac", "sales-emea"), texts(body.get("items")));
        assertNull(body.get("nextToken"));
        assertEquals("Sales Asia-Pacific: opening hours and greeting",
                body.get("items").get(0).get("description").asText());
    }

    @Test
    void pagesFollowTheTokenToTheEndAndATokenOnlyWorksForItsOwnQuery() {
        List<String> ids = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            ApiFixture.Request request = new ApiFixture.Request("GET", "/flow-configs").claims(ApiFixture.admin())
                    .query("limit", "1");
            if (token != null) {
                request.query("nextToken", token);
            }
            JsonNode body = body(api.invoke(request.build()));
            ids.addAll(texts(body.get("items")));
            token = body.hasNonNull("nextToken") ? body.get("nextToken").asText() : null;
            pages++;
        } while (token != null && pages < 10);

        assertEquals(List.of("+18005550100", "main-queue", "sales-emea"), ids);

        String firstToken = body(api.invoke(new ApiFixture.Request("GET", "/flow-configs").claims(ApiFixture.admin())
                .query("limit", "1").build())).get("nextToken").asText();
        APIGatewayProxyResponseEvent otherPrefix = api.invoke(new ApiFixture.Request("GET", "/flow-configs")
                .claims(ApiFixture.admin()).query("prefix", "sales").query("nextToken", firstToken).build());
        assertEquals(400, otherPrefix.getStatusCode());
        assertEquals("INVALID_TOKEN", body(otherPrefix).get("code").asText());
    }

    @Test
    void aScopedFullUserCreatesAConfigAtVersionOneAndASecondCreateIsRefused() {
        APIGatewayProxyResponseEvent created = api.invoke("create.json");

        assertEquals(201, created.getStatusCode());
        assertEquals("\"1\"", created.getHeaders().get("ETag"));
        FlowConfig stored = api.stored("sales-apac");
        assertEquals(1, stored.version());
        assertEquals("sam.sales", stored.updatedBy());
        assertTrue(stored.updatedAt().startsWith("20"), stored.updatedAt());

        APIGatewayProxyResponseEvent again = api.invoke("create.json");
        assertEquals(412, again.getStatusCode());
        assertEquals(1, body(again).get("currentVersion").asLong());
    }

    @Test
    void anEditorChangesValuesAndTheOldVersionGoesToHistoryInTheSameWrite() {
        APIGatewayProxyResponseEvent response = api.invoke("replace-values-as-editor.json");

        assertEquals(200, response.getStatusCode());
        assertEquals("\"2\"", response.getHeaders().get("ETag"));
        FlowConfig stored = api.stored("main-queue");
        assertEquals("true", stored.variables().get("Closure"));
        assertEquals("eddie.editor", stored.updatedBy());
        FlowConfig archived = api.repository.archivedVersion("main-queue", 1).orElseThrow();
        assertEquals("false", archived.variables().get("Closure"));
        assertEquals("seed", archived.updatedBy());
    }

    @Test
    void anEditorsStructuralChangeIsRefusedWith403AndNothingIsWritten() {
        var before = api.snapshot();

        APIGatewayProxyResponseEvent response = api.invoke("replace-structure-as-editor.json");

        assertEquals(403, response.getStatusCode());
        assertEquals("FORBIDDEN", body(response).get("code").asText());
        assertTrue(body(response).get("message").asText().contains("structure"));
        assertEquals(before, api.snapshot());
    }

    @Test
    void aStaleVersionAnswers412WithTheCurrentVersion() {
        APIGatewayProxyResponseEvent response = api.invoke("replace-stale.json");

        assertEquals(412, response.getStatusCode());
        assertEquals("VERSION_MISMATCH", body(response).get("code").asText());
        assertEquals(1, body(response).get("currentVersion").asLong());
        assertEquals("\"1\"", response.getHeaders().get("ETag"));
        assertEquals("false", api.stored("main-queue").variables().get("Closure"));
    }

    @Test
    void aReplaceWithoutAPreconditionAnswers428() {
        APIGatewayProxyResponseEvent response = api.invoke("replace-without-precondition.json");

        assertEquals(428, response.getStatusCode());
        assertEquals("PRECONDITION_REQUIRED", body(response).get("code").asText());
        assertEquals(1, api.stored("main-queue").version());
    }

    @Test
    void deleteKeepsHistoryAndTheConfigCanBeRestoredAsANewVersion() {
        APIGatewayProxyResponseEvent deleted = api.invoke("delete.json");

        assertEquals(204, deleted.getStatusCode());
        assertNull(deleted.getBody());
        assertTrue(api.repository.find("sales-emea").isEmpty());
        JsonNode history = body(api.invoke(new ApiFixture.Request("GET", "/flow-configs/{id}/versions")
                .id("sales-emea").claims(ApiFixture.admin()).build()));
        assertEquals("deleted", history.get("versions").get(0).get("archivedBecause").asText());
        assertEquals("sam.sales", history.get("versions").get(0).get("archivedBy").asText());

        APIGatewayProxyResponseEvent restored = api.invoke(new ApiFixture.Request("POST",
                "/flow-configs/{id}/versions/{n}/restore").id("sales-emea").path("n", "1")
                .header("If-None-Match", "*").claims(ApiFixture.admin()).build());
        assertEquals(200, restored.getStatusCode());
        assertEquals(2, api.stored("sales-emea").version());
    }

    @Test
    void historyListsEveryVersionNewestFirstAndRestoreMakesAnOldOneCurrentAsANewVersion() {
        api.invoke("replace-values-as-editor.json");

        JsonNode versions = body(api.invoke("versions.json")).get("versions");
        assertEquals(2, versions.get(0).get("version").asLong());
        assertTrue(versions.get(0).get("current").asBoolean());
        assertEquals(1, versions.get(1).get("version").asLong());
        assertEquals("updated", versions.get(1).get("archivedBecause").asText());

        JsonNode first = body(api.invoke("version.json"));
        assertEquals("false", first.get("variables").get("Closure").asText());

        APIGatewayProxyResponseEvent restored = api.invoke("restore.json");
        assertEquals(200, restored.getStatusCode());
        FlowConfig current = api.stored("main-queue");
        assertEquals(3, current.version());
        assertEquals("false", current.variables().get("Closure"));
        assertEquals("ana.admin", current.updatedBy());
        assertEquals("true", api.repository.archivedVersion("main-queue", 2).orElseThrow().variables()
                .get("Closure"));
    }

    @Test
    void previewIsExactlyWhatGetConfigRendersForThatCaller() {
        JsonNode preview = body(api.invoke("preview.json"));

        Map<String, String> expected = FlowConfigRenderer.render(api.stored("main-queue"), "es-MX", Channel.CHAT)
                .values();
        assertEquals(ApiFixture.JSON.valueToTree(expected), preview.get("result"));
        assertEquals("Gracias por llamar a Example Energy. Las llamadas pueden ser grabadas.",
                preview.get("result").get("Welcome").asText());
        assertTrue(preview.get("saved").asBoolean());
    }

    @Test
    void previewOfAnUnsavedConfigRendersTheBodyAndWritesNothing() {
        var before = api.snapshot();

        JsonNode preview = body(api.invoke("preview-unsaved.json"));

        assertFalse(preview.get("saved").asBoolean());
        assertEquals("true", preview.get("result").get("Closure").asText());
        assertTrue(preview.get("result").get("ClosedMessage").asText().contains("evacuated"));
        assertEquals(0, preview.get("problems").size());
        assertEquals(before, api.snapshot());
    }

    @Test
    void exportHoldsOnlyWhatTheCallerMayRead() {
        JsonNode everything = body(api.invoke("export.json"));
        assertEquals(List.of("+18005550100", "main-queue", "sales-emea"), texts(everything.get("flowConfigs")));

        APIGatewayProxyRequestEvent scoped = event("export.json");
        scoped.getRequestContext().setAuthorizer(Map.of("claims", Map.of("sub", "s", "custom:fc_full", "sales-*",
                "custom:fc_read", "main-queue")));
        assertEquals(List.of("main-queue", "sales-emea"), texts(body(api.invoke(scoped)).get("flowConfigs")));
    }

    @Test
    void importReportsCreatedUpdatedAndUnchanged() {
        JsonNode first = body(api.invoke("import.json"));
        assertEquals(List.of("sales-apac"), texts(first.get("created")));
        assertEquals(List.of("main-queue"), texts(first.get("updated")));
        assertEquals(2, api.stored("main-queue").version());
        assertEquals(2, first.get("versions").get("main-queue").asLong(), "the new version of each written config");
        assertEquals(api.stored("sales-apac").version(), first.get("versions").get("sales-apac").asLong());
        assertEquals(2, first.get("versions").size());
        assertEquals("imported", body(api.invoke("versions.json")).get("versions").get(1).get("archivedBecause")
                .asText());

        JsonNode again = body(api.invoke("import.json"));
        assertEquals(List.of("sales-apac", "main-queue"), texts(again.get("unchanged")));
        assertEquals(2, api.stored("main-queue").version());
    }

    @Test
    void anImportDryRunAnswersTheSameSummaryAndWritesNothing() {
        var before = api.snapshot();

        APIGatewayProxyResponseEvent response = importWithDryRun("true");

        assertEquals(200, response.getStatusCode());
        JsonNode plan = body(response);
        assertEquals(List.of("sales-apac"), texts(plan.get("created")));
        assertEquals(List.of("main-queue"), texts(plan.get("updated")));
        assertEquals(0, plan.get("unchanged").size());
        assertTrue(plan.get("dryRun").asBoolean());
        assertEquals(before, api.snapshot(), "a dry run writes nothing");

        JsonNode imported = body(api.invoke("import.json"));
        assertEquals(texts(plan.get("created")), texts(imported.get("created")));
        assertEquals(texts(plan.get("updated")), texts(imported.get("updated")));
        assertEquals(plan.get("versions"), imported.get("versions"), "the dry run names the versions it would write");
        assertEquals(plan.get("transactions"), imported.get("transactions"));
        assertNull(imported.get("dryRun"));
    }

    private static APIGatewayProxyResponseEvent importWithDryRun(String dryRun) {
        APIGatewayProxyRequestEvent event = event("import.json");
        event.setQueryStringParameters(Map.of("dryRun", dryRun));
        return api.invoke(event);
    }

    @Test
    void anImportDryRunIsAuthorisedLikeTheImport() {
        importWithOneForbiddenChangeIsRefusedAndWritesNothing(Map.of("dryRun", "true"));
    }

    @Test
    void aDryRunOtherThanTrueOrFalseIsRefusedAndNothingIsWritten() {
        var before = api.snapshot();

        APIGatewayProxyResponseEvent response = importWithDryRun("yes");

        assertEquals(400, response.getStatusCode());
        assertEquals("INVALID_DRY_RUN", body(response).get("code").asText());
        assertEquals("dryRun is true or false.", body(response).get("message").asText());
        assertEquals(before, api.snapshot());
    }

    @Test
    void anExportImportsBackUnchanged() {
        JsonNode exported = body(api.invoke("export.json"));

        JsonNode report = body(api.invoke(new ApiFixture.Request("POST", "/flow-configs/import")
                .claims(ApiFixture.admin()).json(exported).build()));

        assertEquals(3, report.get("unchanged").size());
    }

    @Test
    void anImportWithOneInvalidConfigWritesNothingAndNamesTheField() {
        var before = api.snapshot();
        APIGatewayProxyRequestEvent event = event("import.json");
        event.setBody(event.getBody().replace("\"Region\": \"apac\"", "\"Region\": \"emea\""));

        APIGatewayProxyResponseEvent response = api.invoke(event);

        assertEquals(400, response.getStatusCode());
        assertEquals("flowConfigs[0].variables.Region", body(response).get("details").get(0).get("field").asText());
        assertEquals(before, api.snapshot());
    }

    @Test
    void anImportWithOneForbiddenChangeWritesNothing() {
        importWithOneForbiddenChangeIsRefusedAndWritesNothing(null);
    }

    private static void importWithOneForbiddenChangeIsRefusedAndWritesNothing(Map<String, String> query) {
        var before = api.snapshot();
        APIGatewayProxyRequestEvent event = event("import.json");
        event.setQueryStringParameters(query);
        // may create sales-*, may only read main-queue
        event.getRequestContext().setAuthorizer(Map.of("claims", Map.of("sub", "s", "custom:fc_full", "sales-*",
                "custom:fc_read", "main-queue")));

        APIGatewayProxyResponseEvent response = api.invoke(event);

        assertEquals(403, response.getStatusCode());
        assertEquals("flowConfigs[1]", body(response).get("details").get(0).get("field").asText());
        assertEquals(before, api.snapshot());
    }

    @Test
    void versionsReturnAtMostTheLimitOnEveryPage() {
        for (int edit = 0; edit < 3; edit++) {
            long version = api.stored("main-queue").version();
            com.fasterxml.jackson.databind.node.ObjectNode config =
                    dev.connectconfig.core.json.FlowConfigJson.toJson(api.stored("main-queue"));
            ((com.fasterxml.jackson.databind.node.ObjectNode) config.get("variables")).put("MaxQueueWaitSeconds",
                    Integer.toString(100 + edit));
            assertEquals(200, api.invoke(new ApiFixture.Request("PUT", "/flow-configs/{id}").id("main-queue")
                    .header("If-Match", "\"" + version + "\"").claims(ApiFixture.admin()).json(config).build())
                    .getStatusCode());
        }
        for (int limit = 1; limit <= 5; limit++) {
            List<Long> versions = new ArrayList<>();
            String token = null;
            do {
                ApiFixture.Request request = new ApiFixture.Request("GET", "/flow-configs/{id}/versions")
                        .id("main-queue").query("limit", Integer.toString(limit)).claims(ApiFixture.admin());
                if (token != null) {
                    request.query("nextToken", token);
                }
                APIGatewayProxyResponseEvent response = api.invoke(request.build());
                assertEquals(200, response.getStatusCode(), response.getBody());
                JsonNode page = body(response);
                assertTrue(page.get("versions").size() <= limit, "limit " + limit + ": " + page);
                page.get("versions").forEach(v -> versions.add(v.get("version").asLong()));
                token = page.hasNonNull("nextToken") ? page.get("nextToken").asText() : null;
            } while (token != null);
            assertEquals(List.of(4L, 3L, 2L, 1L), versions, "limit " + limit);
        }
    }

    @Test
    void textRoundTripsExactlyAndWhatCannotIsRefusedNamingTheField() {
        var before = api.snapshot();
        APIGatewayProxyResponseEvent lone = api.invoke(mainQueueWith("Queue \\ud83d", "Hi!"));
        APIGatewayProxyResponseEvent bell = api.invoke(mainQueueWith("Queue", "Hi!\\u0007"));

        assertEquals(400, lone.getStatusCode());
        assertEquals("VALIDATION_FAILED", body(lone).get("code").asText());
        assertEquals("description", body(lone).get("details").get(0).get("field").asText());
        assertEquals(400, bell.getStatusCode());
        assertEquals("prompts.Welcome.en-US.chat", body(bell).get("details").get(0).get("field").asText());
        assertEquals(before, api.snapshot());

        APIGatewayProxyResponseEvent saved = api.invoke(mainQueueWith("Queue \\ud83d\\ude00 \\u00e9\\tend", "Hi!"));
        assertEquals(200, saved.getStatusCode(), saved.getBody());
        assertEquals("Queue \ud83d\ude00 \u00e9\tend", api.stored("main-queue").description());
        assertEquals("Queue \ud83d\ude00 \u00e9\tend", body(api.invoke("get.json")).get("description").asText());
    }

    /** The stored main-queue with a description and a chat greeting as raw JSON text, escapes and all. */
    private static APIGatewayProxyRequestEvent mainQueueWith(String description, String chat) {
        com.fasterxml.jackson.databind.node.ObjectNode config =
                dev.connectconfig.core.json.FlowConfigJson.toJson(api.stored("main-queue"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) config.get("prompts").get("Welcome").get("en-US"))
                .put("chat", "@C@");
        config.put("description", "@D@");
        String json = config.toString().replace("@C@", chat).replace("@D@", description);
        return new ApiFixture.Request("PUT", "/flow-configs/{id}").id("main-queue").header("If-Match", "\"1\"")
                .claims(ApiFixture.admin()).json(json).build();
    }

    @Test
    void withoutVerifiedClaimsTheAnswerIs401() {
        APIGatewayProxyResponseEvent response = api.invoke("no-claims.json");

        assertEquals(401, response.getStatusCode());
        assertEquals("UNAUTHORIZED", body(response).get("code").asText());
    }

    @Test
    void everyEventFileIsAnsweredWithoutAServerError() throws Exception {
        try (var files = java.nio.file.Files.list(dev.connectconfig.engines.RepoFiles.path("events/flow-config"))) {
            for (var file : files.sorted().toList()) {
                api.reset();
                int status = api.invoke(file.getFileName().toString()).getStatusCode();
                assertTrue(status < 500, file + " answered " + status);
            }
        }
    }
}
