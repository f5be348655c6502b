package dev.connectconfig.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connectconfig.api.errors.ApiException;
import dev.connectconfig.api.errors.ErrorMappings;
import dev.connectconfig.api.errors.FieldError;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiResponsesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ApiResponses responses = new ApiResponses("https://config.example.com");

    private static JsonNode body(APIGatewayProxyResponseEvent response) throws Exception {
        return JSON.readTree(response.getBody());
    }

    @Test
    void anApiExceptionBecomesItsStatusCodeMessageAndDetails() throws Exception {
        APIGatewayProxyResponseEvent response = responses.error(ApiException.invalid(List.of(
                new FieldError("variables.Closure", "must be \"true\" or \"false\""))), "req-1");

        assertEquals(400, response.getStatusCode());
        JsonNode body = body(response);
        assertEquals("VALIDATION_FAILED", body.get("code").asText());
        assertEquals("variables.Closure", body.get("details").get(0).get("field").asText());
        assertEquals("https://config.example.com", response.getHeaders().get("Access-Control-Allow-Origin"));
        assertEquals("application/json; charset=utf-8", response.getHeaders().get("Content-Type"));
    }

    @Test
    void anApiExceptionsOwnFieldsAndHeadersReachTheResponse() throws Exception {
        ApiException locked = new ApiException(423, "LOCKED", "held by an import") {
            @Override
            public Map<String, Object> responseFields() {
                return Map.of("heldBy", "import-7");
            }

            @Override
            public Map<String, String> responseHeaders() {
                return Map.of("Retry-After", "30");
            }
        };

        APIGatewayProxyResponseEvent response = responses.error(locked, "r");

        assertEquals(423, response.getStatusCode());
        assertEquals("import-7", body(response).get("heldBy").asText());
        assertEquals("LOCKED", body(response).get("code").asText());
        assertEquals("30", response.getHeaders().get("Retry-After"));
        assertEquals("https://config.example.com", response.getHeaders().get("Access-Control-Allow-Origin"));
    }

    @Test
    void anUnexpectedExceptionIsA500WithoutItsMessage() throws Exception {
        APIGatewayProxyResponseEvent response = responses.error(
                new IllegalStateException("table arn:aws:dynamodb:secret at dev.connectconfig.X"), "req-9");

        assertEquals(500, response.getStatusCode());
        assertFalse(response.getBody().contains("secret"));
        assertFalse(response.getBody().contains("IllegalState"));
        assertTrue(body(response).get("message").asText().contains("req-9"));
        assertEquals(0, body(response).get("details").size());
    }

    /** A dependency's outage, as a function's own exception, registered by that function. */
    static final class BackendDownException extends RuntimeException {
        BackendDownException(String message) {
            super(message);
        }
    }

    @Test
    void aFunctionsMappedExceptionIsAnsweredWithItsApiErrorAndNeverItsOwnWords() throws Exception {
        ApiResponses mapped = new ApiResponses("https://config.example.com", ErrorMappings.none().map(
                BackendDownException.class, e -> new ApiException(503, "BACKEND_UNAVAILABLE", "Try again shortly.")));

        APIGatewayProxyResponseEvent response = mapped.error(
                new BackendDownException("DynamoDB GetItem on FlowConfigTable failed"), "r");
        APIGatewayProxyResponseEvent unmapped = responses.error(
                new BackendDownException("DynamoDB GetItem on FlowConfigTable failed"), "r");

        assertEquals(503, response.getStatusCode());
        assertEquals("{\"code\":\"BACKEND_UNAVAILABLE\",\"message\":\"Try again shortly.\",\"details\":[]}",
                response.getBody());
        assertEquals("2", response.getHeaders().get("Retry-After"));
        assertFalse(response.getBody().contains("FlowConfigTable"));
        assertEquals(500, unmapped.getStatusCode(), "a function that did not register it gets the generic 500");
        assertFalse(unmapped.getBody().contains("FlowConfigTable"));
    }

    @Test
    void aStoreOutageIsA503ToRetryThatNamesNoTable() throws Exception {
        ApiResponses mapped = new ApiResponses("https://config.example.com",
                ErrorMappings.none().storeOutage(BackendDownException.class, "The flow-config store"));

        APIGatewayProxyResponseEvent response = mapped.error(
                new BackendDownException("DynamoDB GetItem on FlowConfigTable failed"), "r");

        assertEquals(503, response.getStatusCode());
        assertEquals("STORE_UNAVAILABLE", JSON.readTree(response.getBody()).get("code").asText());
        assertFalse(response.getBody().contains("FlowConfigTable"));
        assertEquals("{\"code\":\"STORE_UNAVAILABLE\",\"message\":\"The flow-config store is unavailable right now;"
                + " try again shortly.\",\"details\":[]}", response.getBody());
        assertEquals("2", response.getHeaders().get("Retry-After"));
    }

    @Test
    void aThrottledDependencyIsA429WithRetryAfter() throws Exception {
        APIGatewayProxyResponseEvent response = responses.error(
                new ApiException(429, "SPEECH_THROTTLED", "Amazon Polly is busy."), "r");

        assertEquals(429, response.getStatusCode());
        assertEquals("2", response.getHeaders().get("Retry-After"));
        assertEquals("SPEECH_THROTTLED", body(response).get("code").asText());
    }

    @Test
    void binaryContentIsBase64WithItsOwnTypeAndTheUsualHeaders() {
        byte[] audio = {(byte) 0xFF, (byte) 0xF3, 0, 1, 2};

        APIGatewayProxyResponseEvent response = responses.binary(200, audio, "audio/mpeg",
                Map.of("Access-Control-Expose-Headers", "X-Voice-Id"));

        assertEquals(Boolean.TRUE, response.getIsBase64Encoded());
        assertArrayEquals(audio, Base64.getDecoder().decode(response.getBody()));
        assertEquals("audio/mpeg", response.getHeaders().get("Content-Type"));
        assertEquals("X-Voice-Id", response.getHeaders().get("Access-Control-Expose-Headers"));
        assertEquals("https://config.example.com", response.getHeaders().get("Access-Control-Allow-Origin"));
        assertEquals("no-store", response.getHeaders().get("Cache-Control"));
    }
}
