package dev.connectconfig.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.connectconfig.api.errors.ApiException;
import dev.connectconfig.api.errors.ErrorMappings;
import dev.connectconfig.api.errors.FieldError;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place an API function's results and failures become API Gateway proxy responses: JSON bodies, CORS and
 * safety headers, and errors as {@code {"code", "message", "details"}}. Only an {@link ApiException}'s own words reach
 * a caller, or those of the {@link ApiException} a function's {@link ErrorMappings} answer its own exceptions with;
 * any other exception is logged here and answered with a generic 500 that names the request id.
 */
public final class ApiResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ApiResponses.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String allowedOrigin;
    private final ErrorMappings mappings;

    /** @param allowedOrigin the browser origin allowed to read responses ({@code *} or {@code https://...}) */
    public ApiResponses(String allowedOrigin) {
        this(allowedOrigin, ErrorMappings.none());
    }

    /** @param mappings the function's own exceptions and the API errors they are answered with */
    public ApiResponses(String allowedOrigin, ErrorMappings mappings) {
        this.allowedOrigin = allowedOrigin == null || allowedOrigin.isBlank() ? "*" : allowedOrigin;
        this.mappings = mappings;
    }

    public APIGatewayProxyResponseEvent json(int status, JsonNode body) {
        return json(status, body, Map.of());
    }

    public APIGatewayProxyResponseEvent json(int status, JsonNode body, Map<String, String> extraHeaders) {
        Map<String, String> headers = headers();
        headers.putAll(extraHeaders);
        try {
            return new APIGatewayProxyResponseEvent().withStatusCode(status).withHeaders(headers)
                    .withBody(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /**
     * Binary content, such as audio: base64 with {@code isBase64Encoded}. API Gateway turns it back into bytes when the
     * API lists {@code contentType} in its binary media types and the client's first {@code Accept} type matches.
     */
    public APIGatewayProxyResponseEvent binary(int status, byte[] body, String contentType,
            Map<String, String> extraHeaders) {
        Map<String, String> headers = headers();
        headers.put("Content-Type", contentType);
        headers.putAll(extraHeaders);
        return new APIGatewayProxyResponseEvent().withStatusCode(status).withHeaders(headers)
                .withBody(Base64.getEncoder().encodeToString(body)).withIsBase64Encoded(true);
    }

    public APIGatewayProxyResponseEvent noContent(Map<String, String> extraHeaders) {
        Map<String, String> headers = headers();
        headers.remove("Content-Type");
        headers.putAll(extraHeaders);
        return new APIGatewayProxyResponseEvent().withStatusCode(204).withHeaders(headers);
    }

    /** Maps any failure to a response; {@code requestId} lets a user quote a 500 to whoever reads the logs. */
    public APIGatewayProxyResponseEvent error(Throwable failure, String requestId) {
        if (failure instanceof ApiException api) {
            return error(api);
        }
        var mapped = mappings.answer(failure);
        if (mapped.isPresent()) {
            ApiException api = mapped.get();
            if (api.status() >= 500) {
                // The caller reads only the mapped words; whoever reads the logs needs the cause.
                LOG.error("request failed: answered {} {}", api.status(), api.code(), failure);
            }
            return error(api);
        }
        LOG.error("request failed unexpectedly", failure);
        return json(500, errorBody("INTERNAL_ERROR", "Something went wrong on our side. Quote request id "
                + (requestId == null ? "unknown" : requestId) + " when you report it."));
    }

    private APIGatewayProxyResponseEvent error(ApiException api) {
        ObjectNode body = errorBody(api.code(), api.getMessage());
        api.details().forEach(detail -> detail(body, detail));
        api.responseFields().forEach((name, value) -> body.set(name, JSON.valueToTree(value)));
        Map<String, String> headers = new LinkedHashMap<>(api.responseHeaders());
        // 503 (a dependency is down) and 429 (a dependency is throttling us) both pass with time.
        if (api.status() == 503 || api.status() == 429) {
            headers.put("Retry-After", "2");
        }
        return json(api.status(), body, headers);
    }

    private static ObjectNode errorBody(String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("code", code);
        body.put("message", message);
        body.putArray("details");
        return body;
    }

    private static void detail(ObjectNode body, FieldError error) {
        ArrayNode details = (ArrayNode) body.get("details");
        details.addObject().put("field", error.field()).put("message", error.message());
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("Cache-Control", "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Access-Control-Allow-Origin", allowedOrigin);
        headers.put("Access-Control-Expose-Headers", "ETag");
        if (!"*".equals(allowedOrigin)) {
            headers.put("Vary", "Origin");
        }
        return headers;
    }
}
