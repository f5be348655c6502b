package dev.connectconfig.flowconfig;

import dev.connectconfig.api.auth.FlowConfigAuthorizer;
import dev.connectconfig.api.auth.VerifiedPermissionsAuthorizer;
import dev.connectconfig.aws.AwsClients;
import dev.connectconfig.aws.Env;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.verifiedpermissions.VerifiedPermissionsClient;

/**
 * Builds the API's parts once: from the environment the template sets, with clients that give up before API
 * Gateway's 29 s, or from a repository, an authorizer and a clock given by a test. Each part gets the collaborators
 * it uses; none calls back into another.
 */
final class FlowConfigFactory {

    static final String TABLE_VARIABLE = "FLOW_CONFIG_TABLE";
    static final String HISTORY_TABLE_VARIABLE = "FLOW_CONFIG_HISTORY_TABLE";
    static final String POLICY_STORE_VARIABLE = "POLICY_STORE_ID";

    /** An editor is waiting: 3 attempts of at most 4 s, 10 s in all. */
    static final AwsClients.Timeouts TIMEOUTS = new AwsClients.Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(4),
            Duration.ofSeconds(10), 3);

    private FlowConfigFactory() {
    }

    static FlowConfigApi fromEnvironment() {
        DynamoDbClient dynamoDb = AwsClients.build(DynamoDbClient.builder(), TIMEOUTS, null);
        VerifiedPermissionsClient permissions = AwsClients.build(VerifiedPermissionsClient.builder(), TIMEOUTS, null);
        return build(new DynamoDbFlowConfigRepository(dynamoDb, Env.required(TABLE_VARIABLE),
                        Env.required(HISTORY_TABLE_VARIABLE)),
                new VerifiedPermissionsAuthorizer(permissions, Env.required(POLICY_STORE_VARIABLE)),
                Clock.systemUTC(), CALLS, EmergencySwitch.Limits.fromEnvironment());
    }

    /** The pool every part of this container makes its concurrent AWS calls on: built once, like the clients. */
    private static final ParallelCalls CALLS = ParallelCalls.of(ParallelCalls.IN_FLIGHT);

    static FlowConfigApi build(FlowConfigRepository repository, FlowConfigAuthorizer authorizer, Clock clock) {
        return build(repository, authorizer, clock, CALLS, EmergencySwitch.Limits.DEFAULT);
    }

    /** With the switch's limits and the calls' concurrency a test chooses (a short budget, one call at a time). */
    static FlowConfigApi build(FlowConfigRepository repository, FlowConfigAuthorizer authorizer, Clock clock,
            ParallelCalls calls, EmergencySwitch.Limits limits) {
        ConfigCatalog catalog = new ConfigCatalog(repository, authorizer, calls, clock);
        ConfigWriter writer = new ConfigWriter(repository, catalog, clock);
        CalendarService calendars = new CalendarService(repository, repository, authorizer, catalog, writer);
        return new FlowConfigApi(new FlowConfigService(repository, authorizer, writer), catalog,
                new ConfigTransfer(repository, catalog, writer, calendars),
                new ConfigPreview(repository, authorizer, writer),
                new EmergencySwitch(repository, catalog, writer, limits),
                new ScheduleTimeline(repository, authorizer, clock), calendars);
    }
}
