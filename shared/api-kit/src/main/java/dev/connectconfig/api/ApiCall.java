package dev.connectconfig.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.connectconfig.api.auth.Caller;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request as a route sees it: the verified caller, the request's parts, its body read within a limit, the time
 * it may take, and what the route wants on the request's log line and in its metrics.
 */
public final class ApiCall {

    private final APIGatewayProxyRequestEvent event;
    private final Caller caller;
    private final Duration time;
    private final Map<String, Object> logEntries = new LinkedHashMap<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();

    ApiCall(APIGatewayProxyRequestEvent event, Caller caller, Duration time) {
        this.event = event;
        this.caller = caller;
        this.time = time;
    }

    public Caller caller() {
        return caller;
    }

    public String path(String name) {
        return ApiRequests.path(event, name);
    }

    public String query(String name) {
        return ApiRequests.query(event, name);
    }

    public String header(String name) {
        return ApiRequests.header(event, name);
    }

    /** The body as JSON, refused with a named limit when larger than {@code maxBytes} or nested too deep. */
    public JsonNode body(int maxBytes) {
        return JsonRequestBody.read(event, maxBytes);
    }

    /** How long the route may work before the function must answer (the invocation's time less what answering takes). */
    public Duration time() {
        return time;
    }

    /** Adds {@code key = value} to the line logged when the request has been answered. */
    public void log(String key, Object value) {
        logEntries.put(key, value);
    }

    /** Adds {@code value} to the metric {@code name} (a count) written when the request has been answered. */
    public void count(String name, long value) {
        counts.merge(name, value, Long::sum);
    }

    Map<String, Object> logEntries() {
        return logEntries;
    }

    Map<String, Long> counts() {
        return counts;
    }
}
