package dev.connectconfig.flowconfig;

import static dev.connectconfig.engines.CloudFormationTemplate.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectconfig.engines.CloudFormationTemplate;
import dev.connectconfig.testing.TemplateContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** template.yaml's promises about the FlowConfig API, checked against the built jar, the code and each other. */
class TemplateContractIT {

    private static final CloudFormationTemplate TEMPLATE = CloudFormationTemplate.load();

    @Test
    void handlerCodeUriAndEnvironmentMatchTheBuild() {
        assertEquals(Set.of("FlowConfigFunction"), TemplateContract.verifyModule("functions/flow-config"));
        assertTrue(TemplateContract.envReads(Path.of("src/main/java")).containsAll(Set.of("FLOW_CONFIG_TABLE",
                "FLOW_CONFIG_HISTORY_TABLE", "POLICY_STORE_ID", "CORS_ALLOWED_ORIGIN")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> events() {
        return (Map<String, Map<String, Object>>) TEMPLATE.properties("FlowConfigFunction").get("Events");
    }

    @Test
    void theTemplateRoutesExactlyTheRoutesTheHandlerServesAllOnTheSharedApi() {
        Set<String> routed = new HashSet<>();
        for (Map<String, Object> event : events().values()) {
            assertEquals("Api", event.get("Type"));
            Map<String, Object> properties = (Map<String, Object>) event.get("Properties");
            assertEquals(Map.of("Ref", "FlowConfigApi"), properties.get("RestApiId"));
            assertNull(properties.get("Auth"), "a route must not override the API's default authorizer");
            routed.add(((String) properties.get("Method")).toUpperCase() + " " + properties.get("Path"));
        }
        FlowConfigHandler handler = new FlowConfigHandler(FlowConfigFactory.build(null, null, Clock.systemUTC()), "*");
        Set<String> served = new HashSet<>();
        handler.routeKeys().forEach(served::add);

        assertEquals(served, routed);
    }

    @Test
    void everyRouteIsBehindTheCognitoAuthorizerAndBrowsersMayCallIt() {
        Map<String, Object> api = TEMPLATE.properties("FlowConfigApi");

        assertEquals("FlowConfigCognitoAuthorizer", at(api, "Auth", "DefaultAuthorizer"));
        Object pool = at(api, "Auth", "Authorizers", "FlowConfigCognitoAuthorizer", "UserPoolArn");
        assertEquals(Map.of("Fn::If", List.of("CreateUserPool", Map.of("Fn::GetAtt", List.of("FlowConfigUserPool",
                "Arn")), Map.of("Ref", "UserPoolArn"))), pool);
        assertEquals(Boolean.FALSE, at(api, "Auth", "AddDefaultAuthorizerToCorsPreflight"));
        String allowHeaders = (String) at(api, "Cors", "AllowHeaders");
        for (String header : List.of("Authorization", "Content-Type", "If-Match", "If-None-Match")) {
            assertTrue(allowHeaders.contains(header), header);
        }
        assertNotNull(at(api, "GatewayResponses", "DEFAULT_4XX"));
        assertEquals(Map.of("Fn::GetAtt", List.of("FlowConfigApiAccessLogGroup", "Arn")),
                at(api, "AccessLogSetting", "DestinationArn"));
        assertEquals(Map.of("Ref", "LogRetentionInDays"),
                TEMPLATE.properties("FlowConfigApiAccessLogGroup").get("RetentionInDays"));
        assertEquals("CreateUserPool", ((Map<?, ?>) TEMPLATE.resources().get("FlowConfigUserPool")).get("Condition"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void usersCannotWriteTheirOwnScopeAttributes() {
        // Without a company identity provider, and with one (then only custom:fc_groups, which the provider's mapping
        // writes at each sign-in; shared/repo-checks IdentityProviderTemplateTest shows no user token can write it).
        List<?> branches = (List<?>) ((Map<String, Object>) TEMPLATE.properties("FlowConfigUserPoolClient")
                .get("WriteAttributes")).get("Fn::If");
        List<?> withProvider = (List<?>) branches.get(1);
        List<?> without = (List<?>) branches.get(2);

        assertEquals("UseIdentityProvider", branches.get(0));
        assertFalse(without.stream().anyMatch(a -> a.toString().startsWith("custom:")), without.toString());
        assertEquals(List.of("custom:fc_groups"), withProvider.stream().filter(a -> a.toString().startsWith("custom:"))
                .toList());
    }

    @Test
    @SuppressWarnings("unchecked")
    void accessIsLeastPrivilegeNoScanAndHistoryIsAppendOnly() {
        List<Map<String, Object>> statements = (List<Map<String, Object>>) ((Map<String, Object>)
                ((List<?>) TEMPLATE.properties("FlowConfigFunction").get("Policies")).get(0)).get("Statement");
        List<String> actions = new ArrayList<>();
        Map<String, Object> history = null;
        for (Map<String, Object> statement : statements) {
            Object action = statement.get("Action");
            List<String> list = action instanceof List<?> l ? (List<String>) l : List.of((String) action);
            actions.addAll(list);
            if ("FlowConfigHistory".equals(statement.get("Sid"))) {
                history = statement;
            }
            assertFalse(String.valueOf(statement.get("Resource")).contains("*"), statement.toString());
        }
        assertFalse(actions.contains("dynamodb:Scan"));
        assertFalse(actions.stream().anyMatch(a -> a.endsWith(":*")), actions.toString());
        assertTrue(actions.contains("verifiedpermissions:IsAuthorized"));
        assertNotNull(history);
        assertFalse(((List<?>) history.get("Action")).contains("dynamodb:DeleteItem"));
        assertFalse(((List<?>) history.get("Action")).contains("dynamodb:UpdateItem"));
    }

    @Test
    void theHistoryTableIsProtectedLikeTheMainTable() {
        Map<String, Object> main = TEMPLATE.properties("FlowConfigTable");
        Map<String, Object> history = TEMPLATE.properties("FlowConfigHistoryTable");

        for (String protection : List.of("PointInTimeRecoverySpecification", "SSESpecification",
                "DeletionProtectionEnabled")) {
            assertEquals(main.get(protection), history.get(protection), protection);
        }
        assertEquals("Retain", ((Map<?, ?>) TEMPLATE.resources().get("FlowConfigHistoryTable")).get("DeletionPolicy"));
    }

    @Test
    void theApiUrlIsAnOutput() {
        Map<?, ?> output = (Map<?, ?>) at(TEMPLATE.root(), "Outputs", "FlowConfigApiUrl");

        assertTrue(output.get("Value").toString().contains("FlowConfigApi"), output.toString());
    }

    @Test
    void cedarStaysOutOfTheDeployedJar() throws IOException {
        Path jar = Path.of("target/flow-config.jar");
        assertTrue(Files.isRegularFile(jar));
        try (JarFile file = new JarFile(jar.toFile())) {
            assertTrue(file.stream().noneMatch(e -> e.getName().startsWith("com/cedarpolicy/")
                    || e.getName().contains("cedar_java_ffi")));
            assertNotNull(file.getEntry("software/amazon/awssdk/services/verifiedpermissions/"
                    + "VerifiedPermissionsClient.class"));
        }
    }
}
