package dev.connectconfig.shared.telemetry;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * What every Powertools handler does around a call: the {@code ColdStart} metric on a container's first call, the
 * call inside Powertools' structured logging (request id, cold start, correlation key), metrics added as the call
 * goes, and one flush at the end that never costs the caller their answer. GetConfig, on the live call path, keeps
 * its own lean EMF writer instead (no Powertools on its class path: see docs/contributors.md, "Cold start").
 */
public final class HandlerTelemetry {

    private static final Logger LOG = LoggerFactory.getLogger(HandlerTelemetry.class);

    private final Metrics metrics;

    public HandlerTelemetry() {
        this(MetricsFactory.getMetricsInstance());
    }

    HandlerTelemetry(Metrics metrics) {
        this.metrics = metrics;
    }

    /** Runs {@code call} as one invocation; the cold start is captured before logging marks it done. */
    public <T> T around(Context context, Supplier<T> call) {
        metrics.captureColdStartMetric(context);
        return PowertoolsLogging.withLogging(context, call::get);
    }

    /** As {@link #around(Context, Supplier)}, with {@code key = value} on every log line of the call. */
    public <T> T around(Context context, String key, String value, Supplier<T> call) {
        metrics.captureColdStartMetric(context);
        return PowertoolsLogging.withLogging(context, key, value, call::get);
    }

    public void count(String name, double value) {
        add(name, value, MetricUnit.COUNT);
    }

    public void bytes(String name, double value) {
        add(name, value, MetricUnit.BYTES);
    }

    public void milliseconds(String name, double value) {
        add(name, value, MetricUnit.MILLISECONDS);
    }

    /** Writes the call's metrics; a failure is logged, never thrown: telemetry must not cost a caller the answer. */
    public void flush() {
        try {
            metrics.flush();
        } catch (RuntimeException e) {
            LOG.error("could not flush metrics", e);
        }
    }

    /** The metric an HTTP status counts as: {@code Success}, {@code ClientError} or {@code ServerError}. */
    public static String outcome(int status) {
        return status >= 500 ? "ServerError" : status >= 400 ? "ClientError" : "Success";
    }

    private void add(String name, double value, MetricUnit unit) {
        try {
            metrics.addMetric(name, value, unit);
        } catch (RuntimeException e) {
            LOG.error("could not record metric " + name, e);
        }
    }
}
