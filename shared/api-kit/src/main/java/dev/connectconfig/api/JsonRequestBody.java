package dev.connectconfig.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connectconfig.api.errors.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Reads a request body as JSON, refusing before any work what is not one: a wrong content type (415), an empty or
 * oversized body (400/413), malformed JSON, duplicate keys, trailing data and nesting deeper than any flow config
 * needs (400). Messages name the problem and its place, never parser internals.
 */
public final class JsonRequestBody {

    /** A flow config nests five levels; anything far deeper is an attack on the parser, not a config. */
    public static final int MAX_NESTING_DEPTH = 32;
    /** No flow config holds a number or a field name anywhere near these; a longer one is refused unread. */
    public static final int MAX_NUMBER_LENGTH = 1000;
    public static final int MAX_NAME_LENGTH = 1000;

    private static final ObjectMapper STRICT = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH).maxNameLength(MAX_NAME_LENGTH).build())
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonRequestBody() {
    }

    public static JsonNode read(APIGatewayProxyRequestEvent event, int maxBytes) {
        String contentType = ApiRequests.header(event, "Content-Type");
        if (!isJson(contentType)) {
            throw new ApiException(415, "UNSUPPORTED_MEDIA_TYPE",
                    "Send the body as JSON with the header Content-Type: application/json.");
        }
        byte[] body = bytes(event);
        if (body.length == 0) {
            throw ApiException.badRequest("EMPTY_BODY", "The request needs a JSON body.");
        }
        if (body.length > maxBytes) {
            throw ApiException.tooLarge("The body is " + body.length + " bytes; at most " + maxBytes
                    + " bytes are accepted here.");
        }
        try {
            JsonNode node = STRICT.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ApiException.badRequest("EMPTY_BODY", "The request needs a JSON body.");
            }
            return node;
        } catch (StreamConstraintsException e) {
            throw ApiException.badRequest("MALFORMED_JSON", limitHit(e));
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("MALFORMED_JSON", "The body is not valid JSON" + where(e.getLocation())
                    + (e.getMessage() != null && e.getMessage().startsWith("Duplicate field")
                    ? ": a field appears twice." : "."));
        } catch (java.io.IOException e) {
            throw ApiException.badRequest("MALFORMED_JSON", "The body is not valid JSON.");
        }
    }

    /**
     * Which limit the parser stopped at, said in the caller's terms. Jackson names the limit only in its message, by
     * the getter that holds it ({@code StreamReadConstraints.getMaxNumberLength()}), so that is what is matched.
     */
    static String limitHit(StreamConstraintsException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (message.contains("getMaxNumberLength")) {
            return "A number in the JSON is longer than " + MAX_NUMBER_LENGTH + " characters.";
        }
        if (message.contains("getMaxNameLength")) {
            return "A field name in the JSON is longer than " + MAX_NAME_LENGTH + " characters.";
        }
        if (message.contains("getMaxNestingDepth")) {
            return "The JSON is nested more than " + MAX_NESTING_DEPTH + " levels deep.";
        }
        if (message.contains("getMaxStringLength")) {
            return "A string in the JSON is longer than the parser accepts.";
        }
        return "The JSON is larger or longer than the parser accepts.";
    }

    /** {@code application/json}, optionally with {@code charset=utf-8}. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        if (!"application/json".equals(parts[0].strip())) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip().replace("\"", "");
            if (!parameter.isEmpty() && !"charset=utf-8".equals(parameter)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] bytes(APIGatewayProxyRequestEvent event) {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        if (Boolean.TRUE.equals(event.getIsBase64Encoded())) {
            try {
                return Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("MALFORMED_BODY", "The body is marked base64 but is not.");
            }
        }
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
