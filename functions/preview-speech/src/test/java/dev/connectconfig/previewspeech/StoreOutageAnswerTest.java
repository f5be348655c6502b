package dev.connectconfig.previewspeech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connectconfig.api.ApiResponses;
import dev.connectconfig.core.store.StoreUnavailableException;
import org.junit.jupiter.api.Test;

/** PreviewSpeech reads stored prompts, and registers the store's outage with the API kit itself. */
class StoreOutageAnswerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ApiResponses responses = new ApiResponses("https://config.example.com", PreviewSpeechHandler.ERRORS);

    @Test
    void aStoreOutageIsA503ToRetry() throws Exception {
        APIGatewayProxyResponseEvent response = responses.error(
                new StoreUnavailableException("DynamoDB GetItem on FlowConfigTable failed", null), "r");

        assertEquals(503, response.getStatusCode());
        assertEquals("STORE_UNAVAILABLE", JSON.readTree(response.getBody()).get("code").asText());
        assertFalse(response.getBody().contains("FlowConfigTable"));
        assertEquals("{\"code\":\"STORE_UNAVAILABLE\",\"message\":\"The flow-config store is unavailable right now;"
                + " try again shortly.\",\"details\":[]}", response.getBody());
        assertEquals("2", response.getHeaders().get("Retry-After"));
    }
}
