package dev.connectconfig.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectconfig.engines.CloudFormationTemplate;
import dev.connectconfig.engines.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * template.yaml names only what exists, under every combination of its conditions — what CloudFormation would
 * otherwise report at deploy time as "Unresolved resource dependencies" or an unknown condition.
 */
class TemplateReferencesTest {

    @TempDir
    Path directory;

    private static String templateText() throws IOException {
        return Files.readString(RepoFiles.path("template.yaml"));
    }

    /**
     * template.yaml with each {@code from} (which must occur exactly once) replaced by the {@code to} after it, as a
     * typo or a slip in an edit would.
     */
    private TemplateReferences mutated(String... fromTo) throws IOException {
        String text = templateText();
        for (int i = 0; i < fromTo.length; i += 2) {
            assertEquals(1, text.split(Pattern.quote(fromTo[i]), -1).length - 1,
                    "the mutation's anchor must occur once in template.yaml: " + fromTo[i]);
            text = text.replace(fromTo[i], fromTo[i + 1]);
        }
        return parsed(text);
    }

    private TemplateReferences parsed(String yaml) throws IOException {
        Path file = Files.writeString(directory.resolve("template.yaml"), yaml);
        return new TemplateReferences(CloudFormationTemplate.load(file).root());
    }

    private static void assertReported(List<String> problems, String... fragments) {
        assertTrue(problems.stream().anyMatch(p -> List.of(fragments).stream().allMatch(p::contains)),
                "expected a problem with " + List.of(fragments) + " in " + problems);
    }

    @Test
    void everyNameInTheTemplateIsDeclared() {
        assertEquals(List.of(), new TemplateReferences(CloudFormationTemplate.load().root()).problems());
    }

    @Test
    void everyReferenceResolvesUnderEveryCombinationOfConditions() {
        TemplateReferences references = new TemplateReferences(CloudFormationTemplate.load().root());

        assertEquals(List.of(), references.problemsUnderEveryCondition());
        Set<String> analytics = Set.copyOf(references.parameterDomains().get("EnableAnalytics"));
        Set<String> grants = Set.copyOf(references.parameterDomains().get("ManageLakeFormationGrants"));
        assertEquals(Set.of("true", "false"), analytics, "both sides of EnableAnalytics are checked");
        assertEquals(Set.of("true", "false"), grants, "both sides of ManageLakeFormationGrants are checked");
    }

    @Test
    void everyParameterAndConditionIsUsed() {
        assertEquals(List.of(), new TemplateReferences(CloudFormationTemplate.load().root()).unused());
    }

    @Test
    void aParameterOrConditionLeftBehindIsReported() throws IOException {
        TemplateReferences leftBehind = mutated(
                "  # ---- UsersExport parameters ----\n", "  # ---- UsersExport parameters ----\n"
                        + "  UsersExportTableName:\n    Type: String\n    Default: users_link\n",
                "  # ---- UsersExport conditions ----\n", "  # ---- UsersExport conditions ----\n"
                        + "  UsersExportHasResultsBucket: !Equals [!Ref UsersExportBucketName, 'results']\n");

        assertEquals(List.of("Parameters.UsersExportTableName is never used",
                "Conditions.UsersExportHasResultsBucket is never used"), leftBehind.unused());
    }

