package dev.connectconfig.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** What a route answers before it becomes API Gateway's response: a JSON body (none for 204) or audio and the like. */
public sealed interface ApiAnswer {

    APIGatewayProxyResponseEvent response(ApiResponses responses);

    static Json ok(JsonNode body) {
        return new Json(200, body, Map.of());
    }

    /** A JSON answer: status, body ({@code null} for 204 No Content) and extra headers. */
    record Json(int status, JsonNode body, Map<String, String> headers) implements ApiAnswer {
        @Override
        public APIGatewayProxyResponseEvent response(ApiResponses responses) {
            return body == null ? responses.noContent(headers) : responses.json(status, body, headers);
        }
    }

    /** Bytes of a content type (audio), base64-encoded on the way out as API Gateway requires. */
    record Binary(int status, byte[] body, String contentType, Map<String, String> headers) implements ApiAnswer {
        @Override
        public APIGatewayProxyResponseEvent response(ApiResponses responses) {
            return responses.binary(status, body, contentType, headers);
        }
    }
}
