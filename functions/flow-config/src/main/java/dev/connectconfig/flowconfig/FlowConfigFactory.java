package dev.connectconfig.flowconfig;

import dev.connectconfig.shared.auth.VerifiedPermissionsAuthorizer;
import dev.connectconfig.shared.aws.AwsClients;
import dev.connectconfig.shared.aws.Env;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.verifiedpermissions.VerifiedPermissionsClient;

/** Builds the service from the environment the template sets, with clients that give up before API Gateway's 29 s. */
final class FlowConfigFactory {

    static final String TABLE_VARIABLE = "FLOW_CONFIG_TABLE";
    static final String HISTORY_TABLE_VARIABLE = "FLOW_CONFIG_HISTORY_TABLE";
    static final String POLICY_STORE_VARIABLE = "POLICY_STORE_ID";

    /** An editor is waiting: 3 attempts of at most 4 s, 10 s in all. */
    static final AwsClients.Timeouts TIMEOUTS = new AwsClients.Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(4),
            Duration.ofSeconds(10), 3);

    private FlowConfigFactory() {
    }

    static FlowConfigService fromEnvironment() {
        DynamoDbClient dynamoDb = AwsClients.build(DynamoDbClient.builder(), TIMEOUTS, null);
        VerifiedPermissionsClient permissions = AwsClients.build(VerifiedPermissionsClient.builder(), TIMEOUTS, null);
        return new FlowConfigService(
                new DynamoDbFlowConfigRepository(dynamoDb, Env.required(TABLE_VARIABLE),
                        Env.required(HISTORY_TABLE_VARIABLE)),
                new VerifiedPermissionsAuthorizer(permissions, Env.required(POLICY_STORE_VARIABLE)),
                Clock.systemUTC());
    }
}
