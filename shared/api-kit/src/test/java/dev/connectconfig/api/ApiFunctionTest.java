package dev.connectconfig.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connectconfig.api.errors.ApiException;
import dev.connectconfig.api.errors.ErrorMappings;
import dev.connectconfig.api.errors.FieldError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one way an API function answers: caller first, route by API Gateway's key, errors mapped to JSON once. */
class ApiFunctionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> served = new ArrayList<>();

    private ApiFunction function(ApiRoutes.Route route) {
        return new ApiFunction(new ApiRoutes().add("GET /things/{id}", call -> {
            served.add(call.caller().name() + " " + call.path("id") + " " + call.time().toSeconds());
            return route.handle(call);
        }).add("POST /things", call -> ApiAnswer.ok(call.body(64))), "https://admin.example.com");
    }

    private static APIGatewayProxyRequestEvent request(String method, String resource, String id, String body) {
        Map<String, Object> authorizer = new HashMap<>();
        authorizer.put("claims", Map.of("sub", "s-1", "cognito:username", "maria", "custom:fc_read", "*"));
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext()
                .withRequestId("req-1");
        context.setAuthorizer(authorizer);
        return new APIGatewayProxyRequestEvent().withHttpMethod(method).withResource(resource)
                .withPathParameters(id == null ? null : Map.of("id", id))
                .withHeaders(Map.of("Content-Type", "application/json")).withBody(body).withRequestContext(context);
    }

    private static JsonNode body(APIGatewayProxyResponseEvent response) throws Exception {
        return JSON.readTree(response.getBody());
    }

    @Test
    void aRouteGetsTheCallerItsPathAndItsTimeAndItsAnswerGoesOutWithCors() throws Exception {
        APIGatewayProxyResponseEvent response = function(call -> new ApiAnswer.Json(201,
                JSON.createObjectNode().put("id", call.path("id")), Map.of("ETag", "\"3\"")))
                .respond(request("GET", "/things/{id}", "a-1", null), Duration.ofSeconds(7));

        assertEquals(201, response.getStatusCode());
        assertEquals("a-1", body(response).get("id").asText());
        assertEquals("\"3\"", response.getHeaders().get("ETag"));
        assertEquals("https://admin.example.com", response.getHeaders().get("Access-Control-Allow-Origin"));
        assertEquals(List.of("maria a-1 7"), served);
    }

    @Test
    void anUnknownRouteIsANotFoundThatNamesItWithoutControlCharacters() throws Exception {
        APIGatewayProxyResponseEvent response = function(call -> ApiAnswer.ok(null))
                .respond(request("GET", "/other\n{id}", "a-1", null), Duration.ofSeconds(1));

        assertEquals(404, response.getStatusCode());
        assertEquals("NOT_FOUND", body(response).get("code").asText());
        assertEquals("There is no route GET /other?{id}.", body(response).get("message").asText());
        assertEquals(List.of(), served);
    }

    @Test
    void aRequestWithoutVerifiedClaimsIsRefusedBeforeAnyRouteRuns() throws Exception {
        APIGatewayProxyRequestEvent unsigned = request("GET", "/things/{id}", "a-1", null)
                .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext());

        APIGatewayProxyResponseEvent response = function(call -> ApiAnswer.ok(null)).respond(unsigned,
                Duration.ofSeconds(1));

        assertEquals(401, response.getStatusCode());
        assertEquals(List.of(), served, "the route never ran");
    }

    @Test
    void aRoutesRefusalKeepsItsStatusAndCodeAndAnUnexpectedFailureSaysNothingInternal() throws Exception {
        APIGatewayProxyResponseEvent refused = function(call -> {
            throw ApiException.badRequest("INVALID_THING", "A thing is small.");
        }).respond(request("GET", "/things/{id}", "a-1", null), Duration.ofSeconds(1));
        APIGatewayProxyResponseEvent failed = function(call -> {
            throw new IllegalStateException("table ConnectConfig-Secret at arn:aws:dynamodb:eu-west-1:1234");
        }).respond(request("GET", "/things/{id}", "a-1", null), Duration.ofSeconds(1));

        assertEquals(400, refused.getStatusCode());
        assertEquals("INVALID_THING", body(refused).get("code").asText());
        assertEquals(500, failed.getStatusCode());
        assertFalse(failed.getBody().contains("Secret") || failed.getBody().contains("IllegalState"),
                failed.getBody());
        assertTrue(body(failed).get("message").asText().contains("req-1"), "names the request id to look up");
    }

    /** What a function's own store throws: the kit knows nothing of it until the function registers it. */
    static final class ShelfUnavailableException extends RuntimeException {
        ShelfUnavailableException(String message) {
            super(message);
        }
    }

    @Test
    void aFunctionRegistersHowItsOwnExceptionsAreAnswered() throws Exception {
        ApiRoutes routes = new ApiRoutes().add("GET /things/{id}", call -> {
            throw new ShelfUnavailableException("GetItem on table Shelf-Secret timed out");
        }).add("POST /things", call -> {
            throw new IllegalArgumentException("a shelf of " + call.path("id"));
        });
        ApiFunction function = new ApiFunction(routes, "https://admin.example.com", ErrorMappings.none()
                .map(ShelfUnavailableException.class, e -> new ApiException(503, "SHELF_UNAVAILABLE",
                        "The shelf is unavailable right now; try again shortly."))
                .map(IllegalArgumentException.class, e -> ApiException.invalid(List.of(
                        new FieldError("id", "must name a shelf")))));

        APIGatewayProxyResponseEvent down = function.respond(request("GET", "/things/{id}", "a-1", null),
                Duration.ofSeconds(1));
        APIGatewayProxyResponseEvent invalid = function.respond(request("POST", "/things", null, "{}"),
                Duration.ofSeconds(1));
        APIGatewayProxyResponseEvent unregistered = new ApiFunction(routes, "https://admin.example.com")
                .respond(request("GET", "/things/{id}", "a-1", null), Duration.ofSeconds(1));

        assertEquals(503, down.getStatusCode());
        assertEquals("{\"code\":\"SHELF_UNAVAILABLE\",\"message\":\"The shelf is unavailable right now; try again"
                + " shortly.\",\"details\":[]}", down.getBody());
        assertEquals("2", down.getHeaders().get("Retry-After"));
        assertEquals("https://admin.example.com", down.getHeaders().get("Access-Control-Allow-Origin"));
        assertEquals(400, invalid.getStatusCode());
        assertEquals("{\"code\":\"VALIDATION_FAILED\",\"message\":\"The request is not valid: 1 problem.\","
                + "\"details\":[{\"field\":\"id\",\"message\":\"must name a shelf\"}]}", invalid.getBody());
        assertEquals(500, unregistered.getStatusCode());
        assertFalse(unregistered.getBody().contains("Secret"), unregistered.getBody());
    }

    @Test
    void aTypeMappedTwiceIsAMistakeCaughtAtStart() {
        ErrorMappings mappings = ErrorMappings.none().map(ShelfUnavailableException.class,
                e -> ApiException.conflict("x"));

        assertThrows(IllegalArgumentException.class, () -> mappings.map(ShelfUnavailableException.class,
                e -> ApiException.conflict("y")));
    }

    @Test
    void aBodyIsReadWithinTheRoutesLimit() throws Exception {
        ApiFunction function = function(call -> ApiAnswer.ok(null));

        APIGatewayProxyResponseEvent small = function.respond(request("POST", "/things", null, "{\"a\":1}"),
                Duration.ofSeconds(1));
        APIGatewayProxyResponseEvent large = function.respond(request("POST", "/things", null,
                "{\"a\":\"" + "x".repeat(100) + "\"}"), Duration.ofSeconds(1));

        assertEquals(1, body(small).get("a").asInt());
        assertEquals(413, large.getStatusCode());
    }

    @Test
    void binaryAnswersAreBase64AndNoContentHasNoBody() {
        APIGatewayProxyResponseEvent audio = function(call -> new ApiAnswer.Binary(200, new byte[] {1, 2, 3},
                "audio/mpeg", Map.of())).respond(request("GET", "/things/{id}", "a-1", null), Duration.ofSeconds(1));
        APIGatewayProxyResponseEvent gone = function(call -> new ApiAnswer.Json(204, null, Map.of()))
                .respond(request("GET", "/things/{id}", "a-1", null), Duration.ofSeconds(1));

        assertEquals("audio/mpeg", audio.getHeaders().get("Content-Type"));
        assertTrue(audio.getIsBase64Encoded());
        assertEquals("AQID", audio.getBody());
        assertEquals(Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}), audio.getBody());
        assertEquals(204, gone.getStatusCode());
        assertEquals(null, gone.getBody());
    }

    @Test
    void aRouteKeyServedTwiceIsAMistakeCaughtAtStart() {
        ApiRoutes routes = new ApiRoutes().add("GET /things", call -> ApiAnswer.ok(null));

        assertThrows(IllegalArgumentException.class, () -> routes.add("GET /things", call -> ApiAnswer.ok(null)));
    }

    @Test
    void loggedPathValuesAreCutAndPrintable() {
        assertEquals("a?b", ApiFunction.abbreviated("a\nb"));
        assertEquals(ApiFunction.MAX_LOGGED_CHARS + 3, ApiFunction.abbreviated("x".repeat(9_000)).length());
    }
}
