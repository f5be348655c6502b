package dev.connectconfig.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.connectconfig.engines.StackResourceEndpoint;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for CloudFormation while it sends a custom resource an event: for the pre-signed S3 URL it gives the
 * resource (a custom-resource event's {@code ResponseURL} is pointed here, and the body the function PUTs is what
 * CloudFormation would have received; the functions get this origin in the runner-only
 * {@code LOCAL_RUNNER_RESPONSE_ORIGIN}), and for DescribeStackResource (the functions' AWS_ENDPOINT_URL_CLOUDFORMATION):
 * while an Update or Delete runs, CloudFormation holds its physical id in UPDATE_IN_PROGRESS or DELETE_IN_PROGRESS,
 * as it does when it sends one. Every event given to {@code invoke} is taken as CloudFormation's.
 */
final class CloudFormationResponses implements AutoCloseable {

    private static final String PATH = "/cloudformation-response/";

    private final HttpServer server;
    private final Map<String, CompletableFuture<JsonNode>> expected = new ConcurrentHashMap<>();
    private final StackResourceEndpoint stackResources = StackResourceEndpoint.start();

    CloudFormationResponses() {
        server = LocalHttp.loopback("CloudFormation responses", 0);
        server.createContext(PATH, this::receive);
        server.start();
    }

    /** The origin the functions may answer to (their LOCAL_RUNNER_RESPONSE_ORIGIN). */
    String responseOrigin() {
        return "http://127.0.0.1:" + LocalHttp.port(server);
    }

    /** Where the functions' DescribeStackResource goes (their AWS_ENDPOINT_URL_CLOUDFORMATION). */
    String describeEndpoint() {
        return stackResources.endpoint().toString();
    }

    /** A waiting slot, and the event with its ResponseURL pointing at it; empty for other events. */
    Optional<Map.Entry<String, byte[]>> redirect(byte[] event) {
        JsonNode json;
        try {
            json = LocalJson.read(event);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (!(json instanceof ObjectNode object) || !object.hasNonNull("ResponseURL") || !object.has("RequestType")) {
            return Optional.empty();
        }
        String id = UUID.randomUUID().toString();
        expected.put(id, new CompletableFuture<>());
        String type = object.path("RequestType").asText();
        if (("Update".equals(type) || "Delete".equals(type)) && object.hasNonNull("PhysicalResourceId")) {
            stackResources.hold(object.path("StackId").asText(), object.path("LogicalResourceId").asText(),
                    object.path("PhysicalResourceId").asText(),
                    "Update".equals(type) ? "UPDATE_IN_PROGRESS" : "DELETE_IN_PROGRESS");
        }
        object.put("ResponseURL", "http://127.0.0.1:" + LocalHttp.port(server) + PATH + id
                + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=local");
        return Optional.of(Map.entry(id, LocalJson.write(object).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** The body PUT for slot {@code id}, waiting briefly for it: the function answers before it returns. */
    Optional<JsonNode> await(String id) {
        CompletableFuture<JsonNode> body = expected.remove(id);
        try {
            return body == null ? Optional.empty() : Optional.of(body.get(2, TimeUnit.SECONDS));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private void receive(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestURI().getPath().substring(PATH.length());
        byte[] body = exchange.getRequestBody().readAllBytes();
        CompletableFuture<JsonNode> slot = expected.get(id);
        if (slot == null || !"PUT".equals(exchange.getRequestMethod())) {
            LocalHttp.send(exchange, 403, "application/xml", null);
            return;
        }
        try {
            slot.complete(LocalJson.read(body));
        } catch (RuntimeException e) {
            slot.complete(LocalJson.MAPPER.getNodeFactory().textNode(new String(body,
                    java.nio.charset.StandardCharsets.UTF_8)));
        }
        LocalHttp.send(exchange, 200, null, null);
    }

    @Override
    public void close() {
        stackResources.close();
        LocalHttp.stop(server);
    }
}
