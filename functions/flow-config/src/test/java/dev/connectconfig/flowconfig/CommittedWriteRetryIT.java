package dev.connectconfig.flowconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.connectconfig.core.json.FlowConfigJson;
import dev.connectconfig.core.model.FlowConfig;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * DynamoDB commits a save but its answer is lost (here: replaced by a 500 on the way back), so the SDK sends the same
 * request again. With the transaction's ClientRequestToken, DynamoDB answers the retry as the success it was; without
 * it, the retry's version check fails and the editor is told their own save was someone else's.
 */
class CommittedWriteRetryIT extends ApiIntegrationTest {

    @BeforeEach
    void reset() {
        api.reset();
    }

    /** Lets the first TransactWriteItems reach DynamoDB, then turns its answer into a 500. */
    private static final class LostFirstAnswer implements ExecutionInterceptor {
        final List<String> tokens = new CopyOnWriteArrayList<>();

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (context.request() instanceof TransactWriteItemsRequest) {
                // what goes on the wire, read from the body the SDK sends
                try (InputStream body = context.requestBody().orElseThrow().contentStreamProvider().newStream()) {
                    tokens.add(ApiFixture.JSON.readTree(body).path("ClientRequestToken").asText(null));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }

        @Override
        public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
            return losing(context) ? context.httpResponse().toBuilder().statusCode(500).removeHeader("x-amz-crc32")
                    .build() : context.httpResponse();
        }

        @Override
        public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                ExecutionAttributes attributes) {
            return losing(context) ? Optional.of(new ByteArrayInputStream(
                    "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\",\"message\":\"lost\"}"
                            .getBytes(StandardCharsets.UTF_8))) : context.responseBody();
        }

        private boolean losing(Context.ModifyHttpResponse context) {
            return context.request() instanceof TransactWriteItemsRequest && tokens.size() == 1;
        }
    }

    @Test
    void theSdkRetryOfACommittedSaveIsThatSaveNotA412() {
        LostFirstAnswer network = new LostFirstAnswer();
        FlowConfigHandler handler = api.handlerOver(network);
        ObjectNode edited = FlowConfigJson.toJson(api.stored("main-queue"));
        ((ObjectNode) edited.get("variables")).put("MaxQueueWaitSeconds", "777");

        APIGatewayProxyResponseEvent response = ApiFixture.invoke(handler, new ApiFixture.Request("PUT",
                "/flow-configs/{id}").id("main-queue").header("If-Match", "\"1\"").claims(ApiFixture.admin())
                .json(edited).build());

        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(2, network.tokens.size(), "the SDK sent the request again");
        assertEquals(network.tokens.get(0), network.tokens.get(1));
        FlowConfig stored = api.stored("main-queue");
        assertEquals(2, stored.version());
        assertEquals("777", stored.variables().get("MaxQueueWaitSeconds"));
        assertEquals(1, api.items(ApiFixture.HISTORY_TABLE).stream()
                .filter(item -> item.get("id").s().equals("main-queue")).count(), "written once");
    }

    @Test
    void twoEditsNeverShareAToken() {
        LostFirstAnswer network = new LostFirstAnswer();
        FlowConfigHandler handler = api.handlerOver(network);

        for (long version = 1; version <= 3; version++) {
            // the same content every time: only the edit itself tells them apart
            ObjectNode same = FlowConfigJson.toJson(api.stored("main-queue"));
            ((ObjectNode) same.get("variables")).put("MaxQueueWaitSeconds", "900");
            assertEquals(200, ApiFixture.invoke(handler, new ApiFixture.Request("PUT", "/flow-configs/{id}")
                    .id("main-queue").header("If-Match", "\"" + version + "\"").claims(ApiFixture.admin())
                    .json(same).build()).getStatusCode());
        }

        // the first edit was sent twice (its answer was lost), each later one once
        assertEquals(4, network.tokens.size(), network.tokens.toString());
        assertEquals(network.tokens.get(0), network.tokens.get(1));
        assertEquals(3, new java.util.HashSet<>(network.tokens).size(), network.tokens.toString());
        network.tokens.forEach(token -> assertTrue(token != null && token.length() <= 36, token));
    }
}
