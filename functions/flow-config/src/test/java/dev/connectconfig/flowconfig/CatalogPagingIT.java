package dev.connectconfig.flowconfig;

import static dev.connectconfig.flowconfig.ApiFixture.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.store.FlowConfigItems;
import dev.connectconfig.engines.CedarFlowConfigAuthorizer;
import dev.connectconfig.engines.DynamoDbLocal;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * More catalog than one DynamoDB page holds (1 MB): listing keeps following LastEvaluatedKey instead of stopping
 * silently, and pages through every config exactly once.
 */
class CatalogPagingIT {

    private static final int FILLER = 1_100;
    private static DynamoDbLocal dynamoDb;
    private static FlowConfigHandler handler;
    private static final List<QueryResponse> queries = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        dynamoDb = DynamoDbLocal.start();
        List<WriteRequest> writes = new ArrayList<>();
        for (int i = 0; i < FILLER; i++) {
            writes.add(put(String.format("a-%04d", i)));
        }
        writes.add(put("z-1"));
        writes.add(put("z-2"));
        for (int from = 0; from < writes.size(); from += 25) {
            List<WriteRequest> batch = writes.subList(from, Math.min(writes.size(), from + 25));
            dynamoDb.client().batchWriteItem(b -> b.requestItems(Map.of(DynamoDbLocal.FLOW_CONFIG_TABLE, batch)));
        }
        DynamoDbClient recording = (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(dynamoDb.client(), args);
                        if (result instanceof QueryResponse query) {
                            queries.add(query);
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        handler = new FlowConfigHandler(FlowConfigFactory.build(new DynamoDbFlowConfigRepository(recording,
                DynamoDbLocal.FLOW_CONFIG_TABLE, ApiFixture.HISTORY_TABLE), new CedarFlowConfigAuthorizer(),
                Clock.systemUTC()), "*");
    }

    @AfterAll
    static void stop() throws Exception {
        dynamoDb.close();
    }

    /** A config whose catalog entry is about 1 KB, so 1,100 of them are more than one 1 MB page. */
    private static WriteRequest put(String id) {
        FlowConfig config = new FlowConfig(id, "d".repeat(1_000), Map.of(), Map.of(), Map.of(), null, 1,
                "2026-01-01T00:00:00Z", "seed");
        return WriteRequest.builder().putRequest(PutRequest.builder().item(FlowConfigItems.toItem(config)).build())
                .build();
    }

    private static JsonNode list(Map<String, Object> claims, String limit, String token) {
        ApiFixture.Request request = new ApiFixture.Request("GET", "/flow-configs").claims(claims)
                .query("limit", limit);
        if (token != null) {
            request.query("nextToken", token);
        }
        return body(handler.handleRequest(request.build(), new dev.connectconfig.testing.TestContext("list")));
    }

    @Test
    void aCallersScopesNarrowTheReadToOneQuery() {
        queries.clear();

        JsonNode page = list(Map.of("sub", "z-reader", "custom:fc_read", "z*"), "10", null);

        assertEquals(List.of("z-1", "z-2"), page.get("items").findValuesAsText("id"));
        assertTrue(page.get("nextToken") == null, page.toString());
        assertEquals(1, queries.size(), "the thousand a- configs outside the caller's scope are never read");
    }

    @Test
    void configsBeyondTheFirstMegabyteAreFound() {
        queries.clear();

        JsonNode export = body(handler.handleRequest(new ApiFixture.Request("GET", "/flow-configs/export")
                .claims(ApiFixture.admin()).build(), new dev.connectconfig.testing.TestContext("export")));

        List<String> ids = export.get("flowConfigs").findValuesAsText("id");
        assertEquals(FILLER + 2, ids.size());
        assertEquals(List.of("z-1", "z-2"), ids.subList(FILLER, FILLER + 2));
        assertTrue(queries.size() >= 2, "one query cannot have read it all: " + queries.size());
        QueryResponse first = queries.get(0);
        assertTrue(first.hasLastEvaluatedKey() && first.count() < ConfigCatalog.PAGE,
                "DynamoDB stopped the first page at 1 MB after " + first.count() + " items");
    }

    @Test
    void pagingVisitsEveryConfigExactlyOnce() {
        Set<String> seen = new HashSet<>();
        List<String> order = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            JsonNode page = list(ApiFixture.admin(), "100", token);
            for (String id : page.get("items").findValuesAsText("id")) {
                assertTrue(seen.add(id), id + " came twice");
                order.add(id);
            }
            token = page.hasNonNull("nextToken") ? page.get("nextToken").asText() : null;
            pages++;
        } while (token != null && pages < 50);

        assertEquals(FILLER + 2, seen.size());
        List<String> sorted = new ArrayList<>(order);
        sorted.sort(null);
        assertEquals(sorted, order, "id order");
    }
}
