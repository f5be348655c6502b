package dev.connectconfig.flowconfig;

import static dev.connectconfig.flowconfig.ApiFixture.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.connectconfig.api.auth.Caller;
import dev.connectconfig.api.auth.CallerClaims;
import dev.connectconfig.api.auth.FlowConfigAction;
import dev.connectconfig.core.json.FlowConfigJson;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A user of the company's identity provider in the IdP group {@code FlowConfigEditors-sales}, from the sample event
 * {@code events/flow-config/list-as-federated-editor.json} (the claims API Gateway passes for a SAML user), decided by
 * the real Cedar engine over the policy store's files and served by the real handler over DynamoDB Local.
 */
class FederatedEditorIT extends ApiIntegrationTest {

    private static APIGatewayProxyRequestEvent federatedList() {
        return ApiFixture.event("list-as-federated-editor.json");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> federatedClaims(String groups) {
        Map<String, Object> claims = new HashMap<>((Map<String, Object>) federatedList().getRequestContext()
                .getAuthorizer().get("claims"));
        claims.put("custom:fc_groups", groups);
        return claims;
    }

    @Test
    void anEditorsSalesUserMayEditSalesConfigsValuesAndNothingElse() {
        Caller jane = CallerClaims.callerWithAccess(federatedList());

        assertTrue(api.cedar.isAllowed(jane, FlowConfigAction.UPDATE_VALUES, "sales-main"));
        assertTrue(api.cedar.isAllowed(jane, FlowConfigAction.READ, "sales-main"));
        assertFalse(api.cedar.isAllowed(jane, FlowConfigAction.UPDATE_STRUCTURE, "sales-main"));
        assertFalse(api.cedar.isAllowed(jane, FlowConfigAction.DELETE, "sales-main"));
        for (FlowConfigAction action : FlowConfigAction.values()) {
            assertFalse(api.cedar.isAllowed(jane, action, "billing-main"), action.name());
            assertFalse(api.cedar.isAllowed(jane, action, "salesforce-main"), action.name());
        }
    }

    @Test
    void theSampleEventListsTheSalesConfigsThroughTheHandler() {
        api.reset();
        APIGatewayProxyResponseEvent list = api.invoke(federatedList());

        assertEquals(200, list.getStatusCode(), list.getBody());
        assertEquals(List.of("sales-emea"), body(list).get("items").findValuesAsText("id"));
    }

    @Test
    void theEditorChangesAValueOfASalesConfigAndIsRefusedElsewhere() throws Exception {
        api.reset();
        var emea = FlowConfigJson.toJson(api.stored("sales-emea"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) emea.get("variables")).put("Closure", "true");
        APIGatewayProxyResponseEvent saved = api.invoke(new ApiFixture.Request("PUT", "/flow-configs/{id}")
                .id("sales-emea").header("If-Match", "\"1\"").json(emea.toString())
                .claims(federatedClaims("[FlowConfigEditors-sales]")).build());
        assertEquals(200, saved.getStatusCode(), saved.getBody());
        assertEquals("CorpIdP_jane.doe@example.com", api.stored("sales-emea").updatedBy());

        var before = api.snapshot();
        APIGatewayProxyResponseEvent refused = api.invoke(new ApiFixture.Request("GET", "/flow-configs/{id}")
                .id("main-queue").claims(federatedClaims("[FlowConfigEditors-sales]")).build());
        assertEquals(403, refused.getStatusCode(), refused.getBody());
        assertEquals("FORBIDDEN", body(refused).get("code").asText());
        assertEquals(before, api.snapshot());
    }

    @Test
    void aFederatedUserWithNoMappedGroupIsAnsweredNoAccessOnEveryRoute() {
        api.reset();
        var before = api.snapshot();
        for (String groups : List.of("[Sales-Team, Everyone]", "[FlowConfigEditorsX, xFlowConfigEditors]", "")) {
            Map<String, Object> claims = federatedClaims(groups);
            for (APIGatewayProxyRequestEvent request : List.of(
                    new ApiFixture.Request("GET", "/flow-configs").claims(claims).build(),
                    new ApiFixture.Request("GET", "/flow-configs/{id}").id("sales-emea").claims(claims).build(),
                    new ApiFixture.Request("DELETE", "/flow-configs/{id}").id("sales-emea").header("If-Match", "\"1\"")
                            .claims(claims).build())) {
                APIGatewayProxyResponseEvent answer = api.invoke(request);
                assertEquals(403, answer.getStatusCode(), answer.getBody());
                assertEquals("NO_ACCESS", body(answer).get("code").asText(), answer.getBody());
                assertTrue(body(answer).get("message").asText().startsWith(
                        "You are signed in as CorpIdP_jane.doe@example.com but none of your groups grants access"),
                        answer.getBody());
            }
        }
        assertEquals(before, api.snapshot(), "a caller without access changed something");
    }
}
