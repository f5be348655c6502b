package dev.connectconfig.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectconfig.api.auth.Caller;
import dev.connectconfig.api.auth.FlowConfigAction;
import dev.connectconfig.api.auth.VerifiedPermissionsAuthorizer;
import dev.connectconfig.aws.AwsClients;
import dev.connectconfig.engines.CedarFlowConfigAuthorizer;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.verifiedpermissions.VerifiedPermissionsClient;
import software.amazon.awssdk.services.verifiedpermissions.model.ResourceNotFoundException;

/** The FlowConfig function's own authorizer and SDK client, against the local endpoint, decide by the Cedar files. */
class VerifiedPermissionsEndpointIT {

    private static VerifiedPermissionsEndpoint endpoint;
    private static VerifiedPermissionsClient client;
    private static VerifiedPermissionsAuthorizer authorizer;

    @BeforeAll
    static void start() {
        endpoint = new VerifiedPermissionsEndpoint(new CedarFlowConfigAuthorizer(), TemplateValues.POLICY_STORE_ID, 0);
        client = AwsClients.build(VerifiedPermissionsClient.builder(), AwsClients.Timeouts.BACKGROUND,
                URI.create(endpoint.url()));
        authorizer = new VerifiedPermissionsAuthorizer(client, TemplateValues.POLICY_STORE_ID);
    }

    @AfterAll
    static void stop() {
        client.close();
        endpoint.close();
    }

    private static Caller caller(Set<String> read, Set<String> edit, Set<String> full) {
        return new Caller("sub-1", "someone", Set.of(), read, edit, full);
    }

    @Test
    void isAuthorizedFollowsTheLevels() {
        Caller reader = caller(Set.of("*"), Set.of(), Set.of());
        assertTrue(authorizer.isAllowed(reader, FlowConfigAction.READ, "main-queue"));
        assertFalse(authorizer.isAllowed(reader, FlowConfigAction.UPDATE_VALUES, "main-queue"));
        Caller editor = caller(Set.of(), Set.of("main-queue"), Set.of());
        assertTrue(authorizer.isAllowed(editor, FlowConfigAction.UPDATE_VALUES, "main-queue"));
        assertFalse(authorizer.isAllowed(editor, FlowConfigAction.UPDATE_STRUCTURE, "main-queue"));
        assertFalse(authorizer.isAllowed(editor, FlowConfigAction.READ, "sales-emea"));
        assertTrue(authorizer.isAllowed(caller(Set.of(), Set.of(), Set.of("sales-*")), FlowConfigAction.DELETE,
                "sales-emea"));
    }

    @Test
    void batchIsAuthorizedFiltersByPrefixScope() {
        Caller editor = caller(Set.of(), Set.of("sales-*"), Set.of());
        assertEquals(Set.of("sales-emea", "sales-apac"), authorizer.allowed(editor, FlowConfigAction.UPDATE_VALUES,
                List.of("sales-emea", "main-queue", "sales-apac", "+18005550100")));
    }

    @Test
    void theResponseNamesTheDeterminingPolicy() {
        var response = client.isAuthorized(request -> request.policyStoreId(TemplateValues.POLICY_STORE_ID)
                .principal(id -> id.entityType("ConnectConfig::User").entityId("u"))
                .action(action -> action.actionType("ConnectConfig::Action").actionId("Read"))
                .resource(id -> id.entityType("ConnectConfig::FlowConfig").entityId("main-queue"))
                .entities(entities -> entities.entityList(
                        item -> item.identifier(id -> id.entityType("ConnectConfig::User").entityId("u"))
                                .attributes(java.util.Map.of(
                                        "readScopes", set("*"), "editScopes", set(), "fullScopes", set())),
                        item -> item.identifier(id -> id.entityType("ConnectConfig::FlowConfig")
                                .entityId("main-queue")).attributes(java.util.Map.of("scopes", set("*"))))));
        assertEquals("ALLOW", response.decisionAsString());
        assertEquals(List.of("read"), response.determiningPolicies().stream().map(p -> p.policyId()).toList());
    }

    @Test
    void anotherPolicyStoreIsNotFound() {
        ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class, () -> client.isAuthorized(
                request -> request.policyStoreId("ps-123")
                        .principal(id -> id.entityType("ConnectConfig::User").entityId("u"))
                        .action(action -> action.actionType("ConnectConfig::Action").actionId("Read"))
                        .resource(id -> id.entityType("ConnectConfig::FlowConfig").entityId("x"))));
        assertTrue(e.getMessage().contains(TemplateValues.POLICY_STORE_ID), e.getMessage());
    }

    private static software.amazon.awssdk.services.verifiedpermissions.model.AttributeValue set(String... values) {
        return software.amazon.awssdk.services.verifiedpermissions.model.AttributeValue.fromSet(
                java.util.Arrays.stream(values).map(
                        software.amazon.awssdk.services.verifiedpermissions.model.AttributeValue::fromString).toList());
    }
}
