package dev.connectconfig.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.connectconfig.api.errors.ApiException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An API function's routes, keyed as API Gateway names the matched resource ({@code PUT /flow-configs/{id}}), so a
 * test can check them against the template's events.
 */
public final class ApiRoutes {

    /** One route: a request in, an answer out; failures are thrown as {@link ApiException} and mapped once. */
    @FunctionalInterface
    public interface Route {
        ApiAnswer handle(ApiCall call);
    }

    private final Map<String, Route> routes = new LinkedHashMap<>();

    public ApiRoutes add(String key, Route route) {
        if (routes.putIfAbsent(key, route) != null) {
            throw new IllegalArgumentException("two routes for " + key);
        }
        return this;
    }

    /** Every route served, as {@code METHOD /resource}; template.yaml must route exactly these to the function. */
    public Set<String> keys() {
        return Collections.unmodifiableSet(routes.keySet());
    }

    public static String key(APIGatewayProxyRequestEvent event) {
        return event.getHttpMethod() + " " + event.getResource();
    }

    ApiAnswer handle(String key, ApiCall call) {
        Route route = routes.get(key);
        if (route == null) {
            throw ApiException.notFound("There is no route " + key.replaceAll("\\p{Cntrl}", "?") + ".");
        }
        return route.handle(call);
    }
}
