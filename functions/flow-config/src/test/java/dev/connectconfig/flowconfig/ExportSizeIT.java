package dev.connectconfig.flowconfig;

import static dev.connectconfig.flowconfig.ApiFixture.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.model.PromptText;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The export's 5 MB cap counts what is sent: the document as the string body of Lambda's answer, every escape
 * included. It reads configs a batch at a time and stops at the cap instead of loading them all first.
 */
class ExportSizeIT extends ApiIntegrationTest {

    private static final int CAP = 5 * 1024 * 1024;

    @BeforeAll
    static void storeConfigs() {
        // 3 MB as stored, but each quote is sent as \" and then, inside Lambda's answer, as \\\": 12 MB.
        for (int i = 0; i < 20; i++) {
            api.dynamoDb.put(config(String.format("quotes-%02d", i), "\"".repeat(150_000)));
        }
        for (int i = 0; i < 40; i++) {
            api.dynamoDb.put(config(String.format("bulk-%02d", i), "b".repeat(250_000)));
        }
        for (int i = 0; i < 3; i++) {
            api.dynamoDb.put(config(String.format("fits-%02d", i), "Say \"hello\"\n".repeat(20_000)));
        }
    }

    private static FlowConfig config(String id, String notes) {
        return new FlowConfig(id, "Export test", Map.of("Notes", notes), Map.of(),
                Map.of("Welcome", Map.of("en-US", PromptText.voice("Welcome."))), "en-US", 1, "2026-01-01T00:00:00Z",
                "seed");
    }

    private static APIGatewayProxyResponseEvent export(FlowConfigHandler handler, String prefix) {
        return ApiFixture.invoke(handler, new ApiFixture.Request("GET", "/flow-configs/export")
                .query("prefix", prefix).claims(ApiFixture.admin()).build());
    }

    @Test
    void theCapCountsEscapesNotStoredBytes() {
        APIGatewayProxyResponseEvent response = export(api.handler, "quotes-");

        assertEquals(413, response.getStatusCode());
        assertEquals("TOO_LARGE", body(response).get("code").asText());
    }

    @Test
    void anExportUnderTheCapIsUnderItAsSent() {
        APIGatewayProxyResponseEvent response = export(api.handler, "fits-");

        assertEquals(200, response.getStatusCode());
        assertEquals(3, body(response).get("flowConfigs").size());
        long asSent = TextNode.valueOf(response.getBody()).toString().getBytes(StandardCharsets.UTF_8).length;
        assertTrue(asSent > response.getBody().length() && asSent <= CAP, "sent as " + asSent + " bytes");
    }

    @Test
    void aTooLargeExportStopsReadingAtTheCap() {
        List<String> read = new CopyOnWriteArrayList<>();
        FlowConfigRepository counting = (FlowConfigRepository) Proxy.newProxyInstance(
                FlowConfigRepository.class.getClassLoader(), new Class<?>[] {FlowConfigRepository.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("findAll")) {
                        @SuppressWarnings("unchecked")
                        List<String> ids = (List<String>) args[0];
                        read.addAll(ids);
                    }
                    try {
                        return method.invoke(api.repository, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });

        APIGatewayProxyResponseEvent response = export(api.handlerOver(counting), "bulk-");

        assertEquals(413, response.getStatusCode());
        // 40 configs of 250 KB: the cap is passed within the first batch read, and nothing after it is loaded.
        assertEquals(ConfigTransfer.EXPORT_READ_BATCH, read.size(), read.toString());
    }
}
