package dev.connectconfig.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.connectconfig.api.auth.CedarEntity;
import dev.connectconfig.engines.CedarFlowConfigAuthorizer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Amazon Verified Permissions for one policy store, over its real wire protocol (AWS JSON 1.0), so the FlowConfig
 * function's own VerifiedPermissionsAuthorizer and SDK client run unchanged. {@code IsAuthorized} and
 * {@code BatchIsAuthorized} are decided by cedar-java with the schema and policies in shared/api-kit/src/main/cedar/, the
 * same text the template deploys, over the entities the caller sent.
 */
final class VerifiedPermissionsEndpoint implements AutoCloseable {

    private static final String TARGET_PREFIX = "VerifiedPermissions.";

    private final HttpServer server;
    private final CedarFlowConfigAuthorizer cedar;
    private final String policyStoreId;

    VerifiedPermissionsEndpoint(CedarFlowConfigAuthorizer cedar, String policyStoreId, int port) {
        this.cedar = cedar;
        this.policyStoreId = policyStoreId;
        this.server = LocalHttp.loopback("Verified Permissions", port);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + LocalHttp.port(server);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        java.util.Optional<JsonNode> body = LocalHttp.awsJsonBody(exchange);
        if (body.isEmpty()) {
            return;
        }
        JsonNode request = body.get();
        String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
        if (!"IsAuthorized".equals(operation) && !"BatchIsAuthorized".equals(operation)) {
            LocalHttp.awsError(exchange, 400, "UnknownOperationException", "The local Verified Permissions endpoint"
                    + " answers IsAuthorized and BatchIsAuthorized only, not " + target + ".");
            return;
        }
        if (!policyStoreId.equals(request.path("policyStoreId").asText())) {
            LocalHttp.awsError(exchange, 400, "ResourceNotFoundException", "No policy store "
                    + request.path("policyStoreId").asText() + "; the local one is " + policyStoreId + ".");
            return;
        }
        try {
            Map<String, CedarEntity> entities = entities(request.path("entities").path("entityList"));
            if ("IsAuthorized".equals(operation)) {
                LocalHttp.json(exchange, 200, decide(request, entities));
            } else {
                List<Object> results = new ArrayList<>();
                for (JsonNode item : request.path("requests")) {
                    Map<String, Object> result = new LinkedHashMap<>();
                    result.put("request", LocalJson.MAPPER.convertValue(item, Map.class));
                    result.putAll(decide(item, entities));
                    results.add(result);
                }
                LocalHttp.json(exchange, 200, Map.of("results", results));
            }
        } catch (IllegalArgumentException e) {
            LocalHttp.awsError(exchange, 400, "ValidationException", e.getMessage());
        }
    }

    private Map<String, Object> decide(JsonNode request, Map<String, CedarEntity> entities) {
        CedarEntity principal = entity(request.path("principal"), entities);
        CedarEntity resource = entity(request.path("resource"), entities);
        String action = request.path("action").path("actionId").asText();
        CedarFlowConfigAuthorizer.Decision decision = cedar.decide(principal, action, resource, entities.values());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("decision", decision.allowed() ? "ALLOW" : "DENY");
        answer.put("determiningPolicies", decision.determiningPolicies().stream()
                .map(id -> Map.of("policyId", id)).toList());
        answer.put("errors", decision.failure() == null ? List.of()
                : List.of(Map.of("errorDescription", decision.failure())));
        return answer;
    }

    private static CedarEntity entity(JsonNode identifier, Map<String, CedarEntity> entities) {
        String type = identifier.path("entityType").asText();
        String id = identifier.path("entityId").asText();
        if (type.isEmpty()) {
            throw new IllegalArgumentException("principal and resource need an entityType and entityId.");
        }
        return entities.getOrDefault(type + "::" + id, new CedarEntity(type, id, Map.of()));
    }

    /** The FlowConfig model's entities carry only sets of strings; anything else is refused, not guessed. */
    private static Map<String, CedarEntity> entities(JsonNode list) {
        Map<String, CedarEntity> entities = new LinkedHashMap<>();
        for (JsonNode item : list) {
            JsonNode identifier = item.path("identifier");
            Map<String, Set<String>> attributes = new LinkedHashMap<>();
            item.path("attributes").properties().forEach(attribute -> {
                JsonNode set = attribute.getValue().get("set");
                if (set == null || !set.isArray()) {
                    throw new IllegalArgumentException("attribute " + attribute.getKey()
                            + ": the local endpoint evaluates the FlowConfig schema, whose attributes are string sets.");
                }
                Set<String> values = new TreeSet<>();
                set.forEach(value -> values.add(value.path("string").asText()));
                attributes.put(attribute.getKey(), values);
            });
            String type = identifier.path("entityType").asText();
            String id = identifier.path("entityId").asText();
            entities.put(type + "::" + id, new CedarEntity(type, id, attributes));
        }
        return entities;
    }

    @Override
    public void close() {
        LocalHttp.stop(server);
    }
}
