package dev.connectconfig.aws.telemetry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.connectconfig.aws.Env;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * CloudWatch metrics in the embedded metric format (one JSON line CloudWatch Logs turns into metrics), as Powertools
 * metrics writes them: the namespace, a {@code Service} dimension, and {@code ColdStart} on its own line with a
 * {@code FunctionName} dimension. Written directly, with Jackson's streaming generator only: Powertools metrics
 * brings aws-embedded-metrics and Jackson databind onto the cold path. Every function writes its metrics with it,
 * one call at a time as Lambda runs them (so no locking on GetConfig's per-call path).
 */
public final class EmbeddedMetrics {

    private static final JsonFactory JSON = new JsonFactory();

    public enum Unit {
        COUNT("Count"), BYTES("Bytes"), MILLISECONDS("Milliseconds");

        final String cloudWatchName;

        Unit(String cloudWatchName) {
            this.cloudWatchName = cloudWatchName;
        }
    }

    private record Metric(String name, double value, Unit unit) {
    }

    private final String namespace;
    private final String service;
    private final Supplier<PrintStream> out;
    private final List<Metric> pending = new ArrayList<>();

    public EmbeddedMetrics(String namespace, String service, Supplier<PrintStream> out) {
        this.namespace = namespace;
        this.service = service;
        this.out = out;
    }

    /**
     * As template.yaml configures it: {@code METRICS_NAMESPACE} (this writer's own setting; the name it had before,
     * {@code POWERTOOLS_METRICS_NAMESPACE}, is still read until the next release), {@code POWERTOOLS_SERVICE_NAME}
     * (shared with Powertools logging), standard output as it is at each write.
     */
    public static EmbeddedMetrics fromEnvironment() {
        return new EmbeddedMetrics(Env.renamed("METRICS_NAMESPACE", "POWERTOOLS_METRICS_NAMESPACE", "ConnectConfig"),
                serviceName(), () -> System.out);
    }

    /** The {@code Service} dimension and log field: {@code POWERTOOLS_SERVICE_NAME}, as Powertools names it. */
    public static String serviceName() {
        String service = System.getenv("POWERTOOLS_SERVICE_NAME");
        return service == null || service.isBlank() ? "service_undefined" : service;
    }

    public void add(String name, double value, Unit unit) {
        pending.add(new Metric(name, value, unit));
    }

    /** Writes the metrics added since the last flush as one line; nothing when there are none. */
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        try {
            write(List.copyOf(pending), null, null, false, null);
        } finally {
            pending.clear();
        }
    }

    /** {@code ColdStart = 1} with the function's name, on its own line as Powertools writes it. */
    public void coldStart(String functionName, String requestId) {
        write(List.of(new Metric("ColdStart", 1, Unit.COUNT)), "FunctionName", functionName, false, requestId);
    }

    /**
     * {@code name = value} on its own line, now, published twice: per value of {@code dimension} (with
     * {@code Service}) and as the service's total (with {@code Service} alone), so one alarm watches the total and
     * a dashboard splits it ({@code ErrorResults} by {@code Code}). The values of {@code dimension} must be few and
     * fixed: each is a metric of its own.
     */
    public void addBy(String name, double value, Unit unit, String dimension, String dimensionValue) {
        write(List.of(new Metric(name, value, unit)), dimension, dimensionValue, true, null);
    }

    private void write(List<Metric> metrics, String dimension, String dimensionValue, boolean alsoServiceAlone,
            String requestId) {
        boolean dimensioned = dimensionValue != null;
        StringWriter line = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(line)) {
            json.writeStartObject();
            json.writeObjectFieldStart("_aws");
            json.writeNumberField("Timestamp", System.currentTimeMillis());
            json.writeArrayFieldStart("CloudWatchMetrics");
            json.writeStartObject();
            json.writeStringField("Namespace", namespace);
            json.writeArrayFieldStart("Metrics");
            for (Metric metric : metrics) {
                json.writeStartObject();
                json.writeStringField("Name", metric.name());
                json.writeStringField("Unit", metric.unit().cloudWatchName);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("Dimensions");
            json.writeStartArray();
            if (dimensioned) {
                json.writeString(dimension);
            }
            json.writeString("Service");
            json.writeEndArray();
            if (dimensioned && alsoServiceAlone) {
                json.writeStartArray();
                json.writeString("Service");
                json.writeEndArray();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
            if (dimensioned) {
                json.writeStringField(dimension, dimensionValue);
            }
            json.writeStringField("Service", service);
            if (requestId != null) {
                json.writeStringField("function_request_id", requestId);
            }
            for (Metric metric : metrics) {
                json.writeNumberField(metric.name(), metric.value());
            }
            json.writeEndObject();
        } catch (IOException e) {
            return; // a StringWriter does not fail
        }
        out.get().println(line);
    }
}
