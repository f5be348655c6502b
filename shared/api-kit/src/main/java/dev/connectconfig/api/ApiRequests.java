package dev.connectconfig.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.util.List;
import java.util.Map;

/** Reads headers and parameters of a proxy event the way HTTP means them: header names without regard to case. */
public final class ApiRequests {

    private ApiRequests() {
    }

    public static String header(APIGatewayProxyRequestEvent event, String name) {
        String value = find(event.getHeaders(), name);
        if (value != null) {
            return value;
        }
        Map<String, List<String>> multi = event.getMultiValueHeaders();
        if (multi != null) {
            for (Map.Entry<String, List<String>> entry : multi.entrySet()) {
                if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(name) && entry.getValue() != null
                        && !entry.getValue().isEmpty()) {
                    return entry.getValue().get(0);
                }
            }
        }
        return null;
    }

    public static String query(APIGatewayProxyRequestEvent event, String name) {
        Map<String, String> parameters = event.getQueryStringParameters();
        return parameters == null ? null : parameters.get(name);
    }

    public static String path(APIGatewayProxyRequestEvent event, String name) {
        Map<String, String> parameters = event.getPathParameters();
        return parameters == null ? null : parameters.get(name);
    }

    /** The API Gateway request id, for error messages and logs. */
    public static String requestId(APIGatewayProxyRequestEvent event) {
        return event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
    }

    private static String find(Map<String, String> headers, String name) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, String> entry : headers.entrySet()) {
            if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }
}
