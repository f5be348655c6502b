package dev.connectconfig.usersexport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectconfig.platform.datalake.ConnectDataLake;
import dev.connectconfig.engines.CloudFormationTemplate;
import dev.connectconfig.testing.TemplateContract;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** template.yaml's promises about UsersExport, checked against the jar this module built and its source. */
class TemplateContractIT {

    private static final CloudFormationTemplate TEMPLATE = CloudFormationTemplate.load();
    private static final Map<String, Object> FUNCTION = TEMPLATE.properties("UsersExportFunction");

    private static Map<String, Object> getAtt(String logicalId, String attribute) {
        return Map.of("Fn::GetAtt", List.of(logicalId, attribute));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> policyStatements() {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy : (List<Object>) FUNCTION.get("Policies")) {
            statements.addAll((List<Map<String, Object>>) ((Map<String, Object>) policy).get("Statement"));
        }
        return statements;
    }

    private static Map<String, Object> statement(String sid) {
        return policyStatements().stream().filter(s -> sid.equals(s.get("Sid"))).findFirst()
                .orElseThrow(() -> new AssertionError("no policy statement " + sid));
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of(value);
    }

    @Test
    void handlerCodeUriAndEnvironmentMatchTheBuild() {
        assertEquals(Set.of("UsersExportFunction"), TemplateContract.verifyModule("functions/users-export"));
    }

    @Test
    void theEnvironmentCheckSeesWhatTheCodeReads() {
        Set<String> reads = TemplateContract.envReads(Path.of("src/main/java"));

        assertEquals(Set.of("ANALYTICS_DATABASE", "USERS_TABLE", "ATHENA_WORKGROUP", "ATHENA_OUTPUT_LOCATION",
                "EXPORT_BUCKET", "EXPORT_PREFIX", "EXPORT_FORMAT", "EXPORT_COLUMNS"), reads);
    }

