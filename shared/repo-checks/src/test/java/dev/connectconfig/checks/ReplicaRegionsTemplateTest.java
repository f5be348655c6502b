package dev.connectconfig.checks;

import static dev.connectconfig.checks.SamTransformTest.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectconfig.engines.CloudFormationTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Replica regions, read from template.yaml under its conditions: global tables replicated to ReplicaRegions (the same
 * keys, index and protection as the regional tables), a replica region's stack that uses its local replica by name
 * and creates none, and the primary region every stack names to its API and console (contract C1).
 */
class ReplicaRegionsTemplateTest {

    static final Map<String, String> GLOBAL = Map.of("FlowConfigTableType", "global",
            "FlowConfigTableName", "flow-configs", "FlowConfigHistoryTableName", "flow-config-history",
            "ReplicaRegions", "eu-west-1,ap-southeast-2");
    static final Map<String, String> REPLICA = Map.of("FlowConfigTableType", "existing",
            "FlowConfigTableName", "flow-configs", "FlowConfigHistoryTableName", "flow-config-history",
            "PrimaryRegion", "us-east-1");

    private final Map<String, Object> root = CloudFormationTemplate.load().root();
    private final TemplateReferences references = new TemplateReferences(root);

    @Test
    void byDefaultTheTablesAreRegionalAsBefore() {
        TemplateUnderConditions deployed = new TemplateUnderConditions(root, Map.of());

        assertEquals(List.of("FlowConfigHistoryTable", "FlowConfigTable"), deployed.ofType("AWS::DynamoDB::Table"));
        assertEquals(List.of(), deployed.ofType("AWS::DynamoDB::GlobalTable"));
        assertEquals(Map.of("Ref", "FlowConfigTable"), environment(deployed, "GetConfigFunction").get("FLOW_CONFIG_TABLE"));
        assertFalse(deployed.properties("FlowConfigTable").containsKey("StreamSpecification"));
    }

    @ParameterizedTest(name = "ReplicaRegions={0}")
    @CsvSource({"'eu-west-1,ap-southeast-2', 'us-east-1 eu-west-1 ap-southeast-2'", "eu-west-1, 'us-east-1 eu-west-1'"})
    void globalTablesHaveAReplicaHereAndInEachReplicaRegion(String replicaRegions, String regions) {
        Map<String, String> values = new LinkedHashMap<>(GLOBAL);
        values.put("ReplicaRegions", replicaRegions);
        assertEquals(List.of(), references.refusals(values));
        TemplateUnderConditions deployed = new TemplateUnderConditions(root, values);
        TemplateUnderConditions regional = new TemplateUnderConditions(root, Map.of());

        assertEquals(List.of(), deployed.ofType("AWS::DynamoDB::Table"));
        for (String[] pair : new String[][] {{"FlowConfigGlobalTable", "FlowConfigTable"},
                {"FlowConfigHistoryGlobalTable", "FlowConfigHistoryTable"}}) {
            Map<String, Object> global = deployed.properties(pair[0]);
            Map<String, Object> table = regional.properties(pair[1]);
            for (String same : List.of("AttributeDefinitions", "KeySchema", "GlobalSecondaryIndexes", "BillingMode",
                    "SSESpecification")) {
                assertEquals(table.get(same), global.get(same), pair[0] + " " + same);
            }
            assertEquals(Map.of("StreamViewType", "NEW_AND_OLD_IMAGES"), global.get("StreamSpecification"),
                    "replication reads the stream");
            List<String> replicaRegionsFound = new ArrayList<>();
            for (Object replica : (List<?>) global.get("Replicas")) {
                Object region = map(replica).get("Region");
                replicaRegionsFound.add(region instanceof Map<?, ?> ref && "AWS::Region".equals(ref.get("Ref"))
                        ? "us-east-1" : references.value(region, values));
                assertEquals(table.get("PointInTimeRecoverySpecification"),
                        map(replica).get("PointInTimeRecoverySpecification"), pair[0]);
                assertEquals(table.get("DeletionProtectionEnabled"), map(replica).get("DeletionProtectionEnabled"));
            }
            assertEquals(List.of(regions.split(" ")), replicaRegionsFound);
            Map<String, Object> resource = map(deployed.resources().get(pair[0]));
            assertEquals("Retain", resource.get("DeletionPolicy"));
            assertEquals("Retain", resource.get("UpdateReplacePolicy"));
        }
        assertEquals(Map.of("Ref", "FlowConfigTableName"), deployed.properties("FlowConfigGlobalTable").get("TableName"));
    }

