package dev.connectconfig.aws.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The embedded metric format CloudWatch reads, in the shape Powertools metrics writes it. */
class EmbeddedMetricsTest {

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final EmbeddedMetrics metrics = new EmbeddedMetrics("ConnectConfig", "get-config",
            () -> new PrintStream(written, true, StandardCharsets.UTF_8));

    private String[] lines() {
        String text = written.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? new String[0] : text.split("\n");
    }

    @Test
    void oneLinePerFlushWithNamespaceServiceDimensionUnitsAndValues() throws Exception {
        metrics.add("CacheMiss", 1, EmbeddedMetrics.Unit.COUNT);
        metrics.add("ResultBytes", 812, EmbeddedMetrics.Unit.BYTES);
        metrics.flush();
        metrics.flush();

        assertEquals(1, lines().length, "nothing is written for an empty flush");
        JsonNode line = new ObjectMapper().readTree(lines()[0]);
        JsonNode directive = line.at("/_aws/CloudWatchMetrics/0");
        assertEquals("ConnectConfig", directive.get("Namespace").asText());
        assertEquals("[{\"Name\":\"CacheMiss\",\"Unit\":\"Count\"},{\"Name\":\"ResultBytes\",\"Unit\":\"Bytes\"}]",
                directive.get("Metrics").toString());
        assertEquals("[[\"Service\"]]", directive.get("Dimensions").toString());
        assertTrue(line.at("/_aws/Timestamp").isIntegralNumber());
        assertEquals("get-config", line.get("Service").asText());
        assertEquals(1.0, line.get("CacheMiss").asDouble());
        assertEquals(812.0, line.get("ResultBytes").asDouble());
    }

    @Test
    void coldStartIsItsOwnLineWithTheFunctionName() throws Exception {
        metrics.coldStart("GetConfigFunction", "req-1");

        JsonNode line = new ObjectMapper().readTree(lines()[0]);
        assertEquals("[{\"Name\":\"ColdStart\",\"Unit\":\"Count\"}]",
                line.at("/_aws/CloudWatchMetrics/0/Metrics").toString());
        assertEquals("[[\"FunctionName\",\"Service\"]]", line.at("/_aws/CloudWatchMetrics/0/Dimensions").toString());
        assertEquals("GetConfigFunction", line.get("FunctionName").asText());
        assertEquals("req-1", line.get("function_request_id").asText());
        assertEquals(1.0, line.get("ColdStart").asDouble());
    }

    @Test
    void aMetricByDimensionIsItsOwnLinePublishedPerValueAndAsTheTotal() throws Exception {
        metrics.add("CacheMiss", 1, EmbeddedMetrics.Unit.COUNT);
        metrics.addBy("ErrorResults", 1, EmbeddedMetrics.Unit.COUNT, "Code", "NOT_FOUND");

        assertEquals(1, lines().length, "written at once, the pending metrics left for the flush");
        JsonNode line = new ObjectMapper().readTree(lines()[0]);
        assertEquals("[{\"Name\":\"ErrorResults\",\"Unit\":\"Count\"}]",
                line.at("/_aws/CloudWatchMetrics/0/Metrics").toString());
        assertEquals("[[\"Code\",\"Service\"],[\"Service\"]]",
                line.at("/_aws/CloudWatchMetrics/0/Dimensions").toString());
        assertEquals("NOT_FOUND", line.get("Code").asText());
        assertEquals("get-config", line.get("Service").asText());
        assertEquals(1.0, line.get("ErrorResults").asDouble());
        metrics.flush();
        assertEquals(2, lines().length);
        assertTrue(lines()[1].contains("\"CacheMiss\":1.0"), lines()[1]);
    }
}
