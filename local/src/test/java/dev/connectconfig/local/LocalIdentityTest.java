package dev.connectconfig.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.connectconfig.api.auth.Caller;
import dev.connectconfig.api.auth.CallerClaims;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LocalIdentityTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final byte[] key = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final LocalIdentity identity = new LocalIdentity(key, Clock.fixed(NOW, ZoneOffset.UTC));

    private Map<String, Object> login(String json) {
        return identity.login(LocalJson.read(json.getBytes(StandardCharsets.UTF_8)));
    }

    private String token(String json) {
        return (String) login(json).get("token");
    }

    /** The caller the functions see, read by their own CallerClaims from the claims the runner passes. */
    private Caller caller(Map<String, String> claims) {
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent();
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
        context.setAuthorizer(Map.of("claims", claims));
        event.setRequestContext(context);
        return CallerClaims.caller(event);
    }

    @Test
    void aLevelWithScopesBecomesTheCognitoCustomAttribute() {
        Map<String, String> claims = identity.verify("Bearer " + token(
                "{\"username\": \"eddie\", \"level\": \"Edit\", \"scopes\": [\"sales-*\", \"main-queue\"]}"))
                .orElseThrow();
        assertEquals("sales-*,main-queue", claims.get(CallerClaims.EDIT_SCOPES));
        assertEquals("eddie", claims.get(CallerClaims.USERNAME));
        Caller caller = caller(claims);
        assertEquals(Set.of("sales-*", "main-queue"), caller.editScopes());
        assertEquals(Set.of(), caller.fullScopes());
        assertEquals("eddie", caller.name());
    }

    @Test
    void idpGroupsSignInAFederatedUserWithTheClaimsCognitoGivesOne() {
        Map<String, String> claims = identity.verify(token("{\"username\": \"jane@example.com\", "
                + "\"idpGroups\": [\"FlowConfigEditors-sales\", \"Sales-Team\"]}")).orElseThrow();

        assertEquals("LocalIdP_jane@example.com", claims.get(CallerClaims.USERNAME));
        assertEquals("[FlowConfigEditors-sales, Sales-Team]", claims.get(CallerClaims.IDP_GROUPS));
        assertEquals("us-east-1_Local_LocalIdP", claims.get(CallerClaims.GROUPS));
        assertTrue(claims.get("identities").contains("\"providerType\":\"SAML\""), claims.get("identities"));
        Caller jane = CallerClaims.callerWithAccess(withClaims(claims));
        assertEquals(Set.of("sales-*"), jane.editScopes());
        assertEquals("LocalIdP_jane@example.com", jane.name());

        Map<String, String> unmapped = identity.verify(token("{\"username\": \"joe@example.com\", "
                + "\"idpGroups\": [\"FlowConfigEditorsX\"]}")).orElseThrow();
        assertEquals("NO_ACCESS", assertThrows(dev.connectconfig.api.errors.ApiException.class,
                () -> CallerClaims.callerWithAccess(withClaims(unmapped))).code());
    }

    @Test
    void anIdpGroupThatWouldSplitCognitosListIsRefused() {
        for (String group : new String[] {"a,b", "[a", "a]", " a", ""}) {
            LocalIdentity.InvalidLoginException refused = assertThrows(LocalIdentity.InvalidLoginException.class,
                    () -> login("{\"username\": \"jane\", \"idpGroups\": [" + LocalJson.write(group) + "]}"));
            assertEquals("idpGroups", refused.field);
        }
    }

    private static APIGatewayProxyRequestEvent withClaims(Map<String, String> claims) {
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent();
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
        context.setAuthorizer(Map.of("claims", claims));
        event.setRequestContext(context);
        return event;
    }

    @Test
    void aLevelWithoutScopesCoversEveryConfig() {
        Caller caller = caller(identity.verify(token("{\"username\": \"rita\", \"level\": \"read\"}")).orElseThrow());
        assertEquals(Set.of("*"), caller.readScopes());
        assertEquals(Set.of(), caller.editScopes());
    }

    @Test
    void cognitoGroupsAreCarriedAsTheAuthorizerPassesThem() {
        Map<String, String> claims = identity.verify(token(
                "{\"username\": \"ana\", \"groups\": [\"FlowConfigAdmin\", \"FlowConfigRead\"]}")).orElseThrow();
        assertEquals("FlowConfigAdmin,FlowConfigRead", claims.get(CallerClaims.GROUPS));
        assertEquals(Set.of("*"), caller(claims).fullScopes());
    }

    @Test
    void theSameUsernameKeepsItsSubject() {
        String first = identity.verify(token("{\"username\": \"ana\", \"level\": \"Full\"}")).orElseThrow().get("sub");
        String second = identity.verify(token("{\"username\": \"ana\", \"level\": \"Read\"}")).orElseThrow().get("sub");
        String other = identity.verify(token("{\"username\": \"bob\", \"level\": \"Read\"}")).orElseThrow().get("sub");
        assertEquals(first, second);
        assertFalse(first.equals(other));
    }

    @Test
    void aTamperedForeignOrExpiredTokenIsRefused() {
        String token = token("{\"username\": \"rita\", \"level\": \"Read\"}");
        String[] parts = token.split("\\.");
        String widened = Base64.getUrlEncoder().withoutPadding().encodeToString(new String(
                Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(CallerClaims.READ_SCOPES, CallerClaims.FULL_SCOPES).getBytes(StandardCharsets.UTF_8));
        assertTrue(identity.verify(parts[0] + "." + widened + "." + parts[2]).isEmpty(), "payload changed");
        LocalIdentity otherKey = new LocalIdentity("another key, another data folder".getBytes(StandardCharsets.UTF_8),
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertTrue(otherKey.verify(token).isEmpty(), "signed with another key");
        LocalIdentity later = new LocalIdentity(key, Clock.fixed(NOW.plus(LocalIdentity.LIFETIME), ZoneOffset.UTC));
        assertTrue(later.verify(token).isEmpty(), "expired");
        assertTrue(identity.verify(token).isPresent(), "raw token, as Cognito's ID token is sent");
        assertTrue(identity.verify(null).isEmpty());
        assertTrue(identity.verify("Bearer not-a-token").isEmpty());
    }

    @Test
    void aLoginThatCannotBeHonouredNamesTheField() {
        Map<String, String> cases = Map.of(
                "{\"level\": \"Full\"}", "username",
                "{\"username\": \"a b\", \"level\": \"Full\"}", "username",
                "{\"username\": \"ana\", \"level\": \"Admin\"}", "level",
                "{\"username\": \"ana\", \"level\": \"Edit\", \"scopes\": [\"sa*les\"]}", "scopes",
                "{\"username\": \"ana\", \"scopes\": [\"sales-*\"]}", "scopes",
                "{\"username\": \"ana\", \"groups\": [\"Admins\"]}", "groups",
                "{\"username\": \"ana\", \"role\": \"Full\"}", "role");
        cases.forEach((json, field) -> assertEquals(field, assertThrows(LocalIdentity.InvalidLoginException.class,
                () -> login(json), json).field, json));
    }
}
