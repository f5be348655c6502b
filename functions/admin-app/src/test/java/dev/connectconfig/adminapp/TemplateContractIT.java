package dev.connectconfig.adminapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectconfig.engines.CloudFormationTemplate;
import dev.connectconfig.testing.TemplateContract;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** template.yaml's promises about the admin app, checked against the built jar and the code. */
class TemplateContractIT {

    private static final CloudFormationTemplate TEMPLATE = CloudFormationTemplate.load();
    private static final Map<String, Object> FUNCTION = TEMPLATE.properties("AdminAppFunction");

    @Test
    void handlerCodeUriAndEnvironmentMatchTheBuild() {
        assertEquals(Set.of("AdminAppFunction"), TemplateContract.verifyModule("functions/admin-app"));
        assertEquals(Set.of("SIGN_IN", "COGNITO_DOMAIN_URL", "FRAME_ANCESTORS", "IDENTITY_PROVIDER", "PRIMARY_REGION"),
                TemplateContract.envReads(Path.of("src/main/java")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void onlyThePageAndItsFilesAreServedWithoutTheAuthorizerOnTheApisOrigin() {
        Map<String, Map<String, Object>> events = (Map<String, Map<String, Object>>) FUNCTION.get("Events");
        Set<String> routes = new TreeSet<>();
        events.values().forEach(event -> {
            Map<String, Object> properties = (Map<String, Object>) event.get("Properties");
            assertEquals(Map.of("Ref", "FlowConfigApi"), properties.get("RestApiId"));
            assertEquals("NONE", CloudFormationTemplate.at(properties, "Auth", "Authorizer"));
            routes.add(properties.get("Method") + " " + properties.get("Path"));
        });

        assertEquals(Set.of("GET /app", "GET /app/{proxy+}"), routes);
        assertNull(FUNCTION.get("Policies"), "the app function calls no AWS service");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theUserPoolClientSignsInWithTheCodeFlowBackToTheAppsPage() {
        Map<String, Object> client = TEMPLATE.properties("FlowConfigUserPoolClient");

        assertEquals(java.util.List.of("code"), client.get("AllowedOAuthFlows"));
        Object callback = ((java.util.List<Object>) client.get("CallbackURLs")).get(0);
        assertTrue(String.valueOf(callback).endsWith("/${ApiStageName}/app}"), String.valueOf(callback));
        assertEquals(client.get("CallbackURLs"), client.get("LogoutURLs"));
        assertEquals("CreateUserPool", TEMPLATE.resources().get("FlowConfigUserPoolDomain") instanceof Map<?, ?> m
                ? m.get("Condition") : null);
    }

    @Test
    void theAppIsRegisteredWithTheConnectInstanceOnlyWhenAskedAndFramable() {
        Map<String, Object> application = castMap((Map<?, ?>) TEMPLATE.resources().get("AdminAppConnectApplication"));
        Map<String, Object> association = castMap((Map<?, ?>) TEMPLATE.resources().get("AdminAppConnectAssociation"));

        assertEquals("AdminAppInConnect", application.get("Condition"));
        assertEquals("AdminAppInConnect", association.get("Condition"));
        assertEquals(Map.of("Fn::And", java.util.List.of(Map.of("Condition", "AdminAppFramedByConnect"),
                Map.of("Fn::Equals", java.util.List.of(Map.of("Ref", "RegisterAdminAppInConnect"), "true")))),
                ((Map<?, ?>) TEMPLATE.root().get("Conditions")).get("AdminAppInConnect"));
        Object appUrl = ((java.util.List<?>) TEMPLATE.properties("FlowConfigUserPoolClient").get("CallbackURLs"))
                .get(0);
        assertEquals(appUrl, CloudFormationTemplate.at(application, "Properties", "ApplicationSourceConfig", "ExternalUrlConfig",
                        "AccessUrl"), "the workspace opens the app's own URL");
        assertEquals(Map.of("Ref", "ConnectInstanceArn"), CloudFormationTemplate.at(association, "Properties",
                "InstanceId"));
        assertEquals("APPLICATION", CloudFormationTemplate.at(association, "Properties", "IntegrationType"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
