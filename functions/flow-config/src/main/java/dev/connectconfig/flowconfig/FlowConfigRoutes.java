package dev.connectconfig.flowconfig;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.connectconfig.shared.api.ApiRequests;
import dev.connectconfig.shared.api.JsonRequestBody;
import dev.connectconfig.shared.auth.Caller;
import dev.connectconfig.shared.auth.CallerClaims;
import dev.connectconfig.shared.errors.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The API's routes, keyed as API Gateway names the matched resource ({@code PUT /flow-configs/{id}}). The caller is
 * read from the verified claims before anything else, so an unauthenticated request touches nothing.
 */
final class FlowConfigRoutes {

    /** Bodies: one config stays under DynamoDB's 400 KB item; an import is bounded by Lambda's 6 MB request. */
    static final int MAX_CONFIG_BODY_BYTES = 400 * 1024;
    static final int MAX_IMPORT_BODY_BYTES = 5 * 1024 * 1024;

    private interface Route {
        ApiResult handle(Caller caller, APIGatewayProxyRequestEvent event);
    }

    private final Map<String, Route> routes = new LinkedHashMap<>();

    FlowConfigRoutes(FlowConfigApi api) {
        FlowConfigService service = api.service();
        ConfigCatalog catalog = api.catalog();
        ConfigTransfer transfer = api.transfer();
        ConfigPreview preview = api.preview();
        EmergencySwitch emergency = api.emergency();
        ScheduleTimeline timeline = api.timeline();
        routes.put("GET /flow-configs", (caller, event) -> catalog.list(caller, query(event, "prefix"),
                query(event, "limit"), query(event, "nextToken")));
        routes.put("GET /flow-configs/export", (caller, event) -> transfer.export(caller,
                query(event, "prefix")));
        routes.put("POST /flow-configs/import", (caller, event) -> transfer.importAll(caller,
                JsonRequestBody.read(event, MAX_IMPORT_BODY_BYTES), dryRun(query(event, "dryRun"))));
        routes.put("POST /flow-configs/emergency", (caller, event) -> emergency.start(caller,
                JsonRequestBody.read(event, MAX_CONFIG_BODY_BYTES)));
        routes.put("DELETE /flow-configs/emergency", (caller, event) -> emergency.end(caller, query(event, "ids"),
                query(event, "prefix")));
        routes.put("GET /flow-configs/{id}", (caller, event) -> service.get(caller, id(event)));
        routes.put("PUT /flow-configs/{id}", (caller, event) -> service.put(caller, id(event),
                JsonRequestBody.read(event, MAX_CONFIG_BODY_BYTES), header(event, "If-Match"),
                header(event, "If-None-Match")));
        routes.put("DELETE /flow-configs/{id}", (caller, event) -> service.delete(caller, id(event),
                header(event, "If-Match")));
        routes.put("GET /flow-configs/{id}/versions", (caller, event) -> service.versions(caller, id(event),
                query(event, "limit"), query(event, "nextToken")));
        routes.put("GET /flow-configs/{id}/versions/{n}", (caller, event) -> service.version(caller, id(event),
                ApiRequests.path(event, "n")));
        routes.put("POST /flow-configs/{id}/versions/{n}/restore", (caller, event) -> service.restore(caller,
                id(event), ApiRequests.path(event, "n"), header(event, "If-Match"), header(event, "If-None-Match")));
        routes.put("POST /flow-configs/{id}/preview", (caller, event) -> preview.preview(caller, id(event),
                JsonRequestBody.read(event, MAX_CONFIG_BODY_BYTES)));
        routes.put("GET /flow-configs/{id}/timeline", (caller, event) -> timeline.timeline(caller, id(event),
                query(event, "from"), query(event, "days")));
    }

    /** Every route this function serves, as {@code METHOD /resource}; template.yaml must route exactly these. */
    Set<String> keys() {
        return routes.keySet();
    }

    static String key(APIGatewayProxyRequestEvent event) {
        return event.getHttpMethod() + " " + event.getResource();
    }

    ApiResult handle(APIGatewayProxyRequestEvent event) {
        Caller caller = CallerClaims.caller(event);
        Route route = routes.get(key(event));
        if (route == null) {
            throw ApiException.notFound("There is no route " + key(event).replaceAll("\\p{Cntrl}", "?") + ".");
        }
        return route.handle(caller, event);
    }

    /** {@code ?dryRun=true} plans an import without writing; only {@code true} and {@code false} are understood. */
    private static boolean dryRun(String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ApiException.badRequest("INVALID_DRY_RUN", "dryRun is true or false.");
    }

    private static String id(APIGatewayProxyRequestEvent event) {
        return ApiRequests.path(event, "id");
    }

    private static String query(APIGatewayProxyRequestEvent event, String name) {
        return ApiRequests.query(event, name);
    }

    private static String header(APIGatewayProxyRequestEvent event, String name) {
        return ApiRequests.header(event, name);
    }
}
