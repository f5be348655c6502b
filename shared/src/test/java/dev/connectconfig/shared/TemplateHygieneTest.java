package dev.connectconfig.shared;

import static dev.connectconfig.shared.SamTransformTest.map;
import static dev.connectconfig.shared.SamTransformTest.section;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectconfig.testing.CloudFormationTemplate;
import dev.connectconfig.testing.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    /** The Rules section, evaluated as CloudFormation does before it creates anything. */
    private List<String> refusals(Map<String, String> values) {
        TemplateReferences conditions = new TemplateReferences(root);
        List<String> refused = new ArrayList<>();
        section(root, "Rules").forEach((name, body) -> {
            Object applies = map(body).get("RuleCondition");
            if (applies != null && !conditions.evaluate(applies, values)) {
                return;
            }
            for (Object assertion : (List<?>) map(body).get("Assertions")) {
                if (!conditions.evaluate(map(assertion).get("Assert"), values)) {
                    refused.add(name + ": " + String.valueOf(map(assertion).get("AssertDescription")).strip());
                }
            }
        });
        return refused;
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
