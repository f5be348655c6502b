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
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What private mode lets the functions do on the network, read from template.yaml under its conditions: the EC2
 * permissions Lambda needs to attach them to the VPC and nothing more, and security groups that allow HTTPS to the
 * endpoints only.
 */
class NetworkPermissionsTest {

    /** The EC2 actions of AWSLambdaVPCAccessExecutionRole: what Lambda calls with the role to attach a function. */
    static final Set<String> LAMBDA_NETWORK_ACTIONS = Set.of("ec2:CreateNetworkInterface",
            "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets", "ec2:DeleteNetworkInterface",
            "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses");
    static final String ACCOUNT_AND_REGION = "arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:";

    private final Map<String, Object> root = CloudFormationTemplate.load().root();
    private final TemplateUnderConditions privately = new TemplateUnderConditions(root, VpcEndpointsTest.PRIVATE);
    private final TemplateUnderConditions publicly = new TemplateUnderConditions(root, Map.of());

    /**
     * SAM attaches AWSLambdaVPCAccessExecutionRole (network interfaces on "*") to the role of every function with a
     * VpcConfig, even one an Fn::If leaves outside the VPC; so every such function carries the boundary.
     */
    @Test
    void everyFunctionThatCanBeInTheVpcIsCappedByTheNetworkBoundary() {
        List<String> inVpc = new ArrayList<>();
        SamTransformTest.section(root, "Resources").forEach((id, body) -> {
            Map<String, Object> properties = map(map(body).get("Properties"));
            if (properties.containsKey("VpcConfig")) {
                inVpc.add(id);
                assertEquals(Map.of("Ref", "FunctionNetworkBoundary"), properties.get("PermissionsBoundary"), id);
            }
        });
        assertEquals(List.of("GetConfigFunction", "FlowConfigFunction", "PreviewSpeechFunction", "AdminAppFunction"),
                inVpc);
    }

    @Test
    void inPrivateModeTheBoundaryAllowsOnlyTheCallsLambdaMakesToAttachTheFunctionsToThisVpc() {
        Map<String, Map<String, Object>> ec2 = ec2Statements(privately);

        Set<String> actions = new TreeSet<>();
        ec2.values().forEach(statement -> strings(statement.get("Action")).forEach(a -> actions.add(a.toString())));
        assertEquals(new TreeSet<>(LAMBDA_NETWORK_ACTIONS), actions);
        assertEquals(List.of(Map.of("Fn::Sub", ACCOUNT_AND_REGION + "network-interface/*")),
                strings(ec2.get("NewNetworkInterfaces").get("Resource")));
        Map<String, Object> inTheVpc = ec2.get("InTheVpcsSubnetsAndSecurityGroups");
        assertEquals(List.of("ec2:CreateNetworkInterface"), strings(inTheVpc.get("Action")));
        assertEquals(List.of(Map.of("Fn::Sub", ACCOUNT_AND_REGION + "subnet/*"),
                Map.of("Fn::Sub", ACCOUNT_AND_REGION + "security-group/*")), strings(inTheVpc.get("Resource")));
        assertEquals(Map.of("ArnEquals", Map.of("ec2:Vpc", Map.of("Fn::Sub", ACCOUNT_AND_REGION + "vpc/${VpcId}"))),
                inTheVpc.get("Condition"), "subnets and security groups of this VPC only");
        assertEquals(List.of(Map.of("Fn::Sub", ACCOUNT_AND_REGION + "network-interface/*")),
                strings(ec2.get("ManageTheNetworkInterfaces").get("Resource")));
        ec2.forEach((sid, statement) -> {
            if (statement.get("Resource").equals("*")) {
                assertTrue(strings(statement.get("Action")).stream().allMatch(a -> a.toString()
                        .startsWith("ec2:Describe")), sid + ": only descriptions, which have no resource scope");
            }
        });
    }

    @Test
    void inPublicModeTheBoundaryAllowsNoEc2CallAtAll() {
        assertEquals(Map.of(), ec2Statements(publicly));
        List<?> statements = (List<?>) CloudFormationTemplate.at(publicly.properties("FunctionNetworkBoundary"),
                "PolicyDocument", "Statement");
        assertEquals(1, statements.size());
        assertEquals("ec2:*", map(statements.get(0)).get("NotAction"), "everything the roles grant but EC2");
        assertFalse(publicly.has("FunctionSecurityGroup"));
        assertEquals(List.of(), publicly.ofType("AWS::EC2::VPCEndpoint"));
        assertFalse(publicly.properties("GetConfigFunction").containsKey("VpcConfig"), "public: outside any VPC");
    }

