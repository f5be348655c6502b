package dev.connectconfig.getconfig;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.connectconfig.shared.render.ResultKeys;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/** The Lambda function an Amazon Connect flow's Invoke AWS Lambda function block calls: a flat string map back. */
public final class GetConfigHandler implements RequestHandler<Map<String, Object>, Map<String, String>>, Resource {

    private static final Logger LOG = LoggerFactory.getLogger(GetConfigHandler.class);

    private final GetConfigService service;
    private final Metrics metrics = MetricsFactory.getMetricsInstance();

    /** Lambda's entry point: clients are built once per container, and primed before a SnapStart snapshot. */
    public GetConfigHandler() {
        this(GetConfigService.fromEnvironment());
        Core.getGlobalContext().register(this);
    }

    GetConfigHandler(GetConfigService service) {
        this.service = service;
    }

    @Override
    public Map<String, String> handleRequest(Map<String, Object> event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            metrics.captureColdStartMetric(context);
            ConfigRequest request = ConfigRequest.from(event);
            GetConfigService.Outcome outcome = service.answer(request);
            try {
                record(request, outcome);
            } catch (RuntimeException e) {
                // Telemetry must never cost a caller their answer.
                LOG.error("could not record metrics", e);
            }
            return outcome.result();
        });
    }

    private void record(ConfigRequest request, GetConfigService.Outcome outcome) {
        Map<String, String> result = outcome.result();
        String error = result.get(ResultKeys.ERROR);
        if (outcome.source() != null) {
            metrics.addMetric("Cache" + capitalized(outcome.source().name()), 1, MetricUnit.COUNT);
        }
        if (error != null) {
            metrics.addMetric(ResultKeys.NOT_FOUND.equals(error) ? "ConfigNotFound" : "ConfigError", 1,
                    MetricUnit.COUNT);
            LOG.warn("flow config not served", entry("configId", request.id()), entry("errorCode", error),
                    entry("reason", result.get(ResultKeys.ERROR_MESSAGE)));
        } else {
            metrics.addMetric("ResultBytes", outcome.rendered().sizeBytes(), MetricUnit.BYTES);
            if (!outcome.rendered().missingPrompts().isEmpty()) {
                metrics.addMetric("MissingPrompts", outcome.rendered().missingPrompts().size(), MetricUnit.COUNT);
                LOG.warn("prompts have no text for the caller's language", entry("configId", request.id()),
                        entry("language", outcome.rendered().language()),
                        entry("missingPrompts", outcome.rendered().missingPrompts()));
            }
            LOG.info("flow config served", entry("configId", request.id()),
                    entry("language", outcome.rendered().language()), entry("channel", request.channel().name()),
                    entry("cache", outcome.source().name()), entry("resultBytes", outcome.rendered().sizeBytes()));
        }
        metrics.flush();
    }

    private static String capitalized(String name) {
        return name.charAt(0) + name.substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    /** SnapStart: load and initialise the whole call path before the snapshot, so a restored call runs it warm. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.prime(service);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to refresh: the cache is empty before the snapshot and clients reconnect on their own
    }
}
