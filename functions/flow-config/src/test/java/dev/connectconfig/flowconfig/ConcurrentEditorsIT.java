package dev.connectconfig.flowconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.connectconfig.core.json.FlowConfigJson;
import dev.connectconfig.core.model.FlowConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many editors save the same config from the same version at the same moment, round after round, against DynamoDB
 * Local: each round exactly one wins, the others get 412, and every winner's content survives in the history.
 */
class ConcurrentEditorsIT extends ApiIntegrationTest {

    private static final int EDITORS = 8;
    private static final int ROUNDS = 5;

    @Test
    void exactlyOneWriteWinsPerVersionAndNoUpdateIsLost() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(EDITORS);
        List<String> winners = new ArrayList<>();
        try {
            for (int round = 0; round < ROUNDS; round++) {
                long version = api.stored("main-queue").version();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> results = new ArrayList<>();
                for (int editor = 0; editor < EDITORS; editor++) {
                    APIGatewayProxyRequestEvent request = save(version, round, editor);
                    results.add(pool.submit(() -> {
                        start.await();
                        return api.invoke(request).getStatusCode();
                    }));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> result : results) {
                    statuses.add(result.get(60, TimeUnit.SECONDS));
                }

                assertEquals(1, statuses.stream().filter(s -> s == 200).count(), "round " + round + ": " + statuses);
                assertEquals(EDITORS - 1, statuses.stream().filter(s -> s == 412).count(), statuses.toString());
                FlowConfig current = api.stored("main-queue");
                assertEquals(version + 1, current.version());
                winners.add(current.variables().get("MaxQueueWaitSeconds"));
            }
        } finally {
            pool.shutdownNow();
        }
        // every winner but the last is in the history, at the version it was written as
        for (int round = 0; round < ROUNDS - 1; round++) {
            FlowConfig archived = api.repository.archivedVersion("main-queue", round + 2).orElseThrow();
            assertEquals(winners.get(round), archived.variables().get("MaxQueueWaitSeconds"), "round " + round);
        }
        assertEquals(winners.get(ROUNDS - 1), api.stored("main-queue").variables().get("MaxQueueWaitSeconds"));
        assertEquals(ROUNDS, api.items(ApiFixture.HISTORY_TABLE).size());
    }

    private static APIGatewayProxyRequestEvent save(long version, int round, int editor) {
        ObjectNode config = FlowConfigJson.toJson(api.stored("main-queue"));
        ((ObjectNode) config.get("variables")).put("MaxQueueWaitSeconds", Integer.toString(1000 * (round + 1)
                + editor));
        return new ApiFixture.Request("PUT", "/flow-configs/{id}").id("main-queue")
                .header("If-Match", "\"" + version + "\"")
                .claims(Map.of("sub", "editor-" + editor, "cognito:groups", "FlowConfigEdit"))
                .json(config).build();
    }
}
