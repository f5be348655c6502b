package dev.connectconfig.aws.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The helper every handler but GetConfig's runs its calls in. */
class HandlerTelemetryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final HandlerTelemetry telemetry = new HandlerTelemetry(new EmbeddedMetrics("ConnectConfig", "tests",
            () -> new PrintStream(written, true, StandardCharsets.UTF_8)));

    /** Lambda's context as the runtime gives it, reduced to what telemetry reads. */
    private static Context context(String requestId) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getFunctionName" -> "FlowConfigFunction";
                    case "getAwsRequestId" -> requestId;
                    case "getRemainingTimeInMillis", "getMemoryLimitInMB" -> 1024;
                    default -> null;
                });
    }

    private List<JsonNode> lines() throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : written.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    @Test
    void theFirstCallOfAContainerCountsAColdStartAndEachCallFlushesItsOwnMetrics() throws Exception {
        for (String request : List.of("req-1", "req-2")) {
            assertEquals(request, telemetry.around(context(request), () -> {
                telemetry.count("Success", 1);
                telemetry.bytes("ExportBytes", 2048);
                telemetry.milliseconds("ExportDuration", 15);
                telemetry.flush();
                return request;
            }));
        }

        List<JsonNode> lines = lines();
        assertEquals(3, lines.size(), "one cold start, then one line per call");
        assertEquals(1, lines.get(0).get("ColdStart").asInt());
        assertEquals("FlowConfigFunction", lines.get(0).get("FunctionName").asText());
        assertEquals("req-1", lines.get(0).get("function_request_id").asText());
        for (JsonNode call : lines.subList(1, 3)) {
            assertEquals(1, call.get("Success").asInt());
            assertEquals("[{\"Name\":\"Success\",\"Unit\":\"Count\"},{\"Name\":\"ExportBytes\",\"Unit\":\"Bytes\"},"
                    + "{\"Name\":\"ExportDuration\",\"Unit\":\"Milliseconds\"}]",
                    call.at("/_aws/CloudWatchMetrics/0/Metrics").toString());
            assertEquals("tests", call.get("Service").asText());
        }
    }

    @Test
    void aMetricsWriteThatFailsNeverReachesTheCaller() {
        HandlerTelemetry broken = new HandlerTelemetry(new EmbeddedMetrics("ConnectConfig", "tests", () -> {
            throw new IllegalStateException("stdout is gone");
        }));

        String answer = broken.around(context("req-1"), () -> {
            broken.count("Success", 1);
            broken.flush();
            return "answered";
        });

        assertEquals("answered", answer);
    }

    @Test
    void statusesAreCountedAsSuccessClientErrorOrServerError() {
        assertEquals("Success", HandlerTelemetry.outcome(204));
        assertEquals("ClientError", HandlerTelemetry.outcome(429));
        assertEquals("ServerError", HandlerTelemetry.outcome(503));
        assertEquals("Success", HandlerTelemetry.outcome(399));
    }
}
