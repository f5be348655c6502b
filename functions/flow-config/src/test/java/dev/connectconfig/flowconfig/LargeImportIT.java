package dev.connectconfig.flowconfig;

import static dev.connectconfig.flowconfig.ApiFixture.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.model.PromptText;
import dev.connectconfig.core.store.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * An import whose history copies are what make it large: 16 stored configs of ~285 KB replaced by small ones. A
 * transaction holds at most 4 MB counting every item it writes, the history copies included; DynamoDB Local enforces
 * that too, and each request is measured on the wire as well, so the sizing is proven either way.
 */
class LargeImportIT extends ApiIntegrationTest {

    private static final int CONFIGS = 16;
    private static final int LARGE_BYTES = 285 * 1024;
    /** What DynamoDB accepts in one TransactWriteItems. */
    private static final long TRANSACTION_LIMIT = 4L * 1024 * 1024;

    @BeforeEach
    void storeLargeConfigs() {
        api.reset();
        for (int i = 0; i < CONFIGS; i++) {
            api.dynamoDb.put(new FlowConfig(id(i), "A large config", Map.of("Notes", "n".repeat(LARGE_BYTES)),
                    Map.of(), Map.of("Welcome", Map.of("en-US", PromptText.voice("Welcome."))), "en-US", 1,
                    "2026-01-01T00:00:00Z", "seed"));
        }
    }

    @Test
    void sixteenLargeConfigsReplacedBySmallOnesAreWrittenInTransactionsThatFit() {
        List<Long> sent = new CopyOnWriteArrayList<>();
        FlowConfigHandler handler = api.handlerOver(new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (context.request() instanceof TransactWriteItemsRequest) {
                    sent.add(context.requestBody().orElseThrow().optionalContentLength().orElseThrow());
                }
            }
        });

        APIGatewayProxyResponseEvent response = ApiFixture.invoke(handler, importSmall());

        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode report = body(response);
        assertEquals(CONFIGS, report.get("updated").size());
        assertEquals(sent.size(), report.get("transactions").asInt());
        assertTrue(sent.size() >= 2, "the history copies alone are over 4 MB: " + sent);
        // The request body spells out every item (names, values, JSON around them), so it is larger than the items.
        sent.forEach(bytes -> assertTrue(bytes < TRANSACTION_LIMIT, "a transaction of " + bytes + " bytes: " + sent));
        for (int i = 0; i < CONFIGS; i++) {
            FlowConfig stored = api.stored(id(i));
            assertEquals(2, stored.version());
            assertEquals("small", stored.variables().get("Notes"));
            assertEquals(LARGE_BYTES, api.repository.archivedVersion(id(i), 1).orElseThrow().variables().get("Notes")
                    .length());
        }
    }

    @Test
    void whenALaterTransactionFailsTheAnswerListsExactlyWhatWasImportedAndWhatWasNot() {
        // Someone saves the last config just before the import's second transaction.
        FlowConfigHandler handler = fromSecondTransaction(() -> {
            FlowConfig last = api.stored(id(CONFIGS - 1));
            api.dynamoDb.put(last.withBookkeeping(last.version() + 1, "2026-01-02T00:00:00Z", "someone"));
        });

        APIGatewayProxyResponseEvent response = ApiFixture.invoke(handler, importSmall());

        assertEquals(409, response.getStatusCode(), response.getBody());
        JsonNode error = body(response);
        assertEquals("IMPORT_INCOMPLETE", error.get("code").asText());
        List<String> imported = new ArrayList<>();
        List<String> notImported = new ArrayList<>();
        for (JsonNode detail : error.get("details")) {
            int index = Integer.parseInt(detail.get("field").asText().replaceAll("\\D", ""));
            (detail.get("message").asText().startsWith("imported:") ? imported : notImported).add(id(index));
        }
        assertEquals(CONFIGS, imported.size() + notImported.size());
        assertTrue(!imported.isEmpty() && !notImported.isEmpty(), error.toString());
        imported.forEach(id -> assertEquals("small", api.stored(id).variables().get("Notes"), id));
        notImported.forEach(id -> assertEquals(LARGE_BYTES, api.stored(id).variables().get("Notes").length(), id));
        assertTrue(notImported.contains(id(CONFIGS - 1)));
        assertTrue(error.get("message").asText().contains(imported.size() + " of " + CONFIGS), error.toString());
    }

    @Test
    void whenTheStoreStopsAnsweringMidImportTheTransactionInFlightIsNotConfirmed() {
        FlowConfigHandler handler = fromSecondTransaction(() -> {
            throw SdkClientException.create("Unable to execute HTTP request: connection reset");
        });

        APIGatewayProxyResponseEvent response = ApiFixture.invoke(handler, importSmall());

        assertEquals(503, response.getStatusCode(), response.getBody());
        JsonNode error = body(response);
        assertEquals("IMPORT_INCOMPLETE", error.get("code").asText());
        assertEquals("2", response.getHeaders().get("Retry-After"));
        for (JsonNode detail : error.get("details")) {
            String id = id(Integer.parseInt(detail.get("field").asText().replaceAll("\\D", "")));
            boolean imported = detail.get("message").asText().startsWith("imported:");
            assertTrue(imported || detail.get("message").asText().startsWith("not confirmed:"), detail.toString());
            assertEquals(imported ? "small" : "n".repeat(LARGE_BYTES), api.stored(id).variables().get("Notes"), id);
        }
        assertEquals(CONFIGS, error.get("details").size());
    }

    @Test
    void aTransactionDynamoDbRefusesIsNotReportedAsTheStoreBeingUnavailable() {
        // The import never builds one, but a single transaction of all 16 history copies is over 4 MB.
        List<FlowConfigRepository.Change> all = new ArrayList<>();
        for (int i = 0; i < CONFIGS; i++) {
            FlowConfig large = api.stored(id(i));
            FlowConfig small = new FlowConfig(large.id(), "Now small", Map.of("Notes", "small"), Map.of(),
                    large.prompts(), "en-US", 2, "2026-01-02T00:00:00Z", "ana");
            all.add(new FlowConfigRepository.Change(large, small, "imported", "2026-01-02T00:00:00Z", "ana"));
        }
        assertTrue(all.stream().mapToLong(api.repository::transactionBytes).sum() > TRANSACTION_LIMIT);

        RuntimeException refused = assertThrows(RuntimeException.class, () -> api.repository.commit(all));

        assertFalse(refused instanceof StoreUnavailableException, refused.toString());
        assertEquals(1, api.stored(id(0)).version());
    }

    /** The handler over a client that runs {@code before} ahead of every TransactWriteItems from the second on. */
    private static FlowConfigHandler fromSecondTransaction(Runnable before) {
        AtomicInteger transactions = new AtomicInteger();
        return api.handlerOver(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof TransactWriteItemsRequest && transactions.incrementAndGet() >= 2) {
                    before.run();
                }
            }
        });
    }

    private static APIGatewayProxyRequestEvent importSmall() {
        ObjectNode document = ApiFixture.JSON.createObjectNode();
        ArrayNode configs = document.putArray("flowConfigs");
        for (int i = 0; i < CONFIGS; i++) {
            ObjectNode config = configs.addObject().put("id", id(i)).put("description", "Now small");
            config.putObject("variables").put("Notes", "small");
            config.putObject("prompts").putObject("Welcome").putObject("en-US").put("voice", "Welcome.");
        }
        return new ApiFixture.Request("POST", "/flow-configs/import").claims(ApiFixture.admin()).json(document)
                .build();
    }

    private static String id(int i) {
        return String.format("large-%02d", i);
    }
}
