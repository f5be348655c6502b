package dev.connectconfig.getconfig;

import com.amazonaws.services.lambda.runtime.Context;
import dev.connectconfig.aws.telemetry.EmbeddedMetrics;
import dev.connectconfig.core.render.ResultKeys;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What one call leaves behind: a structured log line and EMF metrics (cache hit, miss or stale, errors, error results
 * by code, result size, missing prompts), and {@code ColdStart} on the first call a container serves.
 */
final class CallTelemetry {

    /** An error result a flow got, by its {@code error} code ({@code Code}) and in all ({@code Service} alone). */
    static final String ERROR_RESULTS = "ErrorResults";
    static final String CODE = "Code";

    private final StructuredLog log;
    private final EmbeddedMetrics metrics;
    private final AtomicBoolean coldStart = new AtomicBoolean(true);

    CallTelemetry(StructuredLog log, EmbeddedMetrics metrics) {
        this.log = log;
        this.metrics = metrics;
    }

    static CallTelemetry fromEnvironment() {
        return new CallTelemetry(StructuredLog.fromEnvironment(), EmbeddedMetrics.fromEnvironment());
    }

    /** Starts a call; the first one in this container is the cold start and is counted as such. */
    StructuredLog.Invocation begin(Context context) {
        StructuredLog.Invocation invocation = new StructuredLog.Invocation(context, coldStart.getAndSet(false));
        if (invocation.coldStart()) {
            metrics.coldStart(context == null ? null : context.getFunctionName(),
                    context == null ? null : context.getAwsRequestId());
        }
        return invocation;
    }

    void record(StructuredLog.Invocation invocation, ConfigRequest request, GetConfigService.Outcome outcome) {
        if (request.ignoredLanguage() != null) {
            log.warn(invocation, "caller language ignored: not a language tag", Map.of(
                    "ignoredLanguage", abbreviated(request.ignoredLanguage()),
                    "ignoredLanguageLength", request.ignoredLanguage().length()));
        }
        Map<String, String> result = outcome.result();
        String error = result.get(ResultKeys.ERROR);
        if (outcome.source() != null) {
            String source = outcome.source().name();
            metrics.add("Cache" + source.charAt(0) + source.substring(1).toLowerCase(Locale.ROOT), 1,
                    EmbeddedMetrics.Unit.COUNT);
        }
        if (error != null) {
            metrics.add(ResultKeys.NOT_FOUND.equals(error) ? "ConfigNotFound" : "ConfigError", 1,
                    EmbeddedMetrics.Unit.COUNT);
            // The result's own code: a fixed handful of values (ResultKeys), so one metric per code.
            metrics.addBy(ERROR_RESULTS, 1, EmbeddedMetrics.Unit.COUNT, CODE, error);
            Map<String, Object> entries = new LinkedHashMap<>();
            entries.put("configId", request.id());
            entries.put("errorCode", error);
            entries.put("reason", result.get(ResultKeys.ERROR_MESSAGE));
            log.warn(invocation, "flow config not served", entries);
        } else {
            metrics.add("ResultBytes", outcome.rendered().sizeBytes(), EmbeddedMetrics.Unit.BYTES);
            if (!outcome.rendered().missingPrompts().isEmpty()) {
                metrics.add("MissingPrompts", outcome.rendered().missingPrompts().size(), EmbeddedMetrics.Unit.COUNT);
                log.warn(invocation, "prompts have no text for the caller's language", Map.of(
                        "configId", request.id(), "language", outcome.rendered().language(),
                        "missingPrompts", outcome.rendered().missingPrompts()));
            }
            Map<String, Object> entries = new LinkedHashMap<>();
            entries.put("configId", request.id());
            entries.put("language", outcome.rendered().language());
            entries.put("channel", request.channel().name());
            entries.put("cache", outcome.source().name());
            entries.put("resultBytes", outcome.rendered().sizeBytes());
            log.info(invocation, "flow config served", entries);
        }
        metrics.flush();
    }

    void failed(StructuredLog.Invocation invocation, String message, RuntimeException failure) {
        log.error(invocation, message, failure);
    }

    /** At most 40 printable characters of what a caller sent, so a 40 KB value cannot flood the log. */
    static String abbreviated(String value) {
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }
}
