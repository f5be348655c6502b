package dev.connectconfig.getconfig;

import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Priming only: a loopback HTTP endpoint that answers every DynamoDB GetItem with one item (and every BatchGetItem
 * with it and its calendars), so the whole client side
 * of a read (the SDK's marshalling, signing and unmarshalling, the url-connection client, the JDK's HTTP and socket
 * code) runs often enough before a snapshot to be compiled, without reading the table hundreds of times or needing
 * an item in it. Closed before the snapshot; never used for an answer.
 */
final class PrimingEndpoint implements AutoCloseable {

    private final HttpServer server;
    private final byte[] getItemResponse;
    private final byte[] batchGetItemResponse;

    PrimingEndpoint(Map<String, AttributeValue> item) throws IOException {
        this(item, List.of(), "priming");
    }

    /** Also answers every BatchGetItem with {@code item} and {@code others} (a config's calendars) from {@code table}. */
    PrimingEndpoint(Map<String, AttributeValue> item, List<Map<String, AttributeValue>> others, String table)
            throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (JsonGenerator json = InvocationJson.FACTORY.createGenerator(body)) {
            json.writeStartObject();
            json.writeFieldName("Item");
            writeMap(json, item);
            json.writeEndObject();
        }
        getItemResponse = body.toByteArray();
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        try (JsonGenerator json = InvocationJson.FACTORY.createGenerator(batch)) {
            json.writeStartObject();
            json.writeObjectFieldStart("Responses");
            json.writeArrayFieldStart(table);
            writeMap(json, item);
            for (Map<String, AttributeValue> other : others) {
                writeMap(json, other);
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndObject();
        }
        batchGetItemResponse = batch.toByteArray();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            byte[] response = target != null && target.endsWith(".BatchGetItem") ? batchGetItemResponse
                    : getItemResponse;
            exchange.sendResponseHeaders(200, response.length);
            exchange.getResponseBody().write(response);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static void writeMap(JsonGenerator json, Map<String, AttributeValue> map) throws IOException {
        json.writeStartObject();
        for (Map.Entry<String, AttributeValue> entry : map.entrySet()) {
            json.writeFieldName(entry.getKey());
            writeValue(json, entry.getValue());
        }
        json.writeEndObject();
    }

    /** DynamoDB's JSON for the types a flow-config item holds: strings, numbers, maps and lists. */
    private static void writeValue(JsonGenerator json, AttributeValue value) throws IOException {
        json.writeStartObject();
        if (value.s() != null) {
            json.writeStringField("S", value.s());
        } else if (value.n() != null) {
            json.writeStringField("N", value.n());
        } else if (value.hasM()) {
            json.writeFieldName("M");
            writeMap(json, value.m());
        } else if (value.hasL()) {
            json.writeArrayFieldStart("L");
            for (AttributeValue item : value.l()) {
                writeValue(json, item);
            }
            json.writeEndArray();
        } else {
            json.writeBooleanField("BOOL", Boolean.TRUE.equals(value.bool()));
        }
        json.writeEndObject();
    }
}
