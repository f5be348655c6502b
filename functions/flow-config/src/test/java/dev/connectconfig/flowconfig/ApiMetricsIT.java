package dev.connectconfig.flowconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.connectconfig.api.auth.VerifiedPermissionsAuthorizer;
import dev.connectconfig.engines.RefusedPort;
import dev.connectconfig.testing.CapturedOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.verifiedpermissions.VerifiedPermissionsClient;

/**
 * The FlowConfig API's own metrics in the EMF lines the real handler writes: {@code AuthorizationUnavailable} when
 * Verified Permissions does not answer (a real SDK client against a port that refuses connections), and
 * {@code EmergencySwitches} / {@code EmergencySwitchConfigs} for a switch that changed configs.
 */
class ApiMetricsIT extends ApiIntegrationTest {

    /** The EMF lines a request wrote, each as its metric values by name. */
    private static List<JsonNode> metricLines(FlowConfigHandler handler, APIGatewayProxyRequestEvent request,
            int expectedStatus) {
        StringBuilder output = new StringBuilder();
        APIGatewayProxyResponseEvent response = CapturedOutput.capture(output, () -> ApiFixture.invoke(handler,
                request));
        assertEquals(expectedStatus, response.getStatusCode(), response.getBody());
        List<JsonNode> lines = new ArrayList<>();
        for (String line : output.toString().split("\n")) {
            if (line.startsWith("{\"_aws\"")) {
                try {
                    lines.add(ApiFixture.JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return lines;
    }

    /** The value of {@code metric} in the request's lines (0 if absent), checking it sits in the namespace. */
    private static double metric(List<JsonNode> lines, String metric) {
        double total = 0;
        for (JsonNode line : lines) {
            if (line.has(metric)) {
                assertEquals("ConnectConfig", line.at("/_aws/CloudWatchMetrics/0/Namespace").asText());
                assertEquals("[[\"Service\"]]", line.at("/_aws/CloudWatchMetrics/0/Dimensions").toString());
                assertTrue(line.at("/_aws/CloudWatchMetrics/0/Metrics").toString().contains("{\"Name\":\""
                        + metric + "\",\"Unit\":\"Count\"}"), line.toString());
                total += line.get(metric).asDouble();
            }
        }
        return total;
    }

    @Test
    void aRequestVerifiedPermissionsCouldNotDecideIsCountedAsAuthorizationUnavailable() throws Exception {
        try (RefusedPort refused = new RefusedPort();
                VerifiedPermissionsClient down = VerifiedPermissionsClient.builder()
                        .endpointOverride(refused.endpoint()).region(Region.US_EAST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("l", "l")))
                        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                                .apiCallTimeout(Duration.ofSeconds(5)))
                        .build()) {
            FlowConfigHandler handler = new FlowConfigHandler(FlowConfigFactory.build(api.repository,
                    new VerifiedPermissionsAuthorizer(down, "PS"), Clock.systemUTC()), "https://config.example.com");
            List<JsonNode> lines = metricLines(handler, new ApiFixture.Request("GET", "/flow-configs/{id}")
                    .id("main-queue").claims(ApiFixture.admin()).build(), 503);

            assertEquals(1.0, metric(lines, "AuthorizationUnavailable"));
            assertEquals(1.0, metric(lines, "ServerError"));
        }
        List<JsonNode> answered = metricLines(api.handler, new ApiFixture.Request("GET", "/flow-configs/{id}")
                .id("main-queue").claims(ApiFixture.admin()).build(), 200);
        assertEquals(0.0, metric(answered, "AuthorizationUnavailable"));
        assertEquals(1.0, metric(answered, "Success"));
    }

    @Test
    void aSwitchThatChangedConfigsIsCountedAndADryRunIsNot() {
        api.reset();
        Map<String, Object> on = Map.of("ids", List.of("main-queue", "sales-emea"),
                "set", Map.of("variables", Map.of("Closure", "true")));

        List<JsonNode> dryRun = metricLines(api.handler, new ApiFixture.Request("POST", "/flow-configs/emergency")
                .query("dryRun", "true").json(on).claims(ApiFixture.admin()).build(), 200);
        assertEquals(0.0, metric(dryRun, "EmergencySwitches"));

        List<JsonNode> started = metricLines(api.handler, new ApiFixture.Request("POST", "/flow-configs/emergency")
                .json(on).claims(ApiFixture.admin()).build(), 200);
        assertEquals(1.0, metric(started, "EmergencySwitches"));
        assertEquals(2.0, metric(started, "EmergencySwitchConfigs"));

        List<JsonNode> again = metricLines(api.handler, new ApiFixture.Request("POST", "/flow-configs/emergency")
                .json(on).claims(ApiFixture.admin()).build(), 200);
        assertEquals(0.0, metric(again, "EmergencySwitches"), "nothing changed: the switch was already on");

        List<JsonNode> ended = metricLines(api.handler, new ApiFixture.Request("DELETE", "/flow-configs/emergency")
                .query("ids", "main-queue").claims(ApiFixture.admin()).build(), 200);
        assertEquals(1.0, metric(ended, "EmergencySwitches"));
        assertEquals(1.0, metric(ended, "EmergencySwitchConfigs"));
    }
}
