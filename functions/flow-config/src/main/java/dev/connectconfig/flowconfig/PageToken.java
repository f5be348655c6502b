package dev.connectconfig.flowconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.connectconfig.api.errors.ApiException;
import dev.connectconfig.core.json.FlowConfigJson;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque {@code nextToken} of a page: where the next page starts and the query it belongs to, so a token cannot
 * be replayed against another prefix or config. Not secret; everything in it is checked when it comes back.
 */
record PageToken(String scope, String after) {

    static final int MAX_LENGTH = 1_024;
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;

    /** The page size asked for with {@code ?limit=}: 1 to {@link #MAX_LIMIT}, {@link #DEFAULT_LIMIT} when absent. */
    static int limit(String text) {
        if (text == null || text.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("INVALID_LIMIT", "limit is a whole number from 1 to " + MAX_LIMIT + ".");
    }

    String encode() {
        ObjectNode node = FlowConfigJson.MAPPER.createObjectNode().put("s", scope).put("a", after);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The position to continue after, or null without a token; 400 for a token not issued for this query. */
    static String decode(String token, String expectedScope) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            if (token.length() > MAX_LENGTH) {
                throw new IllegalArgumentException("too long");
            }
            JsonNode node = FlowConfigJson.MAPPER.readTree(Base64.getUrlDecoder().decode(token));
            if (node != null && node.path("s").isTextual() && node.path("a").isTextual()
                    && node.get("s").textValue().equals(expectedScope)) {
                return node.get("a").textValue();
            }
        } catch (Exception e) {
            // fall through: a token we cannot read is the caller's mistake, answered below
        }
        throw ApiException.badRequest("INVALID_TOKEN",
                "nextToken is not one this query returned; start again without it.");
    }
}
