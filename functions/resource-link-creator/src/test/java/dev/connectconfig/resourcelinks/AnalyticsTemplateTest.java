package dev.connectconfig.resourcelinks;

import static dev.connectconfig.engines.CloudFormationTemplate.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectconfig.platform.datalake.ConnectDataLake;
import dev.connectconfig.engines.CloudFormationTemplate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The consumer-side analytics part of template.yaml: what the issue asks of it, read as CloudFormation reads it. */
class AnalyticsTemplateTest {

    private static final CloudFormationTemplate TEMPLATE = CloudFormationTemplate.load();
    private static final List<String> ANALYTICS_RESOURCES = List.of("AnalyticsConsumerDatabase",
            "AthenaResultsBucket", "AthenaResultsBucketPolicy", "AnalyticsWorkGroup", "ResourceLinkCreatorFunction",
            "ResourceLinkCreatorLogGroup", "GrantPermissionsFunction", "GrantPermissionsLogGroup");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> resource(String logicalId) {
        return (Map<String, Object>) TEMPLATE.resources().get(logicalId);
    }

    private static Object parameterDefault(String name) {
        return at(TEMPLATE.root(), "Parameters", name, "Default");
    }

    @Test
    void parameterDefaultsAreTheDataLakesRealNamesAndMatchTheCode() {
        List<String> tables = Arrays.asList(((String) parameterDefault("DataLakeTables")).split(","));

        assertEquals(ConnectDataLake.DEFAULT_TABLES, tables);
        assertFalse(tables.stream().anyMatch(List.of("contacts", "agent_metrics", "queue_metrics",
                "contacts_record")::contains), "names that are not data lake tables");
        assertEquals(ConnectDataLake.DEFAULT_PRODUCER_DATABASE, parameterDefault("ProducerDatabaseName"));
        assertEquals(ConnectDataLake.DEFAULT_CONSUMER_DATABASE, parameterDefault("ConsumerDatabaseName"));
        assertEquals(ConnectDataLake.DEFAULT_LINK_SUFFIX, parameterDefault("ResourceLinkSuffix"));
        assertEquals("false", parameterDefault("EnableAnalytics"));
    }

    @Test
    void everyAnalyticsResourceAndOutputIsBehindTheEnableAnalyticsCondition() {
        assertEquals(Map.of("Fn::Equals", List.of(Map.of("Ref", "EnableAnalytics"), "true")),
                at(TEMPLATE.root(), "Conditions", "EnableAnalytics"));
        for (String logicalId : ANALYTICS_RESOURCES) {
            assertEquals("EnableAnalytics", resource(logicalId).get("Condition"), logicalId);
        }
        // Links and grants both need the setup role to be a Lake Formation administrator, which the first
        // deployment (ManageLakeFormationGrants=false) makes possible: they come with the second.
        assertEquals("AnalyticsGrantsEnabled", resource("AnalyticsGrants").get("Condition"));
        assertEquals("AnalyticsGrantsEnabled", resource("AnalyticsResourceLinks").get("Condition"));
        assertTrue(at(TEMPLATE.root(), "Conditions", "AnalyticsGrantsEnabled").toString()
                .contains("{Condition=EnableAnalytics}"));
        for (String output : List.of("AnalyticsDatabaseName", "AnalyticsWorkGroupName", "AthenaResultsBucketName",
                "GrantPermissionsRoleArn")) {
            assertEquals("EnableAnalytics", at(TEMPLATE.root(), "Outputs", output, "Condition"), output);
        }
        assertEquals("AnalyticsGrantsEnabled", at(TEMPLATE.root(), "Outputs", "AnalyticsResourceLinkNames",
                "Condition"));
        assertEquals(Map.of("Fn::GetAtt", List.of("AnalyticsResourceLinks", "LinkNames")),
                at(TEMPLATE.root(), "Outputs", "AnalyticsResourceLinkNames", "Value"));
    }

    @Test
    void theLinksResourcePassesEveryParameterToTheFunction() {
        Map<String, Object> links = TEMPLATE.properties("AnalyticsResourceLinks");

        assertEquals("Custom::ResourceLinks", resource("AnalyticsResourceLinks").get("Type"));
        assertEquals(Map.of("Fn::GetAtt", List.of("ResourceLinkCreatorFunction", "Arn")), links.get("ServiceToken"));
        assertEquals(Map.of("Ref", "AnalyticsConsumerDatabase"), links.get("ConsumerDatabase"));
        assertEquals(Map.of("Ref", "DataLakeTables"), links.get("Tables"));
        assertEquals(Map.of("Ref", "ProducerAccountId"), links.get(ResourceLinkSpec.PRODUCER_ACCOUNT_ID));
        assertEquals(Map.of("Ref", "ResourceLinkSuffix"), links.get(ResourceLinkSpec.LINK_SUFFIX));
        assertEquals(Map.of("Ref", "MissingDataLakeTables"), links.get(ResourceLinkSpec.MISSING_TABLES));
    }

