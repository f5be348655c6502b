package dev.connectconfig.getconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectconfig.engines.CloudFormationTemplate;
import dev.connectconfig.testing.TemplateContract;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** template.yaml's promises about GetConfig, checked against the jar this module built and its source. */
class TemplateContractIT {

    @Test
    void handlerCodeUriAndEnvironmentMatchTheBuild() {
        assertEquals(Set.of("GetConfigFunction"), TemplateContract.verifyModule("functions/get-config"));
    }

    @Test
    void theEnvironmentCheckSeesWhatTheCodeReads() {
        Set<String> reads = TemplateContract.envReads(Path.of("src/main/java"));

        assertTrue(reads.containsAll(Set.of("FLOW_CONFIG_TABLE", "CACHE_TTL_SECONDS")), reads.toString());
    }

    @Test
    void theFunctionIsSnapStartedBehindAnAliasWithAShortTimeoutAndReadOnlyAccess() {
        Map<String, Object> function = CloudFormationTemplate.load().properties("GetConfigFunction");

        assertEquals("PublishedVersions", CloudFormationTemplate.at(function, "SnapStart", "ApplyOn"));
        assertEquals("live", function.get("AutoPublishAlias"));
        assertTrue((Integer) function.get("Timeout") < 8);
        // GetItem and BatchGetItem (a config with its calendars) on the table and nothing else: no Scan or Query
        // (SAM's DynamoDBReadPolicy would add them), no index, no history table.
        java.util.List<?> policies = (java.util.List<?>) function.get("Policies");
        assertEquals(1, policies.size());
        java.util.List<?> statements = (java.util.List<?>) ((Map<?, ?>) policies.get(0)).get("Statement");
        assertEquals(1, statements.size());
        assertEquals(java.util.List.of("dynamodb:GetItem", "dynamodb:BatchGetItem"),
                ((Map<?, ?>) statements.get(0)).get("Action"));
        // The stack's regional table, or the global or replica table named by FlowConfigTableName.
        assertEquals(Map.of("Fn::If", java.util.List.of("RegionalFlowConfigTables",
                Map.of("Fn::GetAtt", java.util.List.of("FlowConfigTable", "Arn")),
                Map.of("Fn::Sub", "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/"
                        + "${FlowConfigTableName}"))), ((Map<?, ?>) statements.get(0)).get("Resource"));
    }
}
