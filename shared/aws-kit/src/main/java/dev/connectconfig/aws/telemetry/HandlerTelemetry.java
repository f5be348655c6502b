package dev.connectconfig.aws.telemetry;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * What every handler but GetConfig does around a call: {@code ColdStart} on the first call a container serves, the
 * call inside Powertools' structured logging (request id, cold start, a correlation key), metrics added as the call
 * goes and written once at the end by the project's one EMF writer, {@link EmbeddedMetrics}, without ever costing the
 * caller their answer. GetConfig, on the live call path, writes its log lines itself (no Log4j on its class path) and
 * its metrics with the same writer.
 */
public final class HandlerTelemetry {

    private static final Logger LOG = LoggerFactory.getLogger(HandlerTelemetry.class);

    private final EmbeddedMetrics metrics;
    private final AtomicBoolean coldStart = new AtomicBoolean(true);

    public HandlerTelemetry() {
        this(EmbeddedMetrics.fromEnvironment());
    }

    public HandlerTelemetry(EmbeddedMetrics metrics) {
        this.metrics = metrics;
    }

    /** Runs {@code call} as one invocation of {@code context}. */
    public <T> T around(Context context, Supplier<T> call) {
        countColdStart(context);
        return PowertoolsLogging.withLogging(context, call::get);
    }

    /** As {@link #around(Context, Supplier)}, with {@code key = value} on every log line of the call. */
    public <T> T around(Context context, String key, String value, Supplier<T> call) {
        countColdStart(context);
        return PowertoolsLogging.withLogging(context, key, value, call::get);
    }

    public void count(String name, double value) {
        metrics.add(name, value, EmbeddedMetrics.Unit.COUNT);
    }

    public void bytes(String name, double value) {
        metrics.add(name, value, EmbeddedMetrics.Unit.BYTES);
    }

    public void milliseconds(String name, double value) {
        metrics.add(name, value, EmbeddedMetrics.Unit.MILLISECONDS);
    }

    /** Writes the call's metrics; a failure is logged, never thrown: telemetry must not cost a caller the answer. */
    public void flush() {
        try {
            metrics.flush();
        } catch (RuntimeException e) {
            LOG.error("could not write metrics", e);
        }
    }

    /** The metric an HTTP status counts as: {@code Success}, {@code ClientError} or {@code ServerError}. */
    public static String outcome(int status) {
        return status >= 500 ? "ServerError" : status >= 400 ? "ClientError" : "Success";
    }

    private void countColdStart(Context context) {
        if (coldStart.getAndSet(false)) {
            try {
                metrics.coldStart(context == null ? null : context.getFunctionName(),
                        context == null ? null : context.getAwsRequestId());
            } catch (RuntimeException e) {
                LOG.error("could not write the cold-start metric", e);
            }
        }
    }
}
