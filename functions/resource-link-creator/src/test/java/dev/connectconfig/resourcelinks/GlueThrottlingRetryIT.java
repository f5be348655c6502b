package dev.connectconfig.resourcelinks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.connectconfig.platform.cloudformation.ResourceProperties;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * The Glue client the function builds, against a local HTTP stub that throttles: the SDK's own retry with backoff
 * absorbs Glue's ThrottlingException, so the function never needs a retry loop of its own.
 */
class GlueThrottlingRetryIT {

    @Test
    void theFunctionsGlueClientRetriesThrottledCallsWithBackoff() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<String> targets = new CopyOnWriteArrayList<>();
        HttpServer stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            targets.add(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            boolean throttled = calls.incrementAndGet() <= 2;
            byte[] body = (throttled ? "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}"
                    : "{\"TableList\":[{\"Name\":\"users\",\"DatabaseName\":\"connect_datalake\"}]}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            if (throttled) {
                exchange.getResponseHeaders().add("x-amzn-ErrorType", "ThrottlingException");
            }
            exchange.sendResponseHeaders(throttled ? 400 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        stub.start();
        try (GlueClient glue = GlueResourceLinks.client(URI.create("http://127.0.0.1:"
                + stub.getAddress().getPort()))) {
            ResourceLinkSpec spec = ResourceLinkSpec.from(ResourceProperties
                    .of(Map.of("ProducerAccountId", "111122223333", "ConsumerDatabase", "connect_analytics_consumer",
                            "Tables", List.of("users"))));

            var tables = new GlueResourceLinks(glue).producerTables(spec);

            assertEquals(List.of("users"), List.copyOf(tables.keySet()));
            assertEquals(3, calls.get(), "two throttled attempts, then the answer");
            assertTrue(targets.stream().allMatch("AWSGlue.GetTables"::equals), targets.toString());
        } finally {
            stub.stop(0);
        }
    }
}