    @Test
    void theLinksFunctionsEnvironmentSetsEveryDecidingPropertyToTheSameValue() {
        Map<String, Object> links = TEMPLATE.properties("AnalyticsResourceLinks");
        Map<?, ?> variables = (Map<?, ?>) at(TEMPLATE.properties("ResourceLinkCreatorFunction"), "Environment",
                "Variables");

        assertEquals(Map.of("Ref", "AWS::StackId"), variables.get(ResourceLinkSpec.STACK_ID_VARIABLE));
        for (var variable : ResourceLinkSpec.VARIABLES) {
            Object property = links.get(variable.property());
            assertEquals(variable.isList() ? Map.of("Fn::Join", List.of(",", property)) : property,
                    variables.get(variable.variable()), variable.variable());
        }
    }

    @Test
    void theGrantsFunctionsEnvironmentSetsEveryDecidingPropertyToTheSameValue() {
        Map<String, Object> grants = TEMPLATE.properties("AnalyticsGrants");
        Map<?, ?> variables = (Map<?, ?>) at(TEMPLATE.properties("GrantPermissionsFunction"), "Environment",
                "Variables");

        assertEquals(Map.of("Ref", "AWS::StackId"), variables.get("STACK_ID"));
        assertEquals(grants.get("PrincipalArn"), variables.get("GRANT_PRINCIPAL_ARN"));
        assertEquals(grants.get("ProducerAccountId"), variables.get("PRODUCER_ACCOUNT_ID"));
        assertEquals(grants.get("ProducerDatabase"), variables.get("PRODUCER_DATABASE"));
        assertEquals(grants.get("LinkSuffix"), variables.get("LINK_SUFFIX"));
        // The links' own attributes, read where the grants resource reads them (the function exists without them).
        assertEquals(Map.of("Ref", "AnalyticsConsumerDatabase"), variables.get("CONSUMER_DATABASE"));
        assertEquals(Map.of("Fn::GetAtt", List.of("AnalyticsResourceLinks", "ConsumerDatabase")),
                grants.get("ConsumerDatabase"));
        assertEquals(Map.of("Fn::If", List.of("AnalyticsGrantsEnabled", Map.of("Fn::GetAtt",
                List.of("AnalyticsResourceLinks", "LinkedTables")), "")), variables.get("LINKED_TABLES"));
    }

    @Test
    void grantsComeAfterTheLinksForTheExportRoleByDefault() {
        Map<String, Object> grants = TEMPLATE.properties("AnalyticsGrants");

        assertEquals("Custom::LakeFormationGrants", resource("AnalyticsGrants").get("Type"));
        // Reading the links' attributes makes CloudFormation create the links first.
        assertEquals(Map.of("Fn::Split", List.of(",", Map.of("Fn::GetAtt", List.of("AnalyticsResourceLinks",
                "LinkedTables")))), grants.get("Tables"));
        assertEquals(Map.of("Fn::If", List.of("HasAnalyticsPrincipalArn", Map.of("Ref", "AnalyticsPrincipalArn"),
                Map.of("Fn::GetAtt", List.of("UsersExportFunctionRole", "Arn")))), grants.get("PrincipalArn"));
    }

    @Test
    void theDefaultPrincipalIsTheExportRoleWhichExistsWheneverTheGrantsDo() {
        // SAM makes UsersExportFunctionRole only for a function without a Role, and only under its Condition.
        assertEquals("EnableAnalytics", resource("UsersExportFunction").get("Condition"));
        assertFalse(TEMPLATE.properties("UsersExportFunction").containsKey("Role"));
        assertEquals(Map.of("Fn::And", List.of(Map.of("Condition", "EnableAnalytics"),
                Map.of("Fn::Equals", List.of(Map.of("Ref", "ManageLakeFormationGrants"), "true")))),
                at(TEMPLATE.root(), "Conditions", "AnalyticsGrantsEnabled"));
    }

    @Test
    void customResourcesAnswerWithinServiceTimeoutAboveTheFunctionsTimeout() {
        for (String[] pair : new String[][] {{"AnalyticsResourceLinks", "ResourceLinkCreatorFunction"},
                {"AnalyticsGrants", "GrantPermissionsFunction"}}) {
            int serviceTimeout = (Integer) TEMPLATE.properties(pair[0]).get("ServiceTimeout");
            int functionTimeout = (Integer) TEMPLATE.properties(pair[1]).get("Timeout");
            assertTrue(serviceTimeout > functionTimeout && serviceTimeout < 3600, pair[0]);
        }
    }

