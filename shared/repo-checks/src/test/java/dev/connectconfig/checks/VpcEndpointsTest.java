package dev.connectconfig.checks;

import static dev.connectconfig.checks.SamTransformTest.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectconfig.engines.CloudFormationTemplate;
import dev.connectconfig.engines.RepoFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NetworkMode=private reaches AWS only through VPC endpoints. For every function the transformed template puts in
 * the VPC, the AWS services it calls are derived from its code (the SDK service packages its module, and the shared
 * modules its pom names for run time, import) and from its role (the services of the actions its policies and
 * managed policies allow); each needs an endpoint the stack creates (or, with CreateVpcEndpoints=false, one the
 * platform team's page lists for the organisation to provide).
 */
class VpcEndpointsTest {

    /** Every option on, so every function and role that can exist does. */
    static final Map<String, String> PRIVATE = Map.ofEntries(
            Map.entry("NetworkMode", "private"),
            Map.entry("VpcId", SamTransformTest.EXAMPLE_VALUES.get("VpcId")),
            Map.entry("PrivateSubnetIds", SamTransformTest.EXAMPLE_VALUES.get("PrivateSubnetIds")),
            Map.entry("PrivateRouteTableIds", SamTransformTest.DEPLOYABLE.get("PrivateRouteTableIds")),
            Map.entry("DynamoDbPrefixListId", SamTransformTest.DEPLOYABLE.get("DynamoDbPrefixListId")),
            Map.entry("EnableAnalytics", "true"),
            Map.entry("ProducerAccountId", SamTransformTest.DEPLOYABLE.get("ProducerAccountId")),
            Map.entry("EnableMonitoring", "true"),
            Map.entry("ConnectInstanceArn", SamTransformTest.EXAMPLE_VALUES.get("ConnectInstanceArn")));

    /** The services of AWS managed policies SAM attaches to a function's role, by the policy's name. */
    static final Map<String, Set<String>> MANAGED_POLICY_SERVICES = Map.of(
            "service-role/AWSLambdaBasicExecutionRole", Set.of("logs"),
            "AWSXrayWriteOnlyAccess", Set.of("xray"),
            "service-role/AWSLambdaVPCAccessExecutionRole", Set.of("logs", "ec2"));
    /**
     * Services a role names that no call from inside the VPC reaches: Lambda itself makes the function's network
     * interfaces with the role (EC2), from its own network, to attach the function.
     */
    static final Set<String> CALLED_BY_LAMBDA_ITSELF = Set.of("ec2");
    /** Where an SDK package or an IAM prefix differs from the endpoint's service name (com.amazonaws.region.X). */
    static final Map<String, String> ENDPOINT_NAME = Map.of("cloudwatchlogs", "logs", "cloudwatch", "monitoring");

    private static final Pattern SDK_IMPORT = Pattern.compile("import\\s+software\\.amazon\\.awssdk\\.services\\.(\\w+)\\.");
    private static final Pattern DEPENDENCY = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
    private static final Pattern ENDPOINT_SERVICE = Pattern.compile("^com\\.amazonaws\\.\\$\\{AWS::Region}\\.([a-z0-9.-]+)$");

    @TempDir
    Path directory;

    @BeforeEach
    void translatorRunsHere() {
        SamTranslator.assumeAvailable();
    }

    @Test
    void everyServiceAFunctionInTheVpcCallsHasAnEndpointTheStackCreates() {
        TemplateUnderConditions deployed = new TemplateUnderConditions(SamTranslator.transform(PRIVATE), PRIVATE);

        Map<String, Map<String, String>> calls = servicesCalledFromTheVpc(deployed);

        assertEquals(Set.of("GetConfigFunction", "FlowConfigFunction", "PreviewSpeechFunction", "AdminAppFunction"),
                calls.keySet(), "the functions in the VPC (the analytics ones and the custom resources stay out)");
        assertEquals(Set.of("dynamodb", "logs", "xray"), calls.get("GetConfigFunction").keySet());
        assertEquals(Set.of("dynamodb", "verifiedpermissions", "polly", "logs", "xray"),
                calls.get("PreviewSpeechFunction").keySet());
        assertEquals("code and role", calls.get("PreviewSpeechFunction").get("polly"));
        assertEquals(List.of(), missingEndpoints(deployed));
        assertEquals(Set.of("dynamodb", "verifiedpermissions", "polly", "logs", "xray", "execute-api"),
                endpoints(deployed).keySet(), "no endpoint nothing calls (each costs per hour)");
        assertEquals("Gateway", deployed.properties(endpoints(deployed).get("dynamodb")).get("VpcEndpointType"));
    }

    @Test
    void aMissingEndpointIsReportedWithTheFunctionThatNeedsIt() throws IOException {
        Path template = SamTranslator.mutated(directory,
                "  PollyEndpoint:\n    Type: AWS::EC2::VPCEndpoint\n    Condition: CreateStackVpcEndpoints\n",
                "  PollyEndpoint:\n    Type: AWS::EC2::VPCEndpoint\n    Condition: SetApiGatewayLogsRole\n");
        TemplateUnderConditions deployed = new TemplateUnderConditions(
                SamTranslator.transformAll(template, List.of(PRIVATE)).get(0), PRIVATE);

        assertEquals(List.of("PreviewSpeechFunction calls polly (code and role), but private mode creates no "
                + "com.amazonaws.<region>.polly endpoint"), missingEndpoints(deployed));
    }

    /** Were the export in the VPC, what it calls through Athena (Glue, Lake Formation, S3) would need endpoints too. */
    @Test
    void aFunctionMovedIntoTheVpcNeedsEndpointsForWhatItsCodeAndRoleCall() throws IOException {
        Path template = SamTranslator.mutated(directory,
                "      Handler: dev.connectconfig.usersexport.UsersExportHandler::handleRequest\n",
                "      Handler: dev.connectconfig.usersexport.UsersExportHandler::handleRequest\n"
                        + "      VpcConfig:\n        SubnetIds: [subnet-0a1b2c3d4e5f60718]\n"
                        + "        SecurityGroupIds: [sg-0a1b2c3d4e5f60718]\n");
        TemplateUnderConditions deployed = new TemplateUnderConditions(
                SamTranslator.transformAll(template, List.of(PRIVATE)).get(0), PRIVATE);

        Map<String, String> export = servicesCalledFromTheVpc(deployed).get("UsersExportFunction");

        assertEquals("code and role", export.get("athena"));
        assertEquals("code and role", export.get("s3"));
        assertEquals("role", export.get("glue"));
        assertEquals("role", export.get("lakeformation"));
        Set<String> missing = new TreeSet<>();
        missingEndpoints(deployed).forEach(problem -> missing.add(problem.split(" ")[2]));
        // cloudformation: the code of platform-kit, the custom-resource kit the export's module runs with; the
        // derivation is per module, so it errs on the side of an endpoint too many.
        assertEquals(Set.of("athena", "cloudformation", "glue", "lakeformation", "s3"), missing);
        assertFalse(export.containsKey("sqs"), "the failure destination is Lambda's to deliver to, not the code's");
    }

    /** With CreateVpcEndpoints=false the organisation provides them: the platform team's page lists each one. */
    @Test
    void thePlatformTeamsPageListsEveryEndpointTheFunctionsNeed() throws IOException {
        String page = Files.readString(RepoFiles.path("docs/platform-team.md"));
        TemplateUnderConditions deployed = new TemplateUnderConditions(SamTranslator.transform(PRIVATE), PRIVATE);
        Set<String> needed = new TreeSet<>(endpoints(deployed).keySet());
        servicesCalledFromTheVpc(deployed).values().forEach(services -> needed.addAll(services.keySet()));

        for (String service : needed) {
            assertTrue(page.contains("com.amazonaws.<region>." + service + "`"), "docs/platform-team.md does not list "
                    + "the " + service + " endpoint for organisations that bring their own (CreateVpcEndpoints=false)");
        }
    }

    @Test
    void withTheOrganisationsEndpointsTheStackCreatesNoneAndTheApiAdmitsTheirs() {
        Map<String, String> values = new LinkedHashMap<>(PRIVATE);
        values.put("CreateVpcEndpoints", "false");
        values.put("ApiVpcEndpointIds", "vpce-0a1b2c3d4e5f60718,vpce-0a1b2c3d4e5f60719");
        values.put("FunctionSecurityGroupIds", "sg-0a1b2c3d4e5f60718");
        TemplateUnderConditions deployed = new TemplateUnderConditions(SamTranslator.transform(values), values);

        assertEquals(List.of(), deployed.ofType("AWS::EC2::VPCEndpoint"));
        assertEquals(List.of(), deployed.ofType("AWS::EC2::SecurityGroup"));
        Map<String, Object> api = deployed.properties("FlowConfigApi");
        assertEquals(Map.of("Types", List.of("PRIVATE"), "VpcEndpointIds",
                List.of("vpce-0a1b2c3d4e5f60718", "vpce-0a1b2c3d4e5f60719")), resolvedSplits(api.get(
                        "EndpointConfiguration"), values));
        assertEquals(List.of("vpce-0a1b2c3d4e5f60718", "vpce-0a1b2c3d4e5f60719"), resolvedSplits(
                onlyThroughTheEndpoints(deployed).get("aws:SourceVpce"), values));
        assertEquals(List.of("sg-0a1b2c3d4e5f60718"), resolvedSplits(CloudFormationTemplate.at(deployed.properties(
                "GetConfigFunction"), "VpcConfig", "SecurityGroupIds"), values));
    }

    @Test
    void thePrivateApiAdmitsOnlyItsEndpointAndThePublicOneIsAsBefore() {
        List<Map<String, Object>> both = SamTranslator.transformAll(RepoFiles.path("template.yaml"),
                List.of(PRIVATE, Map.of()));
        TemplateUnderConditions privately = new TemplateUnderConditions(both.get(0), PRIVATE);
        TemplateUnderConditions publicly = new TemplateUnderConditions(both.get(1), Map.of());

        assertEquals(Map.of("Types", List.of("PRIVATE"), "VpcEndpointIds", List.of(Map.of("Ref", "ExecuteApiEndpoint"))),
                privately.properties("FlowConfigApi").get("EndpointConfiguration"));
        assertEquals(Map.of("StringNotEquals", Map.of("aws:SourceVpce", List.of(Map.of("Ref", "ExecuteApiEndpoint")))),
                Map.of("StringNotEquals", onlyThroughTheEndpoints(privately)));
        assertEquals(Map.of("Types", List.of("EDGE")), publicly.properties("FlowConfigApi").get("EndpointConfiguration"));
        List<?> statements = (List<?>) CloudFormationTemplate.at(publicly.properties("FlowConfigApi"), "Body",
                "x-amazon-apigateway-policy", "Statement");
        assertEquals(1, statements.size(), "public: the one Allow, as an API without a policy: " + statements);
        assertEquals("Allow", map(statements.get(0)).get("Effect"));
    }

    /** What each function in the VPC calls: endpoint service name → where it was found ("code", "role", both). */
    static Map<String, Map<String, String>> servicesCalledFromTheVpc(TemplateUnderConditions deployed) {
        Map<String, Map<String, String>> calls = new TreeMap<>();
        for (String function : deployed.ofType("AWS::Lambda::Function")) {
            Map<String, Object> properties = deployed.properties(function);
            if (properties.get("VpcConfig") == null) {
                continue;
            }
            Map<String, String> services = new TreeMap<>();
            String module = String.valueOf(map(properties.get("Code")).get("S3Key")).replaceAll("/target/.*$", "");
            for (String service : servicesInCode(module)) {
                services.merge(service, "code", (a, b) -> a + " and " + b);
            }
            for (String service : servicesInRole(deployed, properties.get("Role"))) {
                services.merge(service, "role", (a, b) -> a + " and " + b);
            }
            calls.put(function, services);
        }
        return calls;
    }

    /** The VPC endpoints the stack creates, by service name, with their logical ids. */
    static Map<String, String> endpoints(TemplateUnderConditions deployed) {
        Map<String, String> endpoints = new TreeMap<>();
        for (String endpoint : deployed.ofType("AWS::EC2::VPCEndpoint")) {
            Matcher service = ENDPOINT_SERVICE.matcher(String.valueOf(map(deployed.properties(endpoint)
                    .get("ServiceName")).get("Fn::Sub")));
            assertTrue(service.matches(), endpoint + ": " + deployed.properties(endpoint).get("ServiceName"));
            endpoints.put(service.group(1), endpoint);
        }
        return endpoints;
    }

    static List<String> missingEndpoints(TemplateUnderConditions deployed) {
        Set<String> endpoints = endpoints(deployed).keySet();
        List<String> missing = new ArrayList<>();
        servicesCalledFromTheVpc(deployed).forEach((function, services) -> services.forEach((service, where) -> {
            if (!endpoints.contains(service)) {
                missing.add(function + " calls " + service + " (" + where + "), but private mode creates no "
                        + "com.amazonaws.<region>." + service + " endpoint");
            }
        }));
        return missing;
    }

    /** The SDK services the module's code and the shared modules it runs with import. */
    static Set<String> servicesInCode(String module) {
        Set<String> services = new TreeSet<>();
        for (Path dir : runtimeModules(RepoFiles.path(module), new TreeSet<>())) {
            Path sources = dir.resolve("src/main/java");
            if (!Files.isDirectory(sources)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher imports = SDK_IMPORT.matcher(Files.readString(file));
                    while (imports.find()) {
                        services.add(ENDPOINT_NAME.getOrDefault(imports.group(1), imports.group(1)));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return services;
    }

    /** The module and, through its pom's dependencies that are not test-scoped, every project module it runs with. */
    private static Set<Path> runtimeModules(Path module, Set<Path> seen) {
        if (!seen.add(module)) {
            return seen;
        }
        try {
            Matcher dependencies = DEPENDENCY.matcher(Files.readString(module.resolve("pom.xml")));
            while (dependencies.find()) {
                String dependency = dependencies.group(1);
                Matcher artifact = Pattern.compile("<groupId>dev\\.connectconfig</groupId>\\s*<artifactId>([\\w-]+)"
                        + "</artifactId>").matcher(dependency);
                if (artifact.find() && !dependency.contains("<scope>test</scope>")) {
                    Path shared = RepoFiles.path("shared/" + artifact.group(1));
                    assertTrue(Files.isDirectory(shared), "a project dependency outside shared/: " + artifact.group(1));
                    runtimeModules(shared, seen);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return seen;
    }

    /** The services of the actions the function's role allows (its policies' and its managed policies'). */
    static Set<String> servicesInRole(TemplateUnderConditions deployed, Object roleArn) {
        Object roleId = ((List<?>) map(roleArn).get("Fn::GetAtt")).get(0);
        Map<String, Object> role = deployed.properties(String.valueOf(roleId));
        Set<String> services = new TreeSet<>();
        for (Object policy : listOf(role.get("Policies"))) {
            if (String.valueOf(map(policy).get("PolicyName")).contains("EventInvokeConfig")) {
                continue; // SAM's, for an asynchronous invocation's destination: Lambda delivers to it with the role
            }
            for (Object statement : listOf(CloudFormationTemplate.at(policy, "PolicyDocument", "Statement"))) {
                for (Object action : listOf(map(statement).get("Action"))) {
                    String prefix = String.valueOf(action).split(":")[0];
                    services.add(ENDPOINT_NAME.getOrDefault(prefix, prefix));
                }
            }
        }
        for (Object arn : listOf(role.get("ManagedPolicyArns"))) {
            String name = String.valueOf(arn).replaceFirst("^arn:[^:]+:iam::aws:policy/", "");
            assertTrue(MANAGED_POLICY_SERVICES.containsKey(name), "say which services managed policy " + arn
                    + " allows (MANAGED_POLICY_SERVICES)");
            services.addAll(MANAGED_POLICY_SERVICES.get(name));
        }
        services.removeAll(CALLED_BY_LAMBDA_ITSELF);
        return services;
    }

    private static Map<String, Object> onlyThroughTheEndpoints(TemplateUnderConditions deployed) {
        for (Object statement : listOf(CloudFormationTemplate.at(deployed.properties("FlowConfigApi"), "Body",
                "x-amazon-apigateway-policy", "Statement"))) {
            if ("Deny".equals(map(statement).get("Effect"))) {
                return map(map(map(statement).get("Condition")).get("StringNotEquals"));
            }
        }
        throw new AssertionError("no Deny statement in the API's resource policy");
    }

    /** Each Fn::Split of a literal or a parameter's Ref as the list CloudFormation makes of it. */
    private static Object resolvedSplits(Object node, Map<String, String> values) {
        if (node instanceof Map<?, ?> object && object.size() == 1 && object.get("Fn::Split") instanceof List<?> split) {
            Object source = split.get(1);
            String text = source instanceof String literal ? literal
                    : values.get(String.valueOf(map(source).get("Ref")));
            return List.of(text.split(Pattern.quote(String.valueOf(split.get(0)))));
        }
        if (node instanceof Map<?, ?> object) {
            Map<String, Object> out = new LinkedHashMap<>();
            object.forEach((key, value) -> out.put(String.valueOf(key), resolvedSplits(value, values)));
            return out;
        }
        return node;
    }

    private static List<?> listOf(Object value) {
        return value instanceof List<?> list ? list : value == null ? List.of() : List.of(value);
    }
}
