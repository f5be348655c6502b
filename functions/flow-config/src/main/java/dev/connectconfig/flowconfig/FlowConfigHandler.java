package dev.connectconfig.flowconfig;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.connectconfig.api.ApiFunction;
import dev.connectconfig.api.errors.ApiException;
import dev.connectconfig.api.errors.ErrorMappings;
import dev.connectconfig.aws.Env;
import dev.connectconfig.core.store.StoreUnavailableException;
import java.time.Duration;
import org.crac.Core;
import org.crac.Resource;

/** The FlowConfig REST API behind API Gateway's Cognito authorizer: one proxy event in, one JSON response out. */
public final class FlowConfigHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>, Resource {

    static final String CORS_ORIGIN_VARIABLE = "CORS_ALLOWED_ORIGIN";
    /** What the priming request may take; it reads one item and asks for one decision. */
    static final Duration PRIMING_TIME = Duration.ofSeconds(10);
    /** The store's outage passes with time: a 503 (with Retry-After) that never names the table. */
    static final ErrorMappings ERRORS = ErrorMappings.none().storeOutage(StoreUnavailableException.class,
            "The flow-config store");

    private final ApiFunction api;

    /** Lambda's entry point: clients are built once per container, and primed before a SnapStart snapshot. */
    public FlowConfigHandler() {
        this(FlowConfigFactory.fromEnvironment(), Env.optional(CORS_ORIGIN_VARIABLE, "*"),
                WriteRegion.fromEnvironment());
        Core.getGlobalContext().register(this);
    }

    FlowConfigHandler(FlowConfigApi parts, String allowedOrigin) {
        this(parts, allowedOrigin, WriteRegion.PRIMARY);
    }

    /** In {@code region}: a read-only replica answers every write 409 READ_ONLY_REGION. */
    FlowConfigHandler(FlowConfigApi parts, String allowedOrigin, WriteRegion region) {
        this.api = new ApiFunction(FlowConfigRoutes.of(parts, region), allowedOrigin, ERRORS);
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return api.handle(event, context);
    }

    /** The call path without telemetry: what SnapStart priming runs. */
    APIGatewayProxyResponseEvent respond(APIGatewayProxyRequestEvent event) {
        return api.respond(event, PRIMING_TIME);
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
        return api.routes().keys();
    }
}
