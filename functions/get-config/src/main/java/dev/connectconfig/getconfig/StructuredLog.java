package dev.connectconfig.getconfig;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.connectconfig.aws.telemetry.EmbeddedMetrics;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.util.Collection;
import java.util.Map;
import java.util.function.Supplier;

/**
 * GetConfig's structured JSON log lines, with the fields and Lambda context Powertools' Log4j layout writes
 * ({@code level}, {@code message}, {@code cold_start}, {@code function_*}, {@code service}, {@code timestamp},
 * {@code xray_trace_id}) and the call's own keys after them. Written directly: Log4j 2 with its configuration and
 * plugins loads about 670 classes on the live call path's cold start.
 */
final class StructuredLog {

    enum Level { DEBUG, INFO, WARN, ERROR }

    /** The invocation a line belongs to. */
    record Invocation(Context context, boolean coldStart) {
    }

    private final String service;
    private final Level threshold;
    private final Supplier<PrintStream> out;

    StructuredLog(String service, Level threshold, Supplier<PrintStream> out) {
        this.service = service;
        this.threshold = threshold;
        this.out = out;
    }

    /** As template.yaml configures it: {@code POWERTOOLS_SERVICE_NAME}, {@code LOG_LEVEL}, standard output. */
    static StructuredLog fromEnvironment() {
        return new StructuredLog(EmbeddedMetrics.serviceName(), level(System.getenv("LOG_LEVEL")), () -> System.out);
    }

    static Level level(String name) {
        for (Level level : Level.values()) {
            if (level.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return level;
            }
        }
        return Level.INFO;
    }

    void info(Invocation invocation, String message, Map<String, ?> entries) {
        write(Level.INFO, invocation, message, entries, null);
    }

    void warn(Invocation invocation, String message, Map<String, ?> entries) {
        write(Level.WARN, invocation, message, entries, null);
    }

    void error(Invocation invocation, String message, Throwable failure) {
        write(Level.ERROR, invocation, message, Map.of(), failure);
    }

    private void write(Level level, Invocation invocation, String message, Map<String, ?> entries,
            Throwable failure) {
        if (level.ordinal() < threshold.ordinal()) {
            return;
        }
        StringWriter line = new StringWriter(256);
        try (JsonGenerator json = InvocationJson.FACTORY.createGenerator(line)) {
            json.writeStartObject();
            json.writeStringField("level", level.name());
            json.writeStringField("message", message);
            if (failure != null) {
                json.writeObjectFieldStart("error");
                json.writeStringField("message", failure.getMessage());
                json.writeStringField("name", failure.getClass().getName());
                json.writeEndObject();
            }
            Context context = invocation.context();
            json.writeBooleanField("cold_start", invocation.coldStart());
            if (context != null) {
                json.writeStringField("function_arn", context.getInvokedFunctionArn());
                json.writeNumberField("function_memory_size", context.getMemoryLimitInMB());
                json.writeStringField("function_name", context.getFunctionName());
                json.writeStringField("function_request_id", context.getAwsRequestId());
                json.writeStringField("function_version", context.getFunctionVersion());
            }
            json.writeStringField("service", service);
            json.writeStringField("timestamp", timestamp(System.currentTimeMillis()));
            String traceId = xrayTraceId();
            if (traceId != null) {
                json.writeStringField("xray_trace_id", traceId);
            }
            for (Map.Entry<String, ?> entry : entries.entrySet()) {
                writeValue(json, entry.getKey(), entry.getValue());
            }
            json.writeEndObject();
        } catch (IOException e) {
            return; // a StringWriter does not fail
        }
        out.get().println(line);
    }

    private static void writeValue(JsonGenerator json, String name, Object value) throws IOException {
        if (value instanceof Number number) {
            json.writeNumberField(name, number.longValue());
        } else if (value instanceof Collection<?> items) {
            json.writeArrayFieldStart(name);
            for (Object item : items) {
                json.writeString(String.valueOf(item));
            }
            json.writeEndArray();
        } else {
            json.writeStringField(name, value == null ? null : value.toString());
        }
    }

    /** The Root of Lambda's trace header, as Powertools logs it: set per call by the runtime client. */
    static String xrayTraceId() {
        String header = System.getProperty("com.amazonaws.xray.traceHeader");
        if (header == null) {
            header = System.getenv("_X_AMZN_TRACE_ID");
        }
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            if (part.startsWith("Root=")) {
                return part.substring("Root=".length());
            }
        }
        return null;
    }

    /** {@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'} in UTC, without java.time's formatter machinery. */
    static String timestamp(long epochMillis) {
        long days = Math.floorDiv(epochMillis, 86_400_000L);
        long millisOfDay = Math.floorMod(epochMillis, 86_400_000L);
        java.time.LocalDate date = java.time.LocalDate.ofEpochDay(days);
        StringBuilder text = new StringBuilder(24);
        text.append(date.getYear()).append('-');
        pad(text, date.getMonthValue(), 2).append('-');
        pad(text, date.getDayOfMonth(), 2).append('T');
        pad(text, millisOfDay / 3_600_000, 2).append(':');
        pad(text, millisOfDay / 60_000 % 60, 2).append(':');
        pad(text, millisOfDay / 1_000 % 60, 2).append('.');
        return pad(text, millisOfDay % 1_000, 3).append('Z').toString();
    }

    private static StringBuilder pad(StringBuilder text, long value, int width) {
        String digits = Long.toString(value);
        text.append("0".repeat(Math.max(0, width - digits.length())));
        return text.append(digits);
    }
}
