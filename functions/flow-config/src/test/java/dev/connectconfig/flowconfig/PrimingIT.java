package dev.connectconfig.flowconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.connectconfig.engines.CedarFlowConfigAuthorizer;
import dev.connectconfig.engines.RefusedPort;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** SnapStart priming runs the real read path (claims, DynamoDB Local, Cedar) once, changes nothing, never throws. */
class PrimingIT {

    @Test
    void primingReadsAConfigNoOneHasThroughTheWholeCallPathAndChangesNothing() throws Exception {
        try (ApiFixture api = ApiFixture.start()) {
            var before = api.snapshot();
            int decisions = api.cedar.decisions();

            int status = Priming.prime(api.handler);

            assertEquals(404, status, "the priming caller may read its own id, which no config has");
            assertEquals(decisions + 1, api.cedar.decisions(), "the authorisation decision ran");
            assertEquals(before, api.snapshot(), "priming changed nothing");
        }
    }

    @Test
    void anUnreachableStoreNeverFailsTheSnapshot() throws Exception {
        try (RefusedPort refused = new RefusedPort();
                DynamoDbClient client = DynamoDbClient.builder().endpointOverride(refused.endpoint())
                        .region(Region.US_EAST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                        .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD)
                                .apiCallTimeout(Duration.ofSeconds(5)))
                        .build()) {
            FlowConfigHandler handler = new FlowConfigHandler(FlowConfigFactory.build(
                    new DynamoDbFlowConfigRepository(client, "flow-configs", "flow-config-history"),
                    new CedarFlowConfigAuthorizer(), Clock.systemUTC()), "*");

            assertEquals(503, Priming.prime(handler), "the store's failure is answered, not thrown");
        }
    }
}
