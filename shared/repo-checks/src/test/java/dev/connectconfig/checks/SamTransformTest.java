package dev.connectconfig.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectconfig.engines.CloudFormationTemplate;
import dev.connectconfig.engines.RepoFiles;
import dev.connectconfig.testing.RequiredTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * template.yaml through the real AWS SAM translator, as CloudFormation transforms it at deploy time: it transforms
 * under every pair of its conditions' values (every combination with {@code -Ptemplate-exhaustive}), and what it
 * becomes publishes, stages and permits what we mean.
 */
class SamTransformTest {

    /** A valid value for each parameter whose "any other value" the conditions distinguish from their literals. */
    static final Map<String, String> EXAMPLE_VALUES = Map.ofEntries(
            Map.entry("FlowConfigTableName", "flow-configs"),
            Map.entry("FlowConfigHistoryTableName", "flow-config-history"),
            // Two regions, so the second replica's condition is exercised as well as the first's.
            Map.entry("ReplicaRegions", "eu-west-1,ap-southeast-2"),
            Map.entry("ConnectInstanceArn", "arn:aws:connect:us-east-1:111122223333:instance/"
                    + "9308c2a1-9bc6-4cea-8290-6c0b4a6d38fa"),
            Map.entry("UserPoolArn", "arn:aws:cognito-idp:us-east-1:111122223333:userpool/us-east-1_Example1"),
            Map.entry("AnalyticsPrincipalArn", "arn:aws:iam::111122223333:role/analytics"),
            Map.entry("UsersExportBucketName", "example-users-export"),
            Map.entry("UsersExportAlarmTopicArn", "arn:aws:sns:us-east-1:111122223333:alarms"),
            Map.entry("AlarmTopicArn", "arn:aws:sns:us-east-1:111122223333:platform-alarms"),
            Map.entry("ConnectInstanceUrl", "https://example.my.connect.aws"),
            Map.entry("VpcId", "vpc-0a1b2c3d4e5f60718"),
            Map.entry("PrivateSubnetIds", "subnet-0a1b2c3d4e5f60718,subnet-0a1b2c3d4e5f60719"),
            Map.entry("FunctionSecurityGroupIds", "sg-0a1b2c3d4e5f60718"),
            Map.entry("ApiVpcEndpointIds", "vpce-0a1b2c3d4e5f60718"));
    /** The analytics resources need the producer account (the template's Rules refuse them without it). */
    static final Map<String, String> DEPLOYABLE = Map.of("ProducerAccountId", "444455556666",
            // What private mode and an identity provider need besides their conditions' parameters (the rules).
            "PrivateRouteTableIds", "rtb-0a1b2c3d4e5f60718", "DynamoDbPrefixListId", "pl-02cd2c6b",
            "SamlMetadataUrl", "https://idp.example.com/saml/metadata", "OidcIssuer", "https://idp.example.com",
            "OidcClientId", "flow-configs",
            "OidcClientSecret", "{{resolve:secretsmanager:flow-config/oidc:SecretString:client_secret}}");
    /** Set by {@code -Ptemplate-exhaustive}: transform under the full product of the condition values. */
    static final String EXHAUSTIVE = "connectconfig.templateExhaustive";
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!.]+)}");
    /** {@code ${Policy.PolicyId}} of an AWS::IAM::ManagedPolicy, in a version description. */
    private static final Pattern MARKER = Pattern.compile("\\$\\{(\\w+)\\.PolicyId}");
    /** IAM's unique ids, as AWS shows them (ANPA and 17 characters). */
    private static final int POLICY_ID_LENGTH = "ANPAJ2UCCR6DPCEXAMPLE".length();

    @TempDir
    Path directory;

    @BeforeEach
    void translatorRunsHere() {
        SamTranslator.assumeAvailable();
    }

    /**
     * By default a covering array of the conditions' parameters (every pair of values of every two parameters at least
     * once); with {@code -Ptemplate-exhaustive} (property {@value #EXHAUSTIVE}) every combination within each group of
     * parameters the conditions combine, and every pair across groups (the full product has millions).
     */
    @Test
    void transformsUnderEveryPairOfConditionValuesWithOneStageAndNamesThatResolve() {
        TemplateReferences references = new TemplateReferences(CloudFormationTemplate.load().root());
        boolean exhaustive = Boolean.getBoolean(EXHAUSTIVE);
        List<Map<String, String>> rows = exhaustive ? references.groupCombinations() : references.parameterPairs();
        assertEquals(List.of(), PairwiseCombinations.uncoveredPairs(references.parameterDomains(), rows));
        System.out.println("SAM transform of template.yaml under " + rows.size() + (exhaustive
                ? " combinations (all within each group of parameters its conditions combine, pairs across groups)"
                : " combinations (every pair of condition values; " + references.groupCombinations().size()
                + " with -Ptemplate-exhaustive; the full product would be " + references.combinationCount() + ")"));
        List<Map<String, String>> combinations = new ArrayList<>();
        for (Map<String, String> combination : rows) {
            Map<String, String> values = new LinkedHashMap<>(DEPLOYABLE);
            combination.forEach((name, value) -> values.put(name, TemplateReferences.ANY_OTHER_VALUE.equals(value)
                    ? EXAMPLE_VALUES.get(name) : value));
            assertFalse(values.containsValue(null), "EXAMPLE_VALUES lacks a parameter of " + combination);
            combinations.add(values);
        }
        assertTrue(references.combinationCount() >= 256,
                "every condition parameter has both sides: " + references.combinationCount());

        List<Map<String, Object>> transformed = SamTranslator.transformAll(
                RepoFiles.path("template.yaml"), combinations);

        for (int i = 0; i < transformed.size(); i++) {
            Map<String, Object> template = transformed.get(i);
            assertEquals(List.of("FlowConfigApiStage"), ofType(template, "AWS::ApiGateway::Stage"),
                    "one stage, with its logs, throttling and tracing, when " + combinations.get(i));
            for (String deployment : ofType(template, "AWS::ApiGateway::Deployment")) {
                assertFalse(properties(template, deployment).containsKey("StageName"), deployment
                        + " makes SAM's extra stage named Stage when " + combinations.get(i));
            }
            assertEquals(List.of(), new TemplateReferences(template).problems(),
                    "the transformed template names only what it declares when " + combinations.get(i));
        }
    }

    @Test
    void everyParameterValueAnExampleUsesMatchesItsPattern() {
        Map<String, Object> parameters = section(CloudFormationTemplate.load().root(), "Parameters");
        Map<String, String> examples = new LinkedHashMap<>(EXAMPLE_VALUES);
        examples.putAll(DEPLOYABLE);
        examples.forEach((name, value) -> {
            Object pattern = map(parameters.get(name)).get("AllowedPattern");
            assertTrue(pattern == null || value.matches(String.valueOf(pattern)), name + " = " + value);
        });
    }

    /** Each parameter that reaches a function's configuration, and a value other than its default. */
    @ParameterizedTest(name = "{0} publishes a new version when {1} changes")
    @CsvSource({
        "GetConfigFunction, CacheTtlSeconds, 60",
        "GetConfigFunction, LogLevel, DEBUG",
        "GetConfigFunction, FlowConfigTableName, flow-configs-2",
        "FlowConfigFunction, LogLevel, DEBUG",
        "FlowConfigFunction, FlowConfigTableName, flow-configs-2",
        "FlowConfigFunction, CorsAllowedOrigin, https://config.example.com",
        "PreviewSpeechFunction, LogLevel, DEBUG",
        "PreviewSpeechFunction, FlowConfigTableName, flow-configs-2",
        "PreviewSpeechFunction, CorsAllowedOrigin, https://config.example.com",
        "PreviewSpeechFunction, PreviewSpeechDefaultVoices, en-US=Matthew",
        "FlowConfigFunction, PrimaryRegion, us-east-1",
        "FlowConfigFunction, FlowConfigHistoryTableName, flow-config-history-2",
        "GetConfigFunction, NetworkMode, private",
        "GetConfigFunction, PrivateSubnetIds, subnet-0a1b2c3d4e5f60718",
        "FlowConfigFunction, FunctionSecurityGroupIds, sg-0a1b2c3d4e5f60718",
        "PreviewSpeechFunction, VpcId, vpc-0a1b2c3d4e5f60718"
    })
    void aChangedParameterPublishesANewVersion(String function, String parameter, String value) {
        List<Map<String, Object>> before = SamTranslator.transformAll(
                RepoFiles.path("template.yaml"), List.of(Map.of(), Map.of(parameter, value)));

        PublishedVersion unchanged = PublishedVersion.of(before.get(0), function, Map.of());
        PublishedVersion changed = PublishedVersion.of(before.get(1), function, Map.of(parameter, value));

        assertNotEquals(unchanged, changed, "CloudFormation would keep " + function + "'s live alias on the version "
                + "with the old " + parameter);
    }

    @Test
    void anUnchangedDeployOrAnotherFunctionsParameterPublishesNothing() {
        Map<String, String> unrelated = Map.of("LogRetentionInDays", "90", "ApiStageName", "v2",
                "PreviewSpeechDefaultVoices", "en-US=Matthew", "CorsAllowedOrigin", "https://config.example.com");
        List<Map<String, Object>> deploys = SamTranslator.transformAll(
                RepoFiles.path("template.yaml"), List.of(Map.of(), Map.of(), unrelated));

        PublishedVersion first = PublishedVersion.of(deploys.get(0), "GetConfigFunction", Map.of());
        assertEquals(first, PublishedVersion.of(deploys.get(1), "GetConfigFunction", Map.of()),
                "the same template and parameters replace no version");
        assertEquals(first, PublishedVersion.of(deploys.get(2), "GetConfigFunction", unrelated),
                "GetConfig's configuration does not read these parameters");
    }

    /**
     * A changed description publishes because CloudFormation replaces an AWS::Lambda::Version whose Description
     * changes: the resource's schema (as cfn-lint ships it) lists Description among its create-only properties.
     */
    @Test
    void aLambdaVersionsDescriptionCanOnlyChangeByReplacement() throws Exception {
        Process schema = new ProcessBuilder("python3", "-c", "from cfnlint.schema import PROVIDER_SCHEMA_MANAGER as m; "
                + "print(m.get_resource_schema('us-east-1', 'AWS::Lambda::Version').schema['createOnlyProperties'])")
                .directory(directory.toFile()).redirectErrorStream(true).start();
        String createOnly = new String(schema.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        schema.waitFor();
        RequiredTools.require(schema.exitValue() == 0, "cfn-lint's resource schemas are not installed (pip install "
                + "cfn-lint): " + createOnly);

        assertTrue(createOnly.contains("'/properties/Description'"), createOnly);
    }

    @ParameterizedTest(name = "{0}: a new Timeout publishes a new version")
    @CsvSource({
        "GetConfigFunction, '      Timeout: 5\n', '      Timeout: 6\n'",
        "FlowConfigFunction, '      Timeout: 25\n', '      Timeout: 20\n'",
        "PreviewSpeechFunction, '      Timeout: 28\n', '      Timeout: 27\n'"
    })
    void aChangedPropertyPublishesANewVersion(String function, String from, String to) throws Exception {
        PublishedVersion before = PublishedVersion.of(SamTranslator.transform(Map.of()), function, Map.of());
        PublishedVersion after = PublishedVersion.of(SamTranslator.transformAll(
                SamTranslator.mutated(directory, from, to), List.of(Map.of())).get(0), function, Map.of());

        assertNotEquals(before.logicalId(), after.logicalId());
    }

    /**
     * The parameters each aliased function's configuration reads — in its properties, in Globals, or as the name of
     * a resource its environment names — are exactly those its version description carries: by value, or through
     * the {@code PolicyId} of a managed policy whose (create-only) description names them, which changes with them.
     */
    @Test
    void everyParameterBehindAnAliasedFunctionIsInItsVersionDescription() {
        Map<String, Object> root = CloudFormationTemplate.load().root();
        Map<String, Object> parameters = section(root, "Parameters");
        Map<String, Object> resources = section(root, "Resources");
        Map<String, Object> globals = map(section(root, "Globals").get("Function"));
        List<String> aliased = new ArrayList<>();
        resources.forEach((id, body) -> {
            Map<String, Object> properties = map(map(body).get("Properties"));
            if (!properties.containsKey("AutoPublishAlias")) {
                return;
            }
            aliased.add(id);
            // What the function is, not what invokes it (Events) or the description itself.
            Map<String, Object> configuration = new LinkedHashMap<>(properties);
            configuration.remove("VersionDescription");
            configuration.remove("Events");
            Set<String> read = new TreeSet<>();
            collectNames(List.of(configuration, globals), read);
            Set<String> environment = new TreeSet<>();
            collectNames(configuration.get("Environment"), environment);
            Set<String> viaResources = new TreeSet<>();
            for (String name : environment) {
                map(map(resources.get(name)).get("Properties")).forEach((key, value) -> {
                    if (key.endsWith("Name")) {
                        collectNames(value, viaResources);
                    }
                });
            }
            read.addAll(viaResources);
            read.retainAll(parameters.keySet());

            Set<String> described = new TreeSet<>();
            String versionDescription = String.valueOf(map(properties.get("VersionDescription")).get("Fn::Sub"));
            Matcher variables = SUB_VARIABLE.matcher(versionDescription);
            while (variables.find()) {
                described.add(variables.group(1));
            }
            Matcher markers = MARKER.matcher(versionDescription);
            while (markers.find()) {
                Map<String, Object> policy = map(resources.get(markers.group(1)));
                assertEquals("AWS::IAM::ManagedPolicy", policy.get("Type"), markers.group());
                Matcher named = SUB_VARIABLE.matcher(String.valueOf(map(map(policy.get("Properties"))
                        .get("Description")).get("Fn::Sub")));
                while (named.find()) {
                    if (read.contains(named.group(1))) {
                        described.add(named.group(1));
                    }
                }
            }
            assertEquals(read, described, id + ": a parameter it reads but its version description lacks leaves the "
                    + "live alias on old settings when it changes");
            assertEquals(Boolean.TRUE, properties.get("AutoPublishAliasAllProperties"), id);
        });
        assertEquals(List.of("GetConfigFunction", "FlowConfigFunction", "PreviewSpeechFunction"), aliased);
    }

    /** Lambda refuses a version description over 256 characters: so would the deploy. */
    @Test
    void versionDescriptionsFitLambdasLimitWithTheLongestAllowedValues() {
        Map<String, Object> root = CloudFormationTemplate.load().root();
        Map<String, Object> parameters = section(root, "Parameters");
        section(root, "Resources").forEach((id, body) -> {
            Object description = map(map(map(body).get("Properties")).get("VersionDescription")).get("Fn::Sub");
            if (description == null) {
                return;
            }
            Matcher variables = SUB_VARIABLE.matcher(String.valueOf(description));
            StringBuilder longest = new StringBuilder();
            int end = 0;
            while (variables.find()) {
                longest.append(String.valueOf(description), end, variables.start());
                longest.append("x".repeat(longestValue(variables.group(1), map(parameters.get(variables.group(1))))));
                end = variables.end();
            }
            longest.append(String.valueOf(description).substring(end));
            Matcher markers = MARKER.matcher(longest.toString());
            longest = new StringBuilder(markers.replaceAll("x".repeat(POLICY_ID_LENGTH)));
            assertTrue(longest.length() <= 256, id + "'s version description can reach " + longest.length());
        });
    }

    private static int longestValue(String name, Map<String, Object> parameter) {
        if (parameter.get("AllowedValues") instanceof List<?> values) {
            return values.stream().mapToInt(v -> String.valueOf(v).length()).max().orElseThrow();
        }
        if (parameter.get("MaxLength") != null) {
            return Integer.parseInt(String.valueOf(parameter.get("MaxLength")));
        }
        if (parameter.get("MaxValue") != null) {
            return String.valueOf(parameter.get("MaxValue")).length();
        }
        Matcher bound = Pattern.compile("\\{\\d+,(\\d+)}\\$'?$")
                .matcher(String.valueOf(parameter.get("AllowedPattern")));
        assertTrue(bound.find(), name + " needs a MaxLength, MaxValue or AllowedValues to bound its length");
        return Integer.parseInt(bound.group(1));
    }

    @Test
    void getConfigMayOnlyGetItemsOfItsTable() {
        // A config by its key, or a config and its calendars by their keys in one BatchGetItem; no Scan or Query.
        Map<String, Object> role = new TemplateUnderConditions(SamTranslator.transform(Map.of()), Map.of())
                .properties("GetConfigFunctionRole");

        List<Object> statements = new ArrayList<>();
        for (Object policy : (List<?>) role.get("Policies")) {
            statements.addAll((List<?>) CloudFormationTemplate.at(policy, "PolicyDocument", "Statement"));
        }

        assertEquals(1, statements.size(), "one statement: " + statements);
        assertEquals(List.of("dynamodb:GetItem", "dynamodb:BatchGetItem"), map(statements.get(0)).get("Action"));
        assertEquals(Map.of("Fn::GetAtt", List.of("FlowConfigTable", "Arn")), map(statements.get(0)).get("Resource"));
    }

    /**
     * The custom resources' one CloudFormation call (GuardedCustomResourceHandler asks DescribeStackResource before an
     * Update or Delete acts) is allowed on this stack's own ARN, and no other CloudFormation action is.
     */
    @Test
    void theCustomResourcesMayDescribeOnlyThisStacksResources() throws java.io.IOException {
        String kit = java.nio.file.Files.readString(dev.connectconfig.engines.RepoFiles.path("shared/platform-kit/src/"
                + "main/java/dev/connectconfig/platform/cloudformation/CloudFormationStackResources.java"));
        Matcher calls = Pattern.compile("cloudFormation\\.(\\w+)\\(").matcher(kit);
        List<String> called = new ArrayList<>();
        while (calls.find()) {
            called.add(calls.group(1));
        }
        Map<String, Object> role = properties(SamTranslator.transform(Map.of("EnableAnalytics", "true")),
                "GrantPermissionsFunctionRole");
        List<Map<String, Object>> cloudFormation = new ArrayList<>();
        for (Object policy : (List<?>) role.get("Policies")) {
            for (Object statement : (List<?>) CloudFormationTemplate.at(policy, "PolicyDocument", "Statement")) {
                if (String.valueOf(map(statement).get("Action")).contains("cloudformation:")) {
                    cloudFormation.add(map(statement));
                }
            }
        }

        assertEquals(List.of("describeStackResource"), called);
        assertEquals(1, cloudFormation.size(), "one CloudFormation statement: " + cloudFormation);
        assertEquals("cloudformation:DescribeStackResource", cloudFormation.get(0).get("Action"));
        assertEquals(Map.of("Ref", "AWS::StackId"), cloudFormation.get(0).get("Resource"));
    }

    @Test
    void everyPolicyDocumentSaysItsLanguageVersion() {
        Map<String, Object> template = SamTranslator.transform(Map.of("EnableAnalytics", "true"));
        List<String> documents = new ArrayList<>();

        collectPolicyDocuments(template.get("Resources"), "Resources", documents);

        assertTrue(documents.size() > 10, "found the policies: " + documents);
        // The one exception is SAM's own: for EventInvokeConfig's SQS destination it writes sqs:SendMessage on the
        // queue with no Version (IAM's 2008-10-17 language; it differs only for policy variables, which it has none).
        assertEquals(List.of("Resources.UsersExportFunctionRole.Properties.Policies[0].PolicyDocument Version null"),
                documents.stream().filter(d -> !d.endsWith("2012-10-17")).toList());
    }

    @Test
    void apiGatewayInvokesTheApiFunctionsThroughTheirSnapStartAliases() {
        Map<String, Object> template = SamTranslator.transform(Map.of());
        Map<String, Object> resources = section(template, "Resources");

        Set<String> invoked = new TreeSet<>();
        for (String permission : ofType(template, "AWS::Lambda::Permission")) {
            Map<String, Object> properties = properties(template, permission);
            if ("apigateway.amazonaws.com".equals(properties.get("Principal"))) {
                invoked.add(String.valueOf(map(properties.get("FunctionName")).get("Ref")));
            }
        }
        String body = String.valueOf(properties(template, "FlowConfigApi").get("Body"));
        Set<String> integrated = new TreeSet<>();
        Matcher uris = Pattern.compile("/functions/\\$\\{([^}]+)}/invocations").matcher(body);
        while (uris.find()) {
            integrated.add(uris.group(1).replace(".Arn", ""));
        }

        // The admin app's function only hands out its static files (a cold start costs a business user's first page
        // load, never a call), so it is invoked as itself: each deploy's files are served at once.
        assertEquals(Set.of("AdminAppFunction", "FlowConfigFunctionAliaslive", "PreviewSpeechFunctionAliaslive"),
                invoked);
        assertEquals(invoked, integrated);
        for (String alias : invoked.stream().filter(name -> name.endsWith("Aliaslive")).toList()) {
            assertEquals("AWS::Lambda::Alias", map(resources.get(alias)).get("Type"));
            String function = alias.replace("Aliaslive", "");
            assertEquals(Map.of("ApplyOn", "PublishedVersions"), properties(template, function).get("SnapStart"));
        }
    }

    @Test
    void theSampleFlowInvokesGetConfigsAlias() {
        Map<String, Object> flow = properties(SamTranslator.transform(EXAMPLE_VALUES), "GetConfigSampleFlow");

        List<?> sub = (List<?>) map(flow.get("Content")).get("Fn::Sub");

        assertEquals(Map.of("GetConfigAliasArn", Map.of("Ref", "GetConfigFunctionAliaslive")), sub.get(1));
    }

    /** What makes CloudFormation publish: the version's logical id, and its description as CloudFormation resolves. */
    record PublishedVersion(String logicalId, String description) {

        static PublishedVersion of(Map<String, Object> template, String function, Map<String, String> values) {
            Map<String, Object> parameters = section(CloudFormationTemplate.load().root(), "Parameters");
            List<String> versions = ofType(template, "AWS::Lambda::Version").stream()
                    .filter(id -> id.startsWith(function + "Version")).toList();
            assertEquals(1, versions.size(), function + " has one version resource: " + versions);
            Object description = properties(template, versions.get(0)).get("Description");
            String resolved = String.valueOf(map(description).get("Fn::Sub"));
            Matcher variables = SUB_VARIABLE.matcher(resolved);
            StringBuilder text = new StringBuilder();
            while (variables.find()) {
                String name = variables.group(1);
                String value = values.getOrDefault(name, String.valueOf(map(parameters.get(name)).get("Default")));
                variables.appendReplacement(text, Matcher.quoteReplacement(value));
            }
            variables.appendTail(text);
            // ${Policy.PolicyId}: CloudFormation replaces the policy when its description changes (create-only), so
            // its id stands for that description as the deploy resolves it.
            Matcher markers = MARKER.matcher(text.toString());
            StringBuilder marked = new StringBuilder();
            while (markers.find()) {
                markers.appendReplacement(marked, Matcher.quoteReplacement("policy(" + resolved(
                        map(properties(CloudFormationTemplate.load().root(), markers.group(1)).get("Description"))
                                .get("Fn::Sub"), values, parameters) + ")"));
            }
            markers.appendTail(marked);
            return new PublishedVersion(versions.get(0), marked.toString());
        }

        private static String resolved(Object sub, Map<String, String> values, Map<String, Object> parameters) {
            Matcher variables = SUB_VARIABLE.matcher(String.valueOf(sub));
            StringBuilder text = new StringBuilder();
            while (variables.find()) {
                String name = variables.group(1);
                String value = parameters.containsKey(name) ? values.getOrDefault(name,
                        String.valueOf(map(parameters.get(name)).get("Default"))) : "${" + name + "}";
                variables.appendReplacement(text, Matcher.quoteReplacement(value));
            }
            return variables.appendTail(text).toString();
        }
    }

    private static void collectPolicyDocuments(Object node, String path, List<String> documents) {
        if (node instanceof Map<?, ?> object) {
            object.forEach((key, value) -> {
                if (("PolicyDocument".equals(key) || "AssumeRolePolicyDocument".equals(key))
                        && value instanceof Map<?, ?> document) {
                    documents.add(path + "." + key + " Version " + document.get("Version"));
                } else {
                    collectPolicyDocuments(value, path + "." + key, documents);
                }
            });
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                collectPolicyDocuments(list.get(i), path + "[" + i + "]", documents);
            }
        }
    }

    /** Names read by Ref, GetAtt (its resource) and Sub variables anywhere under {@code node}. */
    private static void collectNames(Object node, Set<String> names) {
        if (node instanceof Map<?, ?> object) {
            if (object.get("Ref") instanceof String name) {
                names.add(name);
            }
            if (object.get("Fn::GetAtt") instanceof List<?> getAtt) {
                names.add(String.valueOf(getAtt.get(0)));
            }
            Object sub = object.get("Fn::Sub");
            String text = sub instanceof List<?> list ? String.valueOf(list.get(0))
                    : sub instanceof String s ? s : null;
            if (text != null) {
                Matcher variables = Pattern.compile("\\$\\{([^}!]+)}").matcher(text);
                while (variables.find()) {
                    names.add(variables.group(1).split("\\.")[0]);
                }
            }
            object.values().forEach(value -> collectNames(value, names));
        } else if (node instanceof List<?> list) {
            list.forEach(value -> collectNames(value, names));
        }
    }

    static List<String> ofType(Map<String, Object> template, String type) {
        return section(template, "Resources").entrySet().stream()
                .filter(e -> type.equals(map(e.getValue()).get("Type")))
                .map(Map.Entry::getKey).sorted().collect(Collectors.toList());
    }

    static Map<String, Object> properties(Map<String, Object> template, String logicalId) {
        return map(map(section(template, "Resources").get(logicalId)).get("Properties"));
    }

    static Map<String, Object> section(Map<String, Object> root, String name) {
        return map(root.get(name));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> object ? (Map<String, Object>) object : Map.of();
    }
}