    /** A slip in one line of template.yaml, and the problem it must produce (where, what). */
    static Stream<Arguments> slips() {
        return Stream.of(
                Arguments.of("a misspelled Ref", "ANALYTICS_DATABASE: !Ref AnalyticsConsumerDatabase",
                        "ANALYTICS_DATABASE: !Ref AnalyticsConsumerDb",
                        "Resources.UsersExportFunction.Properties.Environment.Variables.ANALYTICS_DATABASE",
                        "Ref AnalyticsConsumerDb names no parameter, resource"),
                Arguments.of("a misspelled Sub variable", "USERS_TABLE: !Sub users${ResourceLinkSuffix}",
                        "USERS_TABLE: !Sub users${ResourceLinkSufix}", "USERS_TABLE", "Sub ${ResourceLinkSufix}"),
                Arguments.of("a GetAtt of a role SAM does not generate",
                        "PrincipalArn: !If [HasAnalyticsPrincipalArn, !Ref AnalyticsPrincipalArn, !GetAtt"
                                + " UsersExportFunctionRole.Arn]",
                        "PrincipalArn: !If [HasAnalyticsPrincipalArn, !Ref AnalyticsPrincipalArn, !GetAtt"
                                + " UsersExportRole.Arn]", "Resources.AnalyticsGrants.Properties.PrincipalArn",
                        "GetAtt UsersExportRole.Arn names no parameter, resource or SAM-generated resource"),
                Arguments.of("a misspelled Ref in a rule",
                        "      - Assert: !Not [!Equals [!Ref ProducerAccountId, '']]",
                        "      - Assert: !Not [!Equals [!Ref ProducerAccount, '']]",
                        "Rules.AnalyticsNeedsTheProducerAccount", "Ref ProducerAccount names no parameter"),
                Arguments.of("a misspelled Condition",
                        "    Type: Custom::LakeFormationGrants\n    Condition: AnalyticsGrantsEnabled\n",
                        "    Type: Custom::LakeFormationGrants\n    Condition: AnalyticsGrantEnabled\n",
                        "Resources.AnalyticsGrants",
                        "Condition AnalyticsGrantEnabled names no condition"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("slips")
    void aNameThatIsNotDeclaredIsReported(String slip, String from, String to, String where, String problem)
            throws IOException {
        assertReported(mutated(from, to).problems(), where, problem);
    }

    @Test
    void aResourceThatOutlivesWhatItNamesIsReportedWithTheValuesThatBreakIt() throws IOException {
        TemplateReferences unconditionalExport = mutated(
                "  UsersExportFunction:\n    Type: AWS::Serverless::Function\n    Condition: EnableAnalytics\n",
                "  UsersExportFunction:\n    Type: AWS::Serverless::Function\n");

        assertEquals(List.of(), unconditionalExport.problems(), "every name is still declared");
        assertReported(unconditionalExport.problemsUnderEveryCondition(), "Resources.UsersExportFunction",
                "Ref AnalyticsConsumerDatabase names a resource that is not created", "EnableAnalytics=false");
    }

    @Test
    void aDependsOnAConditionalResourceIsReported() throws IOException {
        List<String> problems = mutated("    DependsOn: UsersExportDataLakeReady\n",
                "    DependsOn: AnalyticsGrants\n").problemsUnderEveryCondition();

        assertReported(problems, "Resources.UsersExportScheduleRule: DependsOn AnalyticsGrants, which is not created",
                "ManageLakeFormationGrants=false");
    }

    @Test
    void onlyTheTakenBranchOfFnIfMustResolve() throws IOException {
        String template = """
                Parameters:
                  Enabled: {Type: String, AllowedValues: ['true', 'false']}
                Conditions:
                  IsEnabled: !Equals [!Ref Enabled, 'true']
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                    Condition: IsEnabled
                  Topic:
                    Type: AWS::SNS::Topic
                    Properties:
                      TopicName: %s
                """;

        assertEquals(List.of(), parsed(template.formatted("!If [IsEnabled, !GetAtt Queue.QueueName, !Ref "
                + "AWS::NoValue]")).problemsUnderEveryCondition());
        assertEquals(List.of("Resources.Topic.Properties.TopicName: GetAtt Queue.QueueName names a resource that is "
                + "not created when Enabled=false"), parsed(template.formatted("!GetAtt Queue.QueueName"))
                        .problemsUnderEveryCondition());
    }

    @Test
    void samGeneratedNamesExistOnlyWhereSamMakesThem() {
        Map<String, Object> template = Map.of("Resources", Map.of(
                "WithRole", Map.of("Type", "AWS::Serverless::Function", "Properties", Map.of("Role", "arn")),
                "WithAlias", Map.of("Type", "AWS::Serverless::Function", "Properties",
                        Map.of("AutoPublishAlias", "live")),
                "Api", Map.of("Type", "AWS::Serverless::Api"),
                "Uses", Map.of("Type", "AWS::SNS::Topic", "Properties", Map.of("Tags", List.of(
                        Map.of("Ref", "WithAlias.Alias"), Map.of("Fn::GetAtt", List.of("WithAliasRole", "Arn")),
                        Map.of("Ref", "Api.Stage"), Map.of("Fn::Sub", "${Api}-${AWS::Region}"),
                        Map.of("Ref", "WithRole.Alias"), Map.of("Fn::GetAtt", List.of("WithRoleRole", "Arn")))))));

        List<String> problems = new TemplateReferences(template).problems();

        assertEquals(List.of(
                "Resources.Uses.Properties.Tags[4]: Ref WithRole.Alias names no parameter, resource or SAM-generated "
                        + "resource",
                "Resources.Uses.Properties.Tags[5]: GetAtt WithRoleRole.Arn names no parameter, resource or "
                        + "SAM-generated resource"), problems);
    }
}
