package dev.connectconfig.usersexport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectconfig.testing.CloudFormationTemplate;
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
    void theExportRoleIsTheOneSamGeneratesSoTheGrantsCanNameIt() {
        assertNull(FUNCTION.get("Role"), "the grants' default principal is !GetAtt UsersExportFunctionRole.Arn");
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
        assertEquals(Map.of("Fn::Sub", "arn:${AWS::Partition}:athena:${AWS::Region}:${AWS::AccountId}:workgroup/"
                + "${UsersExportWorkGroupName}"), statement("RunTheExportQuery").get("Resource"));
        assertTrue(String.valueOf(statement("ReadTheUsersLink").get("Resource"))
                .contains("table/${UsersExportDatabaseName}/${UsersExportTableName}"));
        assertTrue(String.valueOf(statement("ReadTheProducerTable").get("Resource"))
                .contains("${Producer}:table/${UsersExportProducerDatabaseName}/${UsersExportProducerTableName}"));
        assertTrue(String.valueOf(statement("WriteTheExport").get("Resource"))
                .contains("${Bucket}/${UsersExportPrefix}/*"), "writes stay under the export prefix");
        assertEquals(Map.of("Fn::Sub", "${UsersExportPrefix}/*"), CloudFormationTemplate.at(
                statement("ListTheExportDays"), "Condition", "StringLike", "s3:prefix"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theTemplatesDefaultsAreTheCodesDefaults() {
        Map<String, Object> parameters = (Map<String, Object>) TEMPLATE.root().get("Parameters");
        assertEquals(ExportSettings.DEFAULT_TABLE, ((Map<String, Object>) parameters.get("UsersExportTableName"))
                .get("Default"));
        assertEquals(ExportSettings.DEFAULT_PREFIX, ((Map<String, Object>) parameters.get("UsersExportPrefix"))
                .get("Default"));
        assertEquals("jsonl", ((Map<String, Object>) parameters.get("UsersExportFormat")).get("Default"));
    }
}
