package dev.connectconfig.checks;

import static dev.connectconfig.checks.SamTransformTest.map;
import static dev.connectconfig.checks.SamTransformTest.section;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectconfig.engines.CloudFormationTemplate;
import dev.connectconfig.engines.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What template.yaml keeps, refuses and leaves alone, read from the template itself. */
class TemplateHygieneTest {

    private final Map<String, Object> root = CloudFormationTemplate.load().root();
    private final Map<String, Object> resources = section(root, "Resources");

    @Test
    void everyRetainedResourceIsAlsoKeptWhenReplaced() {
        List<String> unprotected = new ArrayList<>();
        resources.forEach((id, body) -> {
            if ("Retain".equals(map(body).get("DeletionPolicy"))
                    && !"Retain".equals(map(body).get("UpdateReplacePolicy"))) {
                unprotected.add(id);
            }
        });
        assertEquals(List.of(), unprotected, "a replacement would delete what a stack deletion keeps");
    }

    @Test
    void everyLogGroupAndQueueStatesWhatHappensToIt() {
        List<String> checked = new ArrayList<>();
        resources.forEach((id, body) -> {
            String type = String.valueOf(map(body).get("Type"));
            if (type.equals("AWS::Logs::LogGroup") || type.equals("AWS::SQS::Queue")) {
                assertEquals("Delete", map(body).get("DeletionPolicy"), id + " goes with the stack");
                assertEquals("Delete", map(body).get("UpdateReplacePolicy"), id + " goes when replaced");
                checked.add(id);
            }
        });
        assertTrue(checked.containsAll(List.of("GetConfigLogGroup", "FlowConfigApiAccessLogGroup",
                "UsersExportDeadLetterQueue")), "checked " + checked);
    }

    /** The Rules section, evaluated as CloudFormation does before it creates anything (others at their defaults). */
    private List<String> refusals(Map<String, String> values) {
        return new TemplateReferences(root).refusals(values);
    }

    @Test
    void analyticsWithoutTheProducerAccountIsRefusedBeforeAnythingIsCreated() {
        List<String> refused = refusals(Map.of("EnableAnalytics", "true", "ProducerAccountId", ""));

        assertEquals(1, refused.size(), "refused: " + refused);
        assertTrue(refused.get(0).startsWith("AnalyticsNeedsTheProducerAccount: EnableAnalytics=true needs "
                + "ProducerAccountId"), refused.get(0));
        assertEquals(List.of(), refusals(Map.of("EnableAnalytics", "true", "ProducerAccountId", "444455556666")));
        assertEquals(List.of(), refusals(Map.of("EnableAnalytics", "false", "ProducerAccountId", "")),
                "without analytics the producer account is not needed");
    }

    @Test
    void theAccountsApiGatewayLogsRoleIsLeftAloneUnlessAsked() {
        Map<String, Object> parameter = map(section(root, "Parameters").get("ConfigureApiGatewayLogsRole"));

        assertEquals("false", parameter.get("Default"), "AWS::ApiGateway::Account would replace the account's role");
        assertEquals("SetApiGatewayLogsRole", map(resources.get("ApiGatewayAccount")).get("Condition"));
        assertEquals("SetApiGatewayLogsRole", map(resources.get("ApiGatewayLogsRole")).get("Condition"));
    }

    /** The S3 calls UsersExport makes on its export bucket, as IAM names them (multipart writes are PutObject). */
    @Test
    void theExportMayWriteItsBucketOnlyWithTheCallsItMakes() throws IOException {
        Map<String, String> actionOfCall = Map.of("putObject", "s3:PutObject", "createMultipartUpload", "s3:PutObject",
                "uploadPart", "s3:PutObject", "completeMultipartUpload", "s3:PutObject",
                "abortMultipartUpload", "s3:AbortMultipartUpload", "deleteObject", "s3:DeleteObject");
        Set<String> called = new TreeSet<>();
        Pattern call = Pattern.compile("\\bs3\\.(\\w+)\\(");
        try (Stream<Path> sources = Files.walk(RepoFiles.path("functions/users-export/src/main/java"))) {
            for (Path source : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher calls = call.matcher(Files.readString(source));
                while (calls.find()) {
                    if (actionOfCall.containsKey(calls.group(1))) {
                        called.add(actionOfCall.get(calls.group(1)));
                    }
                }
            }
        }
        Object write = null;
        for (Object policy : (List<?>) SamTransformTest.properties(root, "UsersExportFunction").get("Policies")) {
            for (Object statement : (List<?>) map(policy).get("Statement")) {
                if ("WriteTheExport".equals(map(statement).get("Sid"))) {
                    write = map(statement).get("Action");
                }
            }
        }

        assertEquals(Set.of("s3:PutObject", "s3:AbortMultipartUpload", "s3:DeleteObject"), called);
        assertEquals(called, new TreeSet<>((List<?>) write));
    }

    /**
     * The export's query names its database in the SQL and sets no database context, so Athena reads the context it
     * defaults to, {@code default}: the role may read that database's metadata, and nothing else of it.
     */
    @Test
    void athenaMayReadTheDefaultDatabaseItFallsBackTo() throws IOException {
        try (Stream<Path> sources = Files.walk(RepoFiles.path("functions/users-export/src/main/java"))) {
            for (Path source : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
                assertFalse(Files.readString(source).contains("queryExecutionContext"), source
                        + " sets a database context: the grant on the default database is no longer needed");
            }
        }
        List<Map<String, Object>> grants = new ArrayList<>();
        for (Object policy : (List<?>) SamTransformTest.properties(root, "UsersExportFunction").get("Policies")) {
            for (Object statement : (List<?>) map(policy).get("Statement")) {
                if (String.valueOf(map(statement).get("Resource")).contains(":database/default")) {
                    grants.add(map(statement));
                }
            }
        }

        assertEquals(1, grants.size(), "one statement names the default database: " + grants);
        assertEquals("glue:GetDatabase", grants.get(0).get("Action"));
        assertEquals(Map.of("Fn::Sub", "arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:database/default"),
                grants.get(0).get("Resource"));
    }
}
