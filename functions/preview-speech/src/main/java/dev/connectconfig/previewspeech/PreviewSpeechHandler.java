package dev.connectconfig.previewspeech;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.connectconfig.shared.api.ApiRequests;
import dev.connectconfig.shared.api.ApiResponses;
import dev.connectconfig.shared.api.JsonRequestBody;
import dev.connectconfig.shared.auth.Caller;
import dev.connectconfig.shared.auth.CallerClaims;
import dev.connectconfig.shared.aws.Env;
import dev.connectconfig.shared.errors.ApiException;
import java.time.Duration;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/** {@code POST /preview-speech} on the FlowConfig REST API: a JSON request in, audio (or a JSON error) out. */
public final class PreviewSpeechHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>, Resource {

    static final String ROUTE = "POST /preview-speech";
    static final String CORS_ORIGIN_VARIABLE = "CORS_ALLOWED_ORIGIN";
    /** 6,000 characters of SSML, each at worst a 6-byte JSON escape, with room for the other fields. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    /** Kept back from the invocation's time to log, flush metrics and return the answer. */
    static final Duration ANSWER_TIME = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(PreviewSpeechHandler.class);

    private final PreviewSpeechService service;
    private final ApiResponses responses;
    private final Metrics metrics = MetricsFactory.getMetricsInstance();

    /**
     * Lambda's entry point: clients are built, and Polly's voices cached, once per container; the call path is primed
     * before a SnapStart snapshot.
     */
    public PreviewSpeechHandler() {
        this(PreviewSpeechService.fromEnvironment(), Env.optional(CORS_ORIGIN_VARIABLE, "*"));
        Core.getGlobalContext().register(this);
    }

    /** Tests, and other speech engines, come in through the service. */
    PreviewSpeechHandler(PreviewSpeechService service, String allowedOrigin) {
        this.service = service;
        this.responses = new ApiResponses(allowedOrigin);
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        // Before withLogging, which marks the container's cold start as done.
        metrics.captureColdStartMetric(context);
        return PowertoolsLogging.withLogging(context, () -> {
            Answer answer = respond(event, Duration.ofMillis(context.getRemainingTimeInMillis()).minus(ANSWER_TIME));
            record(answer.response().getStatusCode(), answer.preview());
            return answer.response();
        });
    }

    /** The response, and the preview when there is one (null for an error). */
    record Answer(APIGatewayProxyResponseEvent response, SpokenPreview preview) {
    }

    /** The call path without telemetry: what a request and the SnapStart priming both run. */
    Answer respond(APIGatewayProxyRequestEvent event, Duration time) {
        try {
            Caller caller = CallerClaims.caller(event);
            String route = event.getHttpMethod() + " " + event.getResource();
            if (!ROUTE.equals(route)) {
                throw ApiException.notFound("There is no route " + route.replaceAll("\\p{Cntrl}", "?") + ".");
            }
            SpokenPreview preview = service.preview(caller,
                    SpeechRequest.from(JsonRequestBody.read(event, MAX_BODY_BYTES)), time);
            return new Answer(responses.binary(200, preview.audio(), preview.format().contentType(),
                    preview.headers()), preview);
        } catch (RuntimeException e) {
            return new Answer(responses.error(e, ApiRequests.requestId(event)), null);
        }
    }

    /** SnapStart: run the call path once before the snapshot, so a restored container answers warm. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.prime(this);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to refresh: clients reconnect on their own, and the voice list stays valid
    }

    private void record(int status, SpokenPreview preview) {
        try {
            metrics.addMetric(status >= 500 ? "ServerError" : status >= 400 ? "ClientError" : "Success", 1,
                    MetricUnit.COUNT);
            if (status == 429) {
                metrics.addMetric("SpeechThrottled", 1, MetricUnit.COUNT);
            }
            if (preview == null) {
                LOG.info("preview refused", entry("status", status));
            } else {
                metrics.addMetric("SpokenCharacters", preview.requestCharacters(), MetricUnit.COUNT);
                LOG.info("speech previewed", entry("status", status), entry("voice", preview.voiceId()),
                        entry("engine", preview.engine().wireName()), entry("language", preview.languageCode()),
                        entry("format", preview.format().wireName()), entry("audioBytes", preview.audio().length),
                        entry("characters", preview.requestCharacters()));
            }
            metrics.flush();
        } catch (RuntimeException e) {
            // Telemetry must never cost a caller their answer.
            LOG.error("could not record metrics", e);
        }
    }
}
