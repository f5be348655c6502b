package dev.connectconfig.usersexport;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.connectconfig.aws.telemetry.HandlerTelemetry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nightly export, invoked by the EventBridge schedule (or by hand with {@code {"date": "YYYY-MM-DD"}}). A failed
 * export fails the invocation, so Lambda retries it and the event ends in the dead-letter queue if it keeps failing.
 */
public final class UsersExportHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final Logger LOG = LoggerFactory.getLogger(UsersExportHandler.class);

    private final UsersExportService service;
    private final HandlerTelemetry telemetry = new HandlerTelemetry();

    /** Lambda's entry point: settings are validated and clients built once per container. */
    public UsersExportHandler() {
        this(UsersExportService.fromEnvironment());
    }

    UsersExportHandler(UsersExportService service) {
        this.service = service;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return telemetry.around(context, () -> {
            Instant started = service.clock().instant();
            try {
                ExportRequest request = ExportRequest.from(event, service.today());
                ExportSummary summary = service.export(request,
                        Deadline.after(service.clock(), context.getRemainingTimeInMillis()));
                telemetry.count("UsersExported", summary.rows());
                telemetry.bytes("ExportBytes", summary.bytes());
                telemetry.milliseconds("ExportDuration", elapsedMillis(started));
                return summary.result();
            } catch (ExportFailedException e) {
                telemetry.count("ExportFailed", 1);
                LOG.error("users export failed", entry("reason", e.reason()), entry("error", e.getMessage()),
                        entry("durationMs", elapsedMillis(started)));
                throw e;
            } catch (RuntimeException e) {
                telemetry.count("ExportFailed", 1);
                LOG.error("users export failed unexpectedly", entry("durationMs", elapsedMillis(started)), e);
                throw e;
            } finally {
                telemetry.flush();
            }
        });
    }

    private long elapsedMillis(Instant started) {
        return Duration.between(started, service.clock().instant()).toMillis();
    }
}
