package dev.connectconfig.api;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.connectconfig.api.auth.CallerClaims;
import dev.connectconfig.api.auth.VerifiedPermissionsAuthorizer;
import dev.connectconfig.api.errors.ApiException;
import dev.connectconfig.api.errors.ErrorMappings;
import dev.connectconfig.aws.telemetry.HandlerTelemetry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.argument.StructuredArgument;

/**
 * What every API function does around its routes, written once: the caller read from the verified claims before
 * anything else (an unauthenticated request, or a caller who holds no level anywhere, touches nothing), the route
 * found, errors mapped to JSON once, and one log line and the metrics ({@code Success}, {@code ClientError},
 * {@code ServerError}, {@code Throttled}, {@code AuthorizationUnavailable}, and the route's own) written when the
 * request has been answered. A handler is then its route table, the {@link ErrorMappings} of its own exceptions, and
 * its SnapStart priming.
 */
public final class ApiFunction {

    /** Kept back from the invocation's time to log, flush metrics and return the answer. */
    public static final Duration ANSWER_TIME = Duration.ofSeconds(2);
    /** A logged path parameter is cut to this many characters: a caller's 8 KB id cannot flood the log. */
    static final int MAX_LOGGED_CHARS = 140;
    /** Counted when a request was answered 503 because Verified Permissions did not answer. */
    public static final String AUTHORIZATION_UNAVAILABLE = "AuthorizationUnavailable";
    private static final Logger LOG = LoggerFactory.getLogger(ApiFunction.class);

    private final ApiRoutes routes;
    private final ApiResponses responses;
    private final HandlerTelemetry telemetry;

    public ApiFunction(ApiRoutes routes, String allowedOrigin) {
        this(routes, allowedOrigin, ErrorMappings.none());
    }

    /** @param mappings the API errors this function's own exceptions are answered with, such as a store outage's 503 */
    public ApiFunction(ApiRoutes routes, String allowedOrigin, ErrorMappings mappings) {
        this(routes, allowedOrigin, mappings, new HandlerTelemetry());
    }

    ApiFunction(ApiRoutes routes, String allowedOrigin, ErrorMappings mappings, HandlerTelemetry telemetry) {
        this.routes = routes;
        this.responses = new ApiResponses(allowedOrigin, mappings);
        this.telemetry = telemetry;
    }

    /** Lambda's call: the request answered within the invocation's time, then logged and counted. */
    public APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event, Context context) {
        return telemetry.around(context, () -> {
            Duration time = Duration.ofMillis(context.getRemainingTimeInMillis()).minus(ANSWER_TIME);
            Served served = serve(event, time.isNegative() ? Duration.ZERO : time);
            record(event, served.call(), served.response().getStatusCode(), served.errorCode());
            return served.response();
        });
    }

    /** The call path without telemetry: what a request and the SnapStart priming both run. */
    public APIGatewayProxyResponseEvent respond(APIGatewayProxyRequestEvent event, Duration time) {
        return serve(event, time).response();
    }

    public ApiRoutes routes() {
        return routes;
    }

    /** The response, the call when the caller could be read (null otherwise), and the error's code if any. */
    private record Served(APIGatewayProxyResponseEvent response, ApiCall call, String errorCode) {
    }

    private Served serve(APIGatewayProxyRequestEvent event, Duration time) {
        ApiCall call = null;
        try {
            call = new ApiCall(event, CallerClaims.callerWithAccess(event), time);
            return new Served(routes.handle(ApiRoutes.key(event), call).response(responses), call, null);
        } catch (RuntimeException e) {
            return new Served(responses.error(e, ApiRequests.requestId(event)), call,
                    e instanceof ApiException refusal ? refusal.code() : null);
        }
    }

    private void record(APIGatewayProxyRequestEvent event, ApiCall call, int status, String errorCode) {
        try {
            telemetry.count(HandlerTelemetry.outcome(status), 1);
            if (status == 429) {
                telemetry.count("Throttled", 1);
            }
            if (VerifiedPermissionsAuthorizer.UNAVAILABLE.equals(errorCode)) {
                // Verified Permissions did not answer: every request needing a decision fails until it does.
                telemetry.count(AUTHORIZATION_UNAVAILABLE, 1);
            }
            List<StructuredArgument> entries = new ArrayList<>();
            entries.add(entry("route", abbreviated(ApiRoutes.key(event))));
            entries.add(entry("status", status));
            Map<String, String> path = event.getPathParameters();
            if (path != null) {
                Map<String, String> logged = new TreeMap<>();
                path.forEach((name, value) -> logged.put(abbreviated(name), abbreviated(value)));
                entries.add(entry("pathParameters", logged));
            }
            if (call != null) {
                call.counts().forEach(telemetry::count);
                call.logEntries().forEach((key, value) -> entries.add(entry(key, value)));
            }
            LOG.info("request served", entries.toArray());
        } catch (RuntimeException e) {
            // Telemetry must never cost a caller their answer.
            LOG.error("could not record the request", e);
        }
        telemetry.flush();
    }

    static String abbreviated(String value) {
        if (value == null) {
            return null;
        }
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > MAX_LOGGED_CHARS ? printable.substring(0, MAX_LOGGED_CHARS) + "..." : printable;
    }
}
