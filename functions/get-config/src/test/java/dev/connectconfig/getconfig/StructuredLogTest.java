package dev.connectconfig.getconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connectconfig.testing.TestContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GetConfig's log lines carry the fields and Lambda context Powertools' JSON layout writes, with the same names. */
class StructuredLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(written, true, StandardCharsets.UTF_8);

    private List<JsonNode> lines() throws Exception {
        List<JsonNode> lines = new java.util.ArrayList<>();
        for (String line : written.toString(StandardCharsets.UTF_8).split("\n")) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    @Test
    void aLineHasPowertoolsLambdaFieldsThenTheCallsOwnKeys() throws Exception {
        StructuredLog log = new StructuredLog("get-config", StructuredLog.Level.INFO, () -> out);
        TestContext context = new TestContext("GetConfigFunction");
        Map<String, Object> entries = new LinkedHashMap<>();
        entries.put("configId", "main-queue");
        entries.put("resultBytes", 812);
        entries.put("missingPrompts", List.of("Hold", "Closed"));
        System.setProperty("com.amazonaws.xray.traceHeader", "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");
        try {
            log.info(new StructuredLog.Invocation(context, true), "flow config served", entries);
        } finally {
            System.clearProperty("com.amazonaws.xray.traceHeader");
        }

        JsonNode line = lines().get(0);
        assertEquals(List.of("level", "message", "cold_start", "function_arn", "function_memory_size",
                "function_name", "function_request_id", "function_version", "service", "timestamp", "xray_trace_id",
                "configId", "resultBytes", "missingPrompts"), iterable(line.fieldNames()));
        assertEquals("INFO", line.get("level").asText());
        assertEquals("flow config served", line.get("message").asText());
        assertTrue(line.get("cold_start").isBoolean() && line.get("cold_start").asBoolean());
        assertEquals(context.getInvokedFunctionArn(), line.get("function_arn").asText());
        assertEquals(1024, line.get("function_memory_size").intValue());
        assertTrue(line.get("function_memory_size").isNumber());
        assertEquals("GetConfigFunction", line.get("function_name").asText());
        assertEquals(context.getAwsRequestId(), line.get("function_request_id").asText());
        assertEquals("$LATEST", line.get("function_version").asText());
        assertEquals("get-config", line.get("service").asText());
        assertTrue(line.get("timestamp").asText().matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z"),
                line.get("timestamp").asText());
        assertEquals("1-5759e988-bd862e3fe1be46a994272793", line.get("xray_trace_id").asText());
        assertEquals(812, line.get("resultBytes").intValue());
        assertEquals("[\"Hold\",\"Closed\"]", line.get("missingPrompts").toString());
    }

    @Test
    void linesBelowTheLevelAreDroppedAndErrorsNameTheFailure() throws Exception {
        StructuredLog log = new StructuredLog("get-config", StructuredLog.Level.WARN, () -> out);
        StructuredLog.Invocation invocation = new StructuredLog.Invocation(new TestContext("f"), false);

        log.info(invocation, "dropped", Map.of());
        log.error(invocation, "could not record the call", new IllegalStateException("broken"));

        List<JsonNode> lines = lines();
        assertEquals(1, lines.size());
        assertEquals("ERROR", lines.get(0).get("level").asText());
        assertEquals("broken", lines.get(0).at("/error/message").asText());
        assertEquals("java.lang.IllegalStateException", lines.get(0).at("/error/name").asText());
        assertFalse(lines.get(0).get("cold_start").asBoolean());
    }

    @Test
    void theLevelComesFromLogLevelAsTheTemplateSetsIt() {
        assertEquals(StructuredLog.Level.DEBUG, StructuredLog.level("DEBUG"));
        assertEquals(StructuredLog.Level.WARN, StructuredLog.level("warn"));
        assertEquals(StructuredLog.Level.INFO, StructuredLog.level(null));
        assertEquals(StructuredLog.Level.INFO, StructuredLog.level("LOUD"));
    }

    @Test
    void timestampsAreUtcWithMilliseconds() {
        assertEquals("1970-01-01T00:00:00.000Z", StructuredLog.timestamp(0));
        assertEquals("2026-12-01T04:46:18.904Z", StructuredLog.timestamp(1_796_100_378_904L));
        assertEquals("2000-02-29T23:59:59.007Z", StructuredLog.timestamp(951_868_799_007L));
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> all = new java.util.ArrayList<>();
        names.forEachRemaining(all::add);
        return all;
    }
}
