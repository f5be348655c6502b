package dev.connectconfig.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.connectconfig.api.errors.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonRequestBodyTest {

    private static APIGatewayProxyRequestEvent request(String contentType, String body) {
        return new APIGatewayProxyRequestEvent().withHeaders(contentType == null ? Map.of()
                : Map.of("content-type", contentType)).withBody(body);
    }

    private static ApiException refused(String contentType, String body) {
        return assertThrows(ApiException.class, () -> JsonRequestBody.read(request(contentType, body), 1_000));
    }

    @Test
    void readsJsonWithTheContentTypeInAnyCase() {
        assertEquals("b", JsonRequestBody.read(request("Application/JSON; charset=UTF-8", "{\"a\":\"b\"}"), 100)
                .get("a").asText());
    }

    @Test
    void aBase64BodyIsDecoded() {
        APIGatewayProxyRequestEvent event = request("application/json",
                Base64.getEncoder().encodeToString("{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
        event.setIsBase64Encoded(true);

        assertEquals(1, JsonRequestBody.read(event, 100).get("a").asInt());
    }

    @Test
    void eachKindOfBadBodyGetsItsOwnClearRefusal() {
        assertEquals(415, refused(null, "{}").status());
        assertEquals(415, refused("text/plain", "{}").status());
        assertEquals(415, refused("application/json; charset=latin1", "{}").status());
        assertEquals("EMPTY_BODY", refused("application/json", "").code());
        assertEquals(413, refused("application/json", "{\"a\":\"" + "x".repeat(1_000) + "\"}").status());
        assertEquals("MALFORMED_JSON", refused("application/json", "{\"a\":").code());
        assertEquals("MALFORMED_JSON", refused("application/json", "{} {}").code());
        ApiException duplicate = refused("application/json", "{\"a\":1,\"a\":2}");
        assertTrue(duplicate.getMessage().contains("appears twice"), duplicate.getMessage());
    }

    @Test
    void deepNestingIsRefusedBeforeItCostsAnything() {
        String deep = "[".repeat(200) + "]".repeat(200);

        ApiException e = refused("application/json", deep);

        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("nested"), e.getMessage());
    }

    @Test
    void eachParserLimitSaysWhichLimitWasHit() {
        ApiException number = assertThrows(ApiException.class, () -> JsonRequestBody.read(request("application/json",
                "{\"a\": " + "9".repeat(JsonRequestBody.MAX_NUMBER_LENGTH + 1) + "}"), 100_000));
        ApiException name = assertThrows(ApiException.class, () -> JsonRequestBody.read(request("application/json",
                "{\"" + "n".repeat(JsonRequestBody.MAX_NAME_LENGTH + 1) + "\": 1}"), 100_000));
        ApiException depth = assertThrows(ApiException.class, () -> JsonRequestBody.read(request("application/json",
                "[".repeat(JsonRequestBody.MAX_NESTING_DEPTH + 1) + "]".repeat(JsonRequestBody.MAX_NESTING_DEPTH + 1)),
                100_000));

        assertEquals("MALFORMED_JSON", number.code());
        assertEquals("A number in the JSON is longer than 1000 characters.", number.getMessage());
        assertEquals("MALFORMED_JSON", name.code());
        assertEquals("A field name in the JSON is longer than 1000 characters.", name.getMessage());
        assertEquals("The JSON is nested more than 32 levels deep.", depth.getMessage());
    }

    @Test
    void parserMessagesDoNotLeak() {
        ApiException e = refused("application/json", "{\"a\": tru }");

        assertFalse(e.getMessage().contains("Unrecognized token"), e.getMessage());
        assertFalse(e.getMessage().contains("jackson"), e.getMessage());
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }
}