    @Test
    void theResultsBucketIsEncryptedPrivateOwnerEnforcedTlsOnlyAndExpiresResults() {
        Map<String, Object> bucket = TEMPLATE.properties("AthenaResultsBucket");

        assertEquals("AES256", at(((List<?>) at(bucket, "BucketEncryption", "ServerSideEncryptionConfiguration"))
                .get(0), "ServerSideEncryptionByDefault", "SSEAlgorithm"));
        assertEquals(Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true,
                "RestrictPublicBuckets", true), bucket.get("PublicAccessBlockConfiguration"));
        assertEquals(List.of(Map.of("ObjectOwnership", "BucketOwnerEnforced")), at(bucket, "OwnershipControls",
                "Rules"));
        Object expiry = ((List<?>) at(bucket, "LifecycleConfiguration", "Rules")).get(0);
        assertEquals(Map.of("Ref", "AthenaResultsRetentionDays"), at(expiry, "ExpirationInDays"));
        assertEquals("athena-results/", at(expiry, "Prefix"));

        Object statement = ((List<?>) at(TEMPLATE.properties("AthenaResultsBucketPolicy"), "PolicyDocument",
                "Statement")).get(0);
        assertEquals("Deny", at(statement, "Effect"));
        assertEquals("false", at(statement, "Condition", "Bool", "aws:SecureTransport"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theWorkgroupEnforcesItsEncryptedResultLocationAndPublishesMetrics() {
        Map<String, Object> configuration = (Map<String, Object>) TEMPLATE.properties("AnalyticsWorkGroup")
                .get("WorkGroupConfiguration");

        assertEquals(true, configuration.get("EnforceWorkGroupConfiguration"));
        assertEquals(true, configuration.get("PublishCloudWatchMetricsEnabled"));
        assertEquals(Map.of("Fn::Sub", "s3://${AthenaResultsBucket}/athena-results/"),
                at(configuration, "ResultConfiguration", "OutputLocation"));
        assertEquals("SSE_S3", at(configuration, "ResultConfiguration", "EncryptionConfiguration",
                "EncryptionOption"));
    }

    @Test
    void theLinkCreatorRunsAsTheOneSetupRoleThatIsMadeALakeFormationAdministrator() {
        // In the consumer account only Lake Formation administrators and principals granted permissions see the
        // shared database: the links are made by the same role docs/platform-team.md makes an administrator.
        assertEquals(Map.of("Fn::GetAtt", List.of("GrantPermissionsFunctionRole", "Arn")),
                TEMPLATE.properties("ResourceLinkCreatorFunction").get("Role"));
        assertFalse(TEMPLATE.properties("ResourceLinkCreatorFunction").containsKey("Policies"));
        assertEquals(Map.of("Fn::GetAtt", List.of("GrantPermissionsFunctionRole", "Arn")),
                at(TEMPLATE.root(), "Outputs", "GrantPermissionsRoleArn", "Value"));
    }

    @Test
    void glueAccessIsLimitedToTheConsumerDatabaseAndTheProducersDataLake() {
        List<?> statements = ((List<?>) at(((List<?>) TEMPLATE.properties("GrantPermissionsFunction")
                .get("Policies")).get(0), "Statement")).subList(2, 4);

        for (Object statement : statements) {
            List<?> resources = (List<?>) at(statement, "Resource");
            assertFalse(resources.contains("*"), statement.toString());
            for (Object arn : resources) {
                String sub = (String) ((Map<?, ?>) arn).get("Fn::Sub");
                assertTrue(sub.endsWith(":catalog") || sub.contains("database/${ConsumerDatabaseName}")
                        || sub.contains("table/${ConsumerDatabaseName}/*")
                        || sub.contains("database/${ProducerDatabaseName}")
                        || sub.contains("table/${ProducerDatabaseName}/*"), sub);
            }
        }
        List<?> writes = (List<?>) at(statements.get(0), "Action");
        assertTrue(writes.containsAll(List.of("glue:CreateTable", "glue:UpdateTable", "glue:BatchDeleteTable")));
        assertTrue(at(statements.get(0), "Resource").toString().contains("ConsumerDatabaseName"));
        assertFalse(at(statements.get(1), "Action").toString().contains("Create"),
                "the producer's catalog is only read");
    }

    @Test
    void theGrantsFunctionMayOnlyGrantRevokeAndListInLakeFormation() {
        List<?> statements = (List<?>) at(((List<?>) TEMPLATE.properties("GrantPermissionsFunction")
                .get("Policies")).get(0), "Statement");

        assertEquals(List.of("lakeformation:BatchGrantPermissions", "lakeformation:BatchRevokePermissions",
                "lakeformation:ListPermissions"), at(statements.get(0), "Action"));
        assertEquals(List.of("glue:GetDatabase", "glue:GetTable"), at(statements.get(1), "Action"));
    }
}
