package dev.connectconfig.previewspeech;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.connectconfig.api.ApiAnswer;
import dev.connectconfig.api.ApiFunction;
import dev.connectconfig.api.ApiRoutes;
import dev.connectconfig.api.errors.ApiException;
import dev.connectconfig.api.errors.ErrorMappings;
import dev.connectconfig.aws.Env;
import dev.connectconfig.core.store.StoreUnavailableException;
import java.time.Duration;
import org.crac.Core;
import org.crac.Resource;

/** {@code POST /preview-speech} on the FlowConfig REST API: a JSON request in, audio (or a JSON error) out. */
public final class PreviewSpeechHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>, Resource {

    static final String ROUTE = "POST /preview-speech";
    static final String CORS_ORIGIN_VARIABLE = "CORS_ALLOWED_ORIGIN";
    /** 6,000 characters of SSML, each at worst a 6-byte JSON escape, with room for the other fields. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    /** A stored prompt is read from the flow-config store; its outage passes with time: a 503 with Retry-After. */
    static final ErrorMappings ERRORS = ErrorMappings.none().storeOutage(StoreUnavailableException.class,
            "The flow-config store");

    private final ApiFunction api;

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
        this.api = new ApiFunction(new ApiRoutes().add(ROUTE, call -> {
            SpokenPreview preview = service.preview(call.caller(), SpeechRequest.from(call.body(MAX_BODY_BYTES)),
                    call.time());
            call.count("SpokenCharacters", preview.requestCharacters());
            call.log("voice", preview.voiceId());
            call.log("engine", preview.engine().wireName());
            call.log("language", preview.languageCode());
            call.log("format", preview.format().wireName());
            call.log("audioBytes", preview.audio().length);
            call.log("characters", preview.requestCharacters());
            return new ApiAnswer.Binary(200, preview.audio(), preview.format().contentType(), preview.headers());
        }), allowedOrigin, ERRORS);
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return api.handle(event, context);
    }

    /** The call path without telemetry, within {@code time}: what SnapStart priming runs. */
    APIGatewayProxyResponseEvent respond(APIGatewayProxyRequestEvent event, Duration time) {
        return api.respond(event, time);
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
}
