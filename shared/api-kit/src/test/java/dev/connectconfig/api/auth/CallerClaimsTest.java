package dev.connectconfig.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.connectconfig.api.errors.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CallerClaimsTest {

    private static APIGatewayProxyRequestEvent withClaims(Map<String, Object> claims) {
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
        Map<String, Object> authorizer = new HashMap<>();
        authorizer.put("claims", claims);
        context.setAuthorizer(authorizer);
        return new APIGatewayProxyRequestEvent().withRequestContext(context);
    }

    @Test
    void scopesComeFromCustomAttributesAndGroupsAddStarAtTheirLevel() {
        Caller caller = CallerClaims.caller(withClaims(Map.of(
                "sub", "7d3c-11", "cognito:username", "maria",
                "cognito:groups", "FlowConfigRead,Supervisors",
                "custom:fc_full", "sales-*",
                "custom:fc_edit", "+18005550100, main-queue")));

        assertEquals("7d3c-11", caller.subject());
        assertEquals("maria", caller.name());
        assertEquals(Set.of("FlowConfigRead", "Supervisors"), caller.groups());
        assertEquals(Set.of("sales-*"), caller.fullScopes());
        assertEquals(Set.of("+18005550100", "main-queue"), caller.editScopes());
        assertEquals(Set.of("*"), caller.readScopes());
    }

    @Test
    void eachGroupMapsToStarAtItsOwnLevel() {
        Caller admin = CallerClaims.caller(withClaims(Map.of("sub", "a", "cognito:groups", "FlowConfigAdmin")));
        Caller editor = CallerClaims.caller(withClaims(Map.of("sub", "e", "cognito:groups",
                "Supervisors,FlowConfigEdit")));

        assertEquals(Set.of("*"), admin.fullScopes());
        assertTrue(admin.editScopes().isEmpty() && admin.readScopes().isEmpty());
        assertEquals(Set.of("*"), editor.editScopes());
        assertTrue(editor.fullScopes().isEmpty());
    }

    /** API Gateway joins the names with bare commas; anything else around a name makes it another group. */
    @ParameterizedTest
    @ValueSource(strings = {"[FlowConfigAdmin]", "FlowConfigAdmin]", "[FlowConfigAdmin", " FlowConfigAdmin",
        "FlowConfigAdmin ", "\"FlowConfigAdmin\"", "[Ops, FlowConfigAdmin]", "Ops, FlowConfigAdmin",
        "[\"Ops\",\"FlowConfigAdmin\"]", "[Ops FlowConfigAdmin]", "flowconfigadmin"})
    void aGroupNameWithBracketsQuotesOrSpacesGrantsNothing(String claim) {
        Caller caller = CallerClaims.caller(withClaims(Map.of("sub", "a", "cognito:groups", claim)));

        assertTrue(caller.fullScopes().isEmpty(), claim);
    }

    @Test
    void aClaimThatIsNotTheStringApiGatewaySendsGrantsNothing() {
        Caller caller = CallerClaims.caller(withClaims(Map.of("sub", "e", "cognito:groups",
                List.of("FlowConfigEdit"))));

        assertTrue(caller.editScopes().isEmpty() && caller.groups().isEmpty());
    }

    @Test
    void aGroupWhoseNameHasACommaGrantsNothingWhenTheIdTokenIsInTheRequest() {
        APIGatewayProxyRequestEvent oneGroup = withClaims(Map.of("sub", "u1", "cognito:groups", "Ops,FlowConfigAdmin"));
        oneGroup.setHeaders(Map.of("Authorization", idToken("{\"sub\":\"u1\",\"cognito:groups\":"
                + "[\"Ops,FlowConfigAdmin\"]}")));
        APIGatewayProxyRequestEvent twoGroups = withClaims(Map.of("sub", "u1", "cognito:groups", "Ops,FlowConfigAdmin"));
        twoGroups.setHeaders(Map.of("authorization", "Bearer " + idToken("{\"sub\":\"u1\",\"cognito:groups\":"
                + "[\"Ops\",\"FlowConfigAdmin\"]}")));

        Caller member = CallerClaims.caller(oneGroup);
        Caller admin = CallerClaims.caller(twoGroups);

        assertEquals(Set.of("Ops,FlowConfigAdmin"), member.groups());
        assertTrue(member.fullScopes().isEmpty());
        assertEquals(Set.of("Ops", "FlowConfigAdmin"), admin.groups());
        assertEquals(Set.of("*"), admin.fullScopes());
    }

    @Test
    void theIdTokenOnlySplitsTheVerifiedClaimAndNeverAddsToIt() {
        APIGatewayProxyRequestEvent otherGroups = withClaims(Map.of("sub", "u1", "cognito:groups", "Ops"));
        otherGroups.setHeaders(Map.of("Authorization", idToken("{\"sub\":\"u1\",\"cognito:groups\":"
                + "[\"FlowConfigAdmin\"]}")));
        APIGatewayProxyRequestEvent otherCaller = withClaims(Map.of("sub", "u1", "cognito:groups",
                "Ops,FlowConfigAdmin"));
        otherCaller.setHeaders(Map.of("Authorization", idToken("{\"sub\":\"u2\",\"cognito:groups\":"
                + "[\"Ops,FlowConfigAdmin\"]}")));

        assertTrue(CallerClaims.caller(otherGroups).fullScopes().isEmpty());
        assertEquals(Set.of("Ops"), CallerClaims.caller(otherGroups).groups());
        // a token of someone else is not the one the authorizer verified: the claim is read on its own
        assertEquals(Set.of("Ops", "FlowConfigAdmin"), CallerClaims.caller(otherCaller).groups());
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-token", "a.b", "a.%%%.c", "a.e30.c", "a.WzFd.c", "a.bnVsbA.c", "a.eyJzdWIiOjF9.c"})
    void anAuthorizationHeaderThatIsNoReadableIdTokenLeavesTheClaimAsDelivered(String header) {
        APIGatewayProxyRequestEvent event = withClaims(Map.of("sub", "u1", "cognito:groups", "Ops,FlowConfigRead"));
        event.setHeaders(Map.of("Authorization", header));

        Caller caller = CallerClaims.caller(event);

        assertEquals(Set.of("Ops", "FlowConfigRead"), caller.groups());
        assertEquals(Set.of("*"), caller.readScopes());
    }

    private static String idToken(String payload) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    @Test
    void withoutAVerifiedSubjectTheCallerIsUnauthenticated() {
        assertEquals(401, assertThrows(ApiException.class,
                () -> CallerClaims.caller(new APIGatewayProxyRequestEvent())).status());
        assertEquals(401, assertThrows(ApiException.class,
                () -> CallerClaims.caller(withClaims(Map.of("cognito:groups", "FlowConfigAdmin")))).status());
        assertEquals(401, assertThrows(ApiException.class,
                () -> CallerClaims.caller(withClaims(Map.of("sub", "a\u0000b")))).status());
    }

    @Test
    void claimsInHeadersGrantNothing() {
        APIGatewayProxyRequestEvent event = withClaims(Map.of("sub", "u1"));
        event.setHeaders(Map.of("custom:fc_full", "*", "cognito:groups", "FlowConfigAdmin"));

        Caller caller = CallerClaims.caller(event);

        assertTrue(caller.fullScopes().isEmpty() && caller.groups().isEmpty());
    }

    @Test
    void malformedScopesAreDroppedNotWidened() {
        Caller caller = CallerClaims.caller(withClaims(Map.of("sub", "u", "custom:fc_full", "s*l*, a/b, ok-*")));

        assertEquals(Set.of("ok-*"), caller.fullScopes());
    }
}
