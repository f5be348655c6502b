package dev.connectconfig.flowconfig;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.connectconfig.shared.api.ApiRequests;
import dev.connectconfig.shared.api.ApiResponses;
import dev.connectconfig.shared.aws.Env;
import dev.connectconfig.shared.telemetry.HandlerTelemetry;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The FlowConfig REST API behind API Gateway's Cognito authorizer: one proxy event in, one JSON response out. */
public final class FlowConfigHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>, Resource {

    static final String CORS_ORIGIN_VARIABLE = "CORS_ALLOWED_ORIGIN";
    private static final Logger LOG = LoggerFactory.getLogger(FlowConfigHandler.class);

    private final FlowConfigRoutes routes;
    private final ApiResponses responses;
    private final HandlerTelemetry telemetry = new HandlerTelemetry();

    /** Lambda's entry point: clients are built once per container, and primed before a SnapStart snapshot. */
    public FlowConfigHandler() {
        this(FlowConfigFactory.fromEnvironment(), Env.optional(CORS_ORIGIN_VARIABLE, "*"));
        Core.getGlobalContext().register(this);
    }

    FlowConfigHandler(FlowConfigApi api, String allowedOrigin) {
        this.routes = new FlowConfigRoutes(api);
        this.responses = new ApiResponses(allowedOrigin);
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return telemetry.around(context, () -> {
            APIGatewayProxyResponseEvent response = respond(event);
            record(event, response.getStatusCode());
            return response;
        });
    }

    /** The call path without telemetry: what a request and the SnapStart priming both run. */
    APIGatewayProxyResponseEvent respond(APIGatewayProxyRequestEvent event) {
        try {
            ApiResult result = routes.handle(event);
            return result.body() == null ? responses.noContent(result.headers())
                    : responses.json(result.status(), result.body(), result.headers());
        } catch (RuntimeException e) {
            return responses.error(e, ApiRequests.requestId(event));
        }
    }

    /** SnapStart: run the call path once before the snapshot, so a restored container answers warm. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.prime(this);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to refresh: nothing is cached before the snapshot and clients reconnect on their own
    }

    Iterable<String> routeKeys() {
        return routes.keys();
    }

    private void record(APIGatewayProxyRequestEvent event, int status) {
        try {
            telemetry.count(HandlerTelemetry.outcome(status), 1);
            LOG.info("request served", entry("route", FlowConfigRoutes.key(event)), entry("status", status),
                    entry("configId", ApiRequests.path(event, "id")));
            telemetry.flush();
        } catch (RuntimeException e) {
            // Telemetry must never cost a caller their answer.
            LOG.error("could not record metrics", e);
        }
    }
}
