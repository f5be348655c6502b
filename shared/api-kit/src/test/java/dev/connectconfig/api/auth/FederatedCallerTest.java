package dev.connectconfig.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.connectconfig.api.errors.ApiException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A user who signs in through the company's identity provider (SAML here), as API Gateway's Cognito authorizer
 * delivers their ID token's claims: every value a string, the user name {@code <provider>_<user>}, the provider in
 * {@code identities} (a JSON string), Cognito's automatic group for the provider, and the IdP's groups in
 * {@code custom:fc_groups}.
 */
class FederatedCallerTest {

    private static APIGatewayProxyRequestEvent federated(String groups) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", "9b2e7f40-0000-4000-8000-0000000fed01");
        claims.put("cognito:username", "CorpIdP_jane.doe@example.com");
        claims.put("identities", "[{\"userId\":\"jane.doe@example.com\",\"providerName\":\"CorpIdP\","
                + "\"providerType\":\"SAML\",\"issuer\":\"http://www.okta.com/exk1example0000000\","
                + "\"primary\":\"true\",\"dateCreated\":\"1767225000000\"}]");
        claims.put("email", "jane.doe@example.com");
        claims.put("token_use", "id");
        claims.put("cognito:groups", "us-east-1_Example1_CorpIdP");
        if (groups != null) {
            claims.put("custom:fc_groups", groups);
        }
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
        Map<String, Object> authorizer = new HashMap<>();
        authorizer.put("claims", claims);
        context.setAuthorizer(authorizer);
        return new APIGatewayProxyRequestEvent().withRequestContext(context);
    }

    /** The three shapes the attribute arrives in, each holding the same groups. */
    @ParameterizedTest
    @ValueSource(strings = {
        "FlowConfigEditors-sales,Sales-Team,FlowConfigReaders",
        "[FlowConfigEditors-sales, Sales-Team, FlowConfigReaders]",
        "[\"FlowConfigEditors-sales\",\"Sales-Team\",\"FlowConfigReaders\"]",
        " [ FlowConfigEditors-sales ,Sales-Team,  FlowConfigReaders ] "})
    void eachShapeOfTheGroupsAttributeGrantsTheSameLevels(String groups) {
        Caller jane = CallerClaims.callerWithAccess(federated(groups));

        assertEquals("CorpIdP_jane.doe@example.com", jane.name());
        assertEquals(Set.of("sales-*"), jane.editScopes());
        assertEquals(Set.of("*"), jane.readScopes());
        assertEquals(Set.of(), jane.fullScopes());
    }

    @Test
    void eachGroupGrantsItsLevelOnStarOrOnItsSuffix() {
        Caller caller = CallerClaims.caller(federated("FlowConfigAdmins-billing,FlowConfigEditors,"
                + "FlowConfigReaders-support.emea,FlowConfigAdmins-a_b-c"));

        assertEquals(Set.of("billing-*", "a_b-c-*"), caller.fullScopes());
        assertEquals(Set.of("*"), caller.editScopes());
        assertEquals(Set.of("support.emea-*"), caller.readScopes());
    }

    /** Look-alikes, bad suffixes, other cases and Cognito's own group names grant nothing. */
    @ParameterizedTest
    @ValueSource(strings = {"FlowConfigEditorsX", "xFlowConfigEditors", "FlowConfigEditors-",
        "FlowConfigEditors-sales/x",
        "FlowConfigEditors-sales*", "FlowConfigEditors-sales emea", "flowconfigeditors",
        "FlowConfigEditor", "FlowConfigEdit", "FlowConfigAdmin", "FlowConfigEditors_sales", "FlowConfigEditors-*",
        "[\"FlowConfigEditorsX\",\"FlowConfigAdminsY\"]", "[\"Ops,FlowConfigAdmins\"]", "Sales-Team", "", "[]"})
    void aGroupThatDoesNotMatchTheWholePatternGrantsNothing(String groups) {
        Caller caller = CallerClaims.caller(federated(groups));

        assertTrue(caller.readScopes().isEmpty() && caller.editScopes().isEmpty() && caller.fullScopes().isEmpty(),
                groups + " granted " + caller);
    }

    @Test
    void aSuffixIsAtMostOneHundredCharacters() {
        assertEquals(Set.of("a".repeat(100) + "-*"), CallerClaims.caller(federated("FlowConfigEditors-"
                + "a".repeat(100))).editScopes());
        assertEquals(Set.of(), CallerClaims.caller(federated("FlowConfigEditors-" + "a".repeat(101))).editScopes());
    }

    @Test
    void aFederatedUserInNoMappedGroupIsToldSoWith403NoAccess() {
        for (String groups : new String[] {"[Sales-Team, Everyone]", "FlowConfigEditorsX", null}) {
            ApiException refused = assertThrows(ApiException.class,
                    () -> CallerClaims.callerWithAccess(federated(groups)));

            assertEquals(403, refused.status());
            assertEquals("NO_ACCESS", refused.code());
            assertEquals("You are signed in as CorpIdP_jane.doe@example.com but none of your groups grants access to "
                    + "flow configs; ask your administrator to add you to FlowConfigReaders, FlowConfigEditors or "
                    + "FlowConfigAdmins (or one for your configs, such as FlowConfigEditors-sales).",
                    refused.getMessage());
        }
    }

    @Test
    void theUserPoolsOwnGroupsAndScopeAttributesKeepWorkingBesideTheIdpGroups() {
        APIGatewayProxyRequestEvent event = federated("FlowConfigReaders-sales");
        @SuppressWarnings("unchecked")
        Map<String, Object> claims = (Map<String, Object>) event.getRequestContext().getAuthorizer().get("claims");
        claims.put("cognito:groups", "us-east-1_Example1_CorpIdP,FlowConfigEdit");
        claims.put("custom:fc_full", "main-queue");

        Caller caller = CallerClaims.callerWithAccess(event);

        assertEquals(Set.of("sales-*"), caller.readScopes());
        assertEquals(Set.of("*"), caller.editScopes());
        assertEquals(Set.of("main-queue"), caller.fullScopes());
    }

    @Test
    void aClaimLongerThanTheAttributeMayHoldOrNotAStringGrantsNothing() {
        String tooLong = "FlowConfigAdmins," + "x".repeat(CallerClaims.MAX_IDP_GROUPS_CHARS);
        assertTrue(CallerClaims.caller(federated(tooLong)).fullScopes().isEmpty());
        assertEquals(java.util.List.of(), CallerClaims.idpGroups(java.util.List.of("FlowConfigAdmins")));
    }
}
