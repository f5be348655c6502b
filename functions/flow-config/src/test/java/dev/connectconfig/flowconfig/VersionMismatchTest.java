package dev.connectconfig.flowconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connectconfig.api.ApiResponses;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class VersionMismatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ApiResponses responses = new ApiResponses("https://config.example.com");

    @Test
    void aVersionMismatchCarriesTheCurrentVersion() throws Exception {
        APIGatewayProxyResponseEvent response = responses.error(new VersionMismatchException("stale", 7L), "r");

        assertEquals(412, response.getStatusCode());
        assertEquals(7, JSON.readTree(response.getBody()).get("currentVersion").asLong());
        assertEquals("\"7\"", response.getHeaders().get("ETag"));
    }

    @Test
    void aMismatchOnAConfigThatNoLongerExistsHasNoVersionToName() throws Exception {
        APIGatewayProxyResponseEvent response = responses.error(new VersionMismatchException("gone", null), "r");

        JsonNode body = JSON.readTree(response.getBody());
        assertEquals(412, response.getStatusCode());
        assertEquals("VERSION_MISMATCH", body.get("code").asText());
        assertFalse(body.has("currentVersion"));
        assertFalse(response.getHeaders().containsKey("ETag"));
    }

    @Test
    void eTagsReadQuotedWeakOrBareVersionsAndNothingElse() {
        assertEquals(OptionalLong.of(3), ETags.version("\"3\""));
        assertEquals(OptionalLong.of(3), ETags.version("W/\"3\""));
        assertEquals(OptionalLong.of(12), ETags.version(" 12 "));
        assertEquals(OptionalLong.empty(), ETags.version("*"));
        assertEquals(OptionalLong.empty(), ETags.version("\"-1\""));
        assertEquals(OptionalLong.empty(), ETags.version("99999999999999999999"));
    }
}
