package dev.connectconfig.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The request an API function sends through its own call path before a SnapStart snapshot: a signed-in caller whose
 * only scope is a config id no one uses, so routing, the caller's claims, the DynamoDB read, the Verified
 * Permissions decision and the JSON error mapping all run (classes loaded, clients connected) and nothing changes.
 */
public final class PrimingRequest {

    public static final String CONFIG_ID = "__snapstart_priming__";

    private PrimingRequest() {
    }

    /** A proxy event as API Gateway's Cognito authorizer passes it, for {@code method resource} at {@code path}. */
    public static APIGatewayProxyRequestEvent of(String method, String resource, String path,
            Map<String, String> pathParameters, String body) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", CONFIG_ID);
        claims.put("cognito:username", CONFIG_ID);
        claims.put("custom:fc_read", CONFIG_ID);
        Map<String, Object> authorizer = new HashMap<>();
        authorizer.put("claims", claims);
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext()
                .withRequestId(CONFIG_ID);
        context.setAuthorizer(authorizer);
        return new APIGatewayProxyRequestEvent()
                .withHttpMethod(method)
                .withResource(resource)
                .withPath(path)
                .withPathParameters(pathParameters)
                .withHeaders(Map.of("Accept", "application/json", "Content-Type", "application/json"))
                .withBody(body)
                .withRequestContext(context);
    }

    /**
     * Sends {@code request} through {@code respond} and returns the status, or -1 when the call path threw: priming is
     * best effort, a snapshot without it is slower, not wrong.
     */
    public static int prime(Function<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> respond,
            APIGatewayProxyRequestEvent request) {
        try {
            return respond.apply(request).getStatusCode();
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
