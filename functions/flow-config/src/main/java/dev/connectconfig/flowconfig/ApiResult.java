package dev.connectconfig.flowconfig;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** A successful answer before it becomes an API Gateway response: status, JSON body (null for 204) and headers. */
record ApiResult(int status, JsonNode body, Map<String, String> headers) {

    static ApiResult ok(JsonNode body) {
        return new ApiResult(200, body, Map.of());
    }
}
