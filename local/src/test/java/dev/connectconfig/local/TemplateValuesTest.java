package dev.connectconfig.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectconfig.engines.CloudFormationTemplate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateValuesTest {

    private final CloudFormationTemplate cloudFormation = CloudFormationTemplate.load();
    private final SamTemplate template = new SamTemplate(cloudFormation,
            new TemplateValues(cloudFormation, LocalSystem.LOCAL_PARAMETERS));

    @Test
    void flowConfigGetsTheLocalTablesPolicyStoreAndOrigin() {
        Map<String, String> environment = template.function("FlowConfigFunction").orElseThrow().environment();
        assertEquals("FlowConfigTable", environment.get("FLOW_CONFIG_TABLE"));
        assertEquals("FlowConfigHistoryTable", environment.get("FLOW_CONFIG_HISTORY_TABLE"));
        assertEquals(TemplateValues.POLICY_STORE_ID, environment.get("POLICY_STORE_ID"));
        assertEquals("*", environment.get("CORS_ALLOWED_ORIGIN"));
        assertEquals("flow-config", environment.get("POWERTOOLS_SERVICE_NAME"));
    }

    @Test
    void globalsApplyAndAFunctionsOwnVariableWins() {
        Map<String, String> getConfig = template.function("GetConfigFunction").orElseThrow().environment();
        assertEquals("ConnectConfig", getConfig.get("METRICS_NAMESPACE"));
        assertEquals("INFO", getConfig.get("LOG_LEVEL"));
        assertEquals("-XX:+TieredCompilation -XX:TieredStopAtLevel=1", getConfig.get("JAVA_TOOL_OPTIONS"));
        assertEquals("-XX:+TieredCompilation",
                template.function("UsersExportFunction").orElseThrow().environment().get("JAVA_TOOL_OPTIONS"));
    }

    @Test
    void theLocalCacheTtlIsZeroUnlessOverridden() {
        assertEquals("0", template.function("GetConfigFunction").orElseThrow().environment().get("CACHE_TTL_SECONDS"));
        CloudFormationTemplate fresh = CloudFormationTemplate.load();
        SamTemplate overridden = new SamTemplate(fresh, new TemplateValues(fresh, Map.of("CacheTtlSeconds", "45")));
        assertEquals("45", overridden.function("GetConfig").orElseThrow().environment().get("CACHE_TTL_SECONDS"));
    }

    @Test
    void conditionsIfAndSubWithVariablesResolve() {
        Map<String, String> export = template.function("UsersExportFunction").orElseThrow().environment();
        assertEquals("s3://local-athenaresultsbucket/athena-results/", export.get("ATHENA_OUTPUT_LOCATION"));
        // A Glue database's and an Athena workgroup's Ref is the name the template gives them.
        assertEquals("connect_analytics_consumer", export.get("ANALYTICS_DATABASE"));
        assertEquals("local-analytics", export.get("ATHENA_WORKGROUP"));
        assertEquals("", export.get("EXPORT_COLUMNS"));
        // UsersExportCreateBucket is EnableAnalytics (on locally) and no bucket name given: the stack's own bucket.
        assertTrue(template.values().condition("EnableAnalytics"));
        assertTrue(template.values().condition("UsersExportCreateBucket"));
        assertEquals("local-usersexportbucket", export.get("EXPORT_BUCKET"));

        CloudFormationTemplate fresh = CloudFormationTemplate.load();
        SamTemplate analyticsOff = new SamTemplate(fresh, new TemplateValues(fresh, Map.of("EnableAnalytics",
                "false")));
        assertFalse(analyticsOff.values().condition("UsersExportCreateBucket"));
        assertEquals("", analyticsOff.function("UsersExportFunction").orElseThrow().environment().get("EXPORT_BUCKET"));
    }

    @Test
    void everyFunctionsEnvironmentIsPlainText() {
        for (SamTemplate.LambdaFunction function : template.functions()) {
            assertFalse(function.environment().isEmpty(), function.logicalId());
            function.environment().forEach((name, value) -> assertFalse(value.contains("Fn::") || value.contains("Ref"),
                    function.logicalId() + " " + name + "=" + value));
            assertTrue(function.codeUri().endsWith(".jar"), function.codeUri());
            assertTrue(function.timeoutSeconds() > 0);
        }
    }

    @Test
    void subKeepsEscapedNamesAndResolvesAttributes() {
        TemplateValues values = template.values();
        assertEquals("${Literal} in local/us-east-1", values.resolve(Map.of("Fn::Sub",
                "${!Literal} in ${AWS::StackName}/${AWS::Region}")));
        assertEquals("arn:aws:local:us-east-1:123456789012:local-UsersExportDeadLetterQueue",
                values.resolve(Map.of("Fn::GetAtt", List.of("UsersExportDeadLetterQueue", "Arn"))));
        assertEquals(List.of("a", "b"), values.resolve(Map.of("Fn::Split", List.of(",", "a,b"))));
    }

    @Test
    void theStackIdIsALocalStacksArnWhichTheCustomResourceFunctionsAreGiven() {
        String stackId =
                "arn:aws:cloudformation:us-east-1:123456789012:stack/local/00000000-0000-0000-0000-000000000000";

        assertEquals(stackId, template.values().resolve(Map.of("Ref", "AWS::StackId")));
        assertEquals(stackId, template.function("GrantPermissionsFunction").orElseThrow().environment()
                .get("STACK_ID"));
        assertEquals(stackId, template.function("ResourceLinkCreatorFunction").orElseThrow().environment()
                .get("STACK_ID"));
    }

    @Test
    void anUnknownParameterOverrideIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TemplateValues(cloudFormation, Map.of("CacheTtl", "1")));
        assertEquals("template.yaml has no parameter CacheTtl", e.getMessage());
    }
}
