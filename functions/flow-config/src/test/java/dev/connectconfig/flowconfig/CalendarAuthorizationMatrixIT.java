package dev.connectconfig.flowconfig;

import static dev.connectconfig.flowconfig.ApiFixture.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.connectconfig.flowconfig.AuthorizationMatrixIT.Level;
import dev.connectconfig.flowconfig.AuthorizationMatrixIT.Scope;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The calendar actions' rows of the authorisation matrix: every level × every calendar operation × every kind of
 * scope, through the real handler and Cedar running the policy files. Written out from the documented defaults:
 * every level reads every calendar (whatever its scopes name); only Full on the calendar's id creates, changes,
 * restores or deletes it.
 */
class CalendarAuthorizationMatrixIT extends ApiIntegrationTest {

    /** How the caller's scope names the calendar {@code sales-holidays} (or {@code sales-new} for create). */
    private static final Set<Scope> SCOPES = EnumSet.of(Scope.EXACT, Scope.PREFIX, Scope.OTHER, Scope.STAR,
            Scope.GROUP);

    enum Operation {
        GET(true), LIST(true), DATES(true), HISTORY(true), CREATE(false), CHANGE(false), DELETE(false),
        RESTORE(false);

        final boolean readOnly;

        Operation(boolean readOnly) {
            this.readOnly = readOnly;
        }
    }

    static Stream<Arguments> matrix() {
        List<Arguments> rows = new ArrayList<>();
        for (Level level : Level.values()) {
            for (Operation operation : Operation.values()) {
                for (Scope scope : SCOPES) {
                    rows.add(Arguments.of(level, operation, scope));
                }
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} {1} with {2} scope")
    @MethodSource("matrix")
    void eachLevelMayDoExactlyWhatTheCalendarDefaultsAllow(Level level, Operation operation, Scope scope) {
        api.reset();
        CalendarApiIT.putCalendar("sales-holidays", CalendarApiIT.US, null);
        CalendarApiIT.putCalendar("sales-holidays", "{\"entries\": []}", "\"1\"");
        String target = operation == Operation.CREATE ? "sales-new" : "sales-holidays";
        var before = api.snapshot();

        APIGatewayProxyResponseEvent response = api.invoke(request(operation, target,
                AuthorizationMatrixIT.claims(level, scope, target, "support-*,sales-holidays-old")));

        boolean expected = operation.readOnly || (level == Level.FULL && scope != Scope.OTHER);
        int status = response.getStatusCode();
        if (operation == Operation.LIST) {
            assertEquals(200, status, response.getBody());
            assertTrue(body(response).get("items").findValuesAsText("id").contains(target), response.getBody());
        } else if (expected) {
            assertTrue(status >= 200 && status < 300, status + " " + response.getBody());
        } else {
            assertEquals(403, status, response.getBody());
            assertEquals(before, api.snapshot(), "a refused request wrote something");
        }
    }

    private static APIGatewayProxyRequestEvent request(Operation operation, String id, Map<String, Object> claims) {
        String calendar = "{\"entries\": [{\"name\": \"Boxing Day\", \"kind\": \"yearly\", \"month\": 12, \"day\": 26}]}";
        return switch (operation) {
            case GET -> new ApiFixture.Request("GET", "/calendars/{id}").id(id).claims(claims).build();
            case LIST -> new ApiFixture.Request("GET", "/calendars").claims(claims).build();
            case DATES -> new ApiFixture.Request("GET", "/calendars/{id}/dates").id(id).claims(claims).build();
            case HISTORY -> new ApiFixture.Request("GET", "/calendars/{id}/versions").id(id).claims(claims).build();
            case CREATE -> new ApiFixture.Request("PUT", "/calendars/{id}").id(id).header("If-None-Match", "*")
                    .claims(claims).json(calendar).build();
            case CHANGE -> new ApiFixture.Request("PUT", "/calendars/{id}").id(id).header("If-Match", "\"2\"")
                    .claims(claims).json(calendar).build();
            case DELETE -> new ApiFixture.Request("DELETE", "/calendars/{id}").id(id).header("If-Match", "\"2\"")
                    .claims(claims).build();
            case RESTORE -> new ApiFixture.Request("POST", "/calendars/{id}/versions/{n}/restore").id(id)
                    .path("n", "1").header("If-Match", "\"2\"").claims(claims).build();
        };
    }
}