    @Test
    void theFunctionRunsNearLambdasLimitAndFailedRunsEndInTheDeadLetterQueue() {
        int timeout = (Integer) FUNCTION.get("Timeout");
        assertTrue(timeout >= 840 && timeout <= 900, "timeout " + timeout);
        assertEquals(2, CloudFormationTemplate.at(FUNCTION, "EventInvokeConfig", "MaximumRetryAttempts"));
        assertEquals(getAtt("UsersExportDeadLetterQueue", "Arn"), CloudFormationTemplate.at(FUNCTION,
                "EventInvokeConfig", "DestinationConfig", "OnFailure", "Destination"));
        assertEquals(Map.of("Ref", "UsersExportLogGroup"), CloudFormationTemplate.at(FUNCTION, "LoggingConfig",
                "LogGroup"));
        assertEquals(Map.of("Ref", "LogRetentionInDays"), TEMPLATE.properties("UsersExportLogGroup")
                .get("RetentionInDays"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theNightlyScheduleIsAParameterWithRetriesAndADeadLetterQueue() {
        Map<String, Object> parameter = (Map<String, Object>) ((Map<String, Object>) TEMPLATE.root()
                .get("Parameters")).get("UsersExportScheduleExpression");
        assertEquals("cron(0 2 * * ? *)", parameter.get("Default"));

        Map<String, Object> rule = TEMPLATE.properties("UsersExportScheduleRule");
        assertEquals(Map.of("Ref", "UsersExportScheduleExpression"), rule.get("ScheduleExpression"));
        Map<String, Object> target = (Map<String, Object>) ((List<Object>) rule.get("Targets")).get(0);
        assertEquals(getAtt("UsersExportFunction", "Arn"), target.get("Arn"));
        assertTrue((Integer) CloudFormationTemplate.at(target, "RetryPolicy", "MaximumRetryAttempts") > 0);
        assertEquals(getAtt("UsersExportDeadLetterQueue", "Arn"), CloudFormationTemplate.at(target,
                "DeadLetterConfig", "Arn"));

        Map<String, Object> permission = TEMPLATE.properties("UsersExportSchedulePermission");
        assertEquals("events.amazonaws.com", permission.get("Principal"));
        assertEquals(getAtt("UsersExportScheduleRule", "Arn"), permission.get("SourceArn"));
        Map<String, Object> queuePolicy = (Map<String, Object>) ((List<Object>) CloudFormationTemplate.at(
                TEMPLATE.properties("UsersExportDeadLetterQueuePolicy"), "PolicyDocument", "Statement")).get(0);
        assertEquals(getAtt("UsersExportScheduleRule", "Arn"), CloudFormationTemplate.at(queuePolicy, "Condition",
                "ArnEquals", "aws:SourceArn"));
    }

    @Test
    void anAlarmWatchesTheFunctionsErrorsAndAnotherTheDeadLetterQueue() {
        Map<String, Object> errors = TEMPLATE.properties("UsersExportErrorsAlarm");
        assertEquals("AWS/Lambda", errors.get("Namespace"));
        assertEquals("Errors", errors.get("MetricName"));
        assertEquals(List.of(Map.of("Name", "FunctionName", "Value", Map.of("Ref", "UsersExportFunction"))),
                errors.get("Dimensions"));

        Map<String, Object> deadLetters = TEMPLATE.properties("UsersExportDeadLetterAlarm");
        assertEquals("ApproximateNumberOfMessagesVisible", deadLetters.get("MetricName"));
    }

    @Test
    void permissionsNameTheirResourcesAndNoWildcardActions() {
        for (Map<String, Object> statement : policyStatements()) {
            for (Object action : list(statement.get("Action"))) {
                assertFalse(String.valueOf(action).contains("*"), statement.get("Sid") + ": " + action);
            }
            if (list(statement.get("Resource")).contains("*")) {
                assertEquals(List.of("lakeformation:GetDataAccess"), list(statement.get("Action")),
                        "only GetDataAccess, which has no resource-level scope, may use Resource '*'");
            }
        }
        assertTrue(String.valueOf(statement("WriteTheExport").get("Resource"))
                .contains("${Bucket}/${UsersExportPrefix}/*"), "writes stay under the export prefix");
        assertEquals(Map.of("Fn::Sub", "${UsersExportPrefix}/*"), CloudFormationTemplate.at(
                statement("ListTheExportDays"), "Condition", "StringLike", "s3:prefix"));
    }

    @Test
    void theExportQueriesTheUsersLinkOfTheAnalyticsDatabaseInTheAnalyticsWorkgroup() {
        Map<String, Object> variables = variables();

        assertEquals(Map.of("Ref", "AnalyticsConsumerDatabase"), variables.get(ExportSettings.DATABASE_VARIABLE));
        assertEquals(Map.of("Fn::Sub", ExportSettings.DATA_LAKE_TABLE + "${ResourceLinkSuffix}"),
                variables.get(ExportSettings.TABLE_VARIABLE));
        assertEquals(Map.of("Ref", "AnalyticsWorkGroup"), variables.get(ExportSettings.WORKGROUP_VARIABLE));
        // The link is one of those the links resource makes: its table is in the default list.
        assertTrue(ConnectDataLake.DEFAULT_TABLES.contains(ExportSettings.DATA_LAKE_TABLE));
        assertTrue(List.of(String.valueOf(parameterDefault("DataLakeTables")).split(","))
                .contains(ExportSettings.DATA_LAKE_TABLE), "DataLakeTables links the users table by default");

        assertEquals(Map.of("Fn::Sub", "arn:${AWS::Partition}:athena:${AWS::Region}:${AWS::AccountId}:workgroup/"
                + "${AnalyticsWorkGroup}"), statement("RunTheExportQuery").get("Resource"));
        assertEquals(List.of(
                Map.of("Fn::Sub", "arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:catalog"),
                Map.of("Fn::Sub", "arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:database/"
                        + "${AnalyticsConsumerDatabase}"),
                Map.of("Fn::Sub", "arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:table/"
                        + "${AnalyticsConsumerDatabase}/users${ResourceLinkSuffix}")),
                statement("ReadTheUsersLink").get("Resource"));
        // The link's target, as the links resource points it: the producer's account and database, table users.
        assertEquals(List.of(
                Map.of("Fn::Sub", "arn:${AWS::Partition}:glue:${AWS::Region}:${ProducerAccountId}:catalog"),
                Map.of("Fn::Sub", "arn:${AWS::Partition}:glue:${AWS::Region}:${ProducerAccountId}:database/"
                        + "${ProducerDatabaseName}"),
                Map.of("Fn::Sub", "arn:${AWS::Partition}:glue:${AWS::Region}:${ProducerAccountId}:table/"
                        + "${ProducerDatabaseName}/" + ExportSettings.DATA_LAKE_TABLE)),
                statement("ReadTheProducerTable").get("Resource"));
        Map<String, Object> links = TEMPLATE.properties("AnalyticsResourceLinks");
        assertEquals(Map.of("Ref", "ProducerAccountId"), links.get("ProducerAccountId"));
        assertEquals(Map.of("Ref", "ProducerDatabaseName"), links.get("ProducerDatabase"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void queryResultsAreReadAndWrittenOnlyWhereTheWorkgroupEnforcesThem() {
        Map<String, Object> results = (Map<String, Object>) CloudFormationTemplate.at(
                TEMPLATE.properties("AnalyticsWorkGroup"), "WorkGroupConfiguration", "ResultConfiguration");
        assertEquals(true, CloudFormationTemplate.at(TEMPLATE.properties("AnalyticsWorkGroup"),
                "WorkGroupConfiguration", "EnforceWorkGroupConfiguration"));
        String enforced = (String) CloudFormationTemplate.at(results, "OutputLocation", "Fn::Sub");
        String bucketPrefix = "s3://${AthenaResultsBucket}/";
        assertTrue(enforced.startsWith(bucketPrefix) && enforced.endsWith("/"), enforced);
        String keyPrefix = enforced.substring(bucketPrefix.length());

        assertEquals(Map.of("Fn::Sub", enforced), variables().get(ExportSettings.OUTPUT_LOCATION_VARIABLE),
                "the location the function asks for is the one the workgroup enforces");
        assertEquals(Map.of("Fn::Sub", "${AthenaResultsBucket.Arn}/" + keyPrefix + "*"),
                statement("WriteAndReadQueryResults").get("Resource"));
        assertEquals(getAtt("AthenaResultsBucket", "Arn"), statement("LocateQueryResults").get("Resource"));
    }

    @Test
    void kmsPermissionsOnlyWhenQueryResultsUseAKmsKey() {
        Object encryption = CloudFormationTemplate.at(TEMPLATE.properties("AnalyticsWorkGroup"),
                "WorkGroupConfiguration", "ResultConfiguration", "EncryptionConfiguration", "EncryptionOption");
        Object bucketEncryption = CloudFormationTemplate.at(((List<?>) CloudFormationTemplate.at(
                TEMPLATE.properties("AthenaResultsBucket"), "BucketEncryption", "ServerSideEncryptionConfiguration"))
                .get(0), "ServerSideEncryptionByDefault", "SSEAlgorithm");
        boolean grantsKms = policyStatements().stream().anyMatch(s -> list(s.get("Action")).stream()
                .anyMatch(a -> String.valueOf(a).startsWith("kms:")));

        boolean customerKey = !"SSE_S3".equals(encryption) || !"AES256".equals(bucketEncryption);

        // SSE_KMS or CSE_KMS results, or aws:kms on the bucket, need kms:GenerateDataKey and kms:Decrypt on that key.
        assertEquals(customerKey, grantsKms, "KMS permissions exactly when query results use a KMS key (workgroup "
                + encryption + ", bucket " + bucketEncryption + ")");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theExportExistsExactlyWithTheAnalyticsResourcesItReads() {
        Map<String, Object> resources = TEMPLATE.resources();
        List<String> export = resources.keySet().stream().filter(id -> id.startsWith("UsersExport")).toList();
        assertTrue(export.size() >= 10, "UsersExport resources: " + export);
        for (String id : export) {
            Object condition = ((Map<String, Object>) resources.get(id)).get("Condition");
            assertTrue("EnableAnalytics".equals(condition) || impliesEnableAnalytics(condition), id + ": " + condition);
        }
        Map<String, Object> outputs = (Map<String, Object>) TEMPLATE.root().get("Outputs");
        for (String output : outputs.keySet().stream().filter(id -> id.startsWith("UsersExport")).toList()) {
            assertEquals("EnableAnalytics", CloudFormationTemplate.at(outputs, output, "Condition"), output);
        }
    }

    private static boolean impliesEnableAnalytics(Object condition) {
        Object expression = CloudFormationTemplate.at(TEMPLATE.root(), "Conditions", String.valueOf(condition));
        return expression instanceof Map<?, ?> map && map.get("Fn::And") instanceof List<?> operands
                && operands.contains(Map.of("Condition", "EnableAnalytics"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theScheduleStartsOnlyOnceTheLinksAndGrantsAreInPlace() {
        Map<String, Object> rule = (Map<String, Object>) TEMPLATE.resources().get("UsersExportScheduleRule");
        assertEquals("UsersExportDataLakeReady", rule.get("DependsOn"));

        Map<String, Object> ready = (Map<String, Object>) TEMPLATE.resources().get("UsersExportDataLakeReady");
        assertEquals("AWS::CloudFormation::WaitConditionHandle", ready.get("Type"));
        assertEquals("EnableAnalytics", ready.get("Condition"));
        // The links, like the grants, exist only with ManageLakeFormationGrants=true (the setup role must be a Lake
        // Formation administrator to see the shared tables).
        assertEquals(Map.of("ResourceLinks", Map.of("Fn::If", List.of("AnalyticsGrantsEnabled",
                        Map.of("Ref", "AnalyticsResourceLinks"), "")),
                "LakeFormationGrants", Map.of("Fn::If", List.of("AnalyticsGrantsEnabled",
                        Map.of("Ref", "AnalyticsGrants"), ""))), ready.get("Metadata"));
    }

    @Test
    void theTemplatesDefaultsAreTheCodesDefaults() {
        assertEquals(ExportSettings.DEFAULT_TABLE, ExportSettings.DATA_LAKE_TABLE
                + parameterDefault("ResourceLinkSuffix"));
        assertEquals(ExportSettings.DEFAULT_PREFIX, parameterDefault("UsersExportPrefix"));
        assertEquals("jsonl", parameterDefault("UsersExportFormat"));
    }

    private static Object parameterDefault(String name) {
        return CloudFormationTemplate.at(TEMPLATE.root(), "Parameters", name, "Default");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> variables() {
        return (Map<String, Object>) CloudFormationTemplate.at(FUNCTION, "Environment", "Variables");
    }
}
