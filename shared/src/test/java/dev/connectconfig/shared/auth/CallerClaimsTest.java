package dev.connectconfig.shared.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.connectconfig.shared.errors.ApiException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

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
        Caller admin = CallerClaims.caller(withClaims(Map.of("sub", "a", "cognito:groups", "[FlowConfigAdmin]")));
        Caller editor = CallerClaims.caller(withClaims(Map.of("sub", "e", "cognito:groups",
                List.of("FlowConfigEdit"))));

        assertEquals(Set.of("*"), admin.fullScopes());
        assertTrue(admin.editScopes().isEmpty() && admin.readScopes().isEmpty());
        assertEquals(Set.of("*"), editor.editScopes());
        assertTrue(editor.fullScopes().isEmpty());
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