    @Test
    void theSecurityGroupsAllowHttpsToTheEndpointsOnly() {
        Map<String, Object> functions = privately.properties("FunctionSecurityGroup");
        List<?> egress = (List<?>) functions.get("SecurityGroupEgress");
        assertEquals(1, egress.size());
        assertHttps(egress.get(0));
        assertEquals(Map.of("Ref", "DynamoDbPrefixListId"), map(egress.get(0)).get("DestinationPrefixListId"));
        Map<String, Object> toEndpoints = privately.properties("FunctionToEndpointsEgress");
        assertHttps(toEndpoints);
        assertEquals(Map.of("Fn::GetAtt", List.of("VpcEndpointSecurityGroup", "GroupId")),
                toEndpoints.get("DestinationSecurityGroupId"));
        assertFalse(functions.containsKey("SecurityGroupIngress"), "nothing connects to a function");

        List<?> endpointsIn = (List<?>) privately.properties("VpcEndpointSecurityGroup").get("SecurityGroupIngress");
        assertEquals(1, endpointsIn.size());
        assertHttps(endpointsIn.get(0));
        assertEquals(Map.of("Fn::GetAtt", List.of("FunctionSecurityGroup", "GroupId")),
                map(endpointsIn.get(0)).get("SourceSecurityGroupId"));
        List<?> apiIn = (List<?>) privately.properties("ApiEndpointSecurityGroup").get("SecurityGroupIngress");
        assertEquals(1, apiIn.size());
        assertHttps(apiIn.get(0));
        assertEquals(Map.of("Ref", "ApiClientCidr"), map(apiIn.get(0)).get("CidrIp"));
        for (String group : List.of("VpcEndpointSecurityGroup", "ApiEndpointSecurityGroup")) {
            for (Object rule : (List<?>) privately.properties(group).get("SecurityGroupEgress")) {
                assertEquals("255.255.255.255/32", map(rule).get("CidrIp"), group + " starts no connection");
            }
        }
    }

    @Test
    void theFunctionsInTheVpcUseTheSubnetsAndTheGroupsGiven() {
        Map<String, String> own = new LinkedHashMap<>(VpcEndpointsTest.PRIVATE);
        own.put("FunctionSecurityGroupIds", "sg-0a1b2c3d4e5f60718,sg-0a1b2c3d4e5f60719");
        TemplateUnderConditions withOwnGroups = new TemplateUnderConditions(root, own);

        for (String function : List.of("GetConfigFunction", "FlowConfigFunction", "PreviewSpeechFunction",
                "AdminAppFunction")) {
            assertEquals(Map.of("SubnetIds", Map.of("Fn::Split", List.of(",", Map.of("Ref", "PrivateSubnetIds"))),
                    "SecurityGroupIds", List.of(Map.of("Fn::GetAtt", List.of("FunctionSecurityGroup", "GroupId")))),
                    privately.properties(function).get("VpcConfig"), function);
            assertEquals(Map.of("Fn::Split", List.of(",", Map.of("Ref", "FunctionSecurityGroupIds"))),
                    CloudFormationTemplate.at(withOwnGroups.properties(function), "VpcConfig", "SecurityGroupIds"));
        }
        assertFalse(withOwnGroups.has("FunctionSecurityGroup"), "your groups replace the stack's");
    }

    private static void assertHttps(Object rule) {
        assertEquals("tcp", map(rule).get("IpProtocol"), String.valueOf(rule));
        assertEquals(443, ((Number) map(rule).get("FromPort")).intValue(), String.valueOf(rule));
        assertEquals(443, ((Number) map(rule).get("ToPort")).intValue(), String.valueOf(rule));
    }

    /** The boundary's statements that allow an EC2 action, by Sid. */
    private static Map<String, Map<String, Object>> ec2Statements(TemplateUnderConditions deployed) {
        Map<String, Map<String, Object>> ec2 = new LinkedHashMap<>();
        for (Object statement : (List<?>) CloudFormationTemplate.at(deployed.properties("FunctionNetworkBoundary"),
                "PolicyDocument", "Statement")) {
            if (strings(map(statement).get("Action")).stream().anyMatch(a -> a.toString().startsWith("ec2:"))) {
                assertEquals("Allow", map(statement).get("Effect"));
                ec2.put(String.valueOf(map(statement).get("Sid")), map(statement));
            }
        }
        return ec2;
    }

    private static List<?> strings(Object value) {
        return value instanceof List<?> list ? list : value == null ? List.of() : List.of(value);
    }
}