    @Test
    void aReplicaRegionsStackCreatesNoTableAndReadsItsLocalReplicaByName() {
        TemplateUnderConditions deployed = new TemplateUnderConditions(root, REPLICA);
        String tableArn = "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/";

        assertEquals(List.of(), references.refusals(REPLICA));
        assertEquals(List.of(), deployed.ofType("AWS::DynamoDB::Table"));
        assertEquals(List.of(), deployed.ofType("AWS::DynamoDB::GlobalTable"));
        for (String function : List.of("GetConfigFunction", "FlowConfigFunction", "PreviewSpeechFunction")) {
            assertEquals(Map.of("Ref", "FlowConfigTableName"), environment(deployed, function).get("FLOW_CONFIG_TABLE"));
        }
        assertEquals(Map.of("Ref", "FlowConfigHistoryTableName"),
                environment(deployed, "FlowConfigFunction").get("FLOW_CONFIG_HISTORY_TABLE"));
        Map<String, Object> read = map(((List<?>) map(((List<?>) deployed.properties("GetConfigFunction")
                .get("Policies")).get(0)).get("Statement")).get(0));
        assertEquals(List.of("dynamodb:GetItem", "dynamodb:BatchGetItem"), read.get("Action"));
        assertEquals(Map.of("Fn::Sub", tableArn + "${FlowConfigTableName}"), read.get("Resource"),
                "its own region's replica, nothing else");
    }

    /** Contract C1: FlowConfig and the admin app learn the primary region; GetConfig and PreviewSpeech never write. */
    @Test
    void theApiAndTheConsoleAreToldThePrimaryRegion() {
        TemplateUnderConditions deployed = new TemplateUnderConditions(root, REPLICA);

        assertEquals(Map.of("Ref", "PrimaryRegion"), environment(deployed, "FlowConfigFunction").get("PRIMARY_REGION"));
        assertEquals(Map.of("Ref", "PrimaryRegion"), environment(deployed, "AdminAppFunction").get("PRIMARY_REGION"));
        assertFalse(environment(deployed, "GetConfigFunction").containsKey("PRIMARY_REGION"));
        assertFalse(environment(deployed, "PreviewSpeechFunction").containsKey("PRIMARY_REGION"));
        assertEquals("", map(SamTransformTest.section(root, "Parameters").get("PrimaryRegion")).get("Default"),
                "empty: this region is the primary");
    }

    @Test
    void tablesWithoutNamesOrReplicasOfRegionalTablesAreRefused() {
        assertTrue(references.refusals(Map.of("FlowConfigTableType", "global")).get(0)
                .startsWith("NamedTablesNeedTheirNames: "));
        assertTrue(references.refusals(Map.of("FlowConfigTableType", "existing", "FlowConfigTableName", "x"))
                .get(0).startsWith("NamedTablesNeedTheirNames: "));
        assertEquals(List.of("ReplicaRegionsNeedAGlobalTable: ReplicaRegions needs FlowConfigTableType=global."),
                references.refusals(Map.of("ReplicaRegions", "eu-west-1")));
        String pattern = String.valueOf(map(SamTransformTest.section(root, "Parameters").get("ReplicaRegions"))
                .get("AllowedPattern"));
        assertTrue("eu-west-1,ap-southeast-2".matches(pattern));
        assertFalse("eu-west-1,ap-southeast-2,us-west-2".matches(pattern), "at most two: the template has two slots");
        assertFalse("eu-west-1, us-west-2".matches(pattern));
    }

    private static Map<String, Object> environment(TemplateUnderConditions deployed, String function) {
        return map(CloudFormationTemplate.at(deployed.properties(function), "Environment", "Variables"));
    }
}
