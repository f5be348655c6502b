package dev.connectconfig.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Loopback HTTP servers for the runner's endpoints, and the few ways they answer. */
final class LocalHttp {

    /** A fixed port someone else holds: the runner refuses to start and says which. */
    static final class PortTakenException extends RuntimeException {
        PortTakenException(String what, int port) {
            super("Port " + port + " (" + what + ") is already in use on 127.0.0.1: stop what holds it, or choose"
                    + " another port.");
        }
    }

    private LocalHttp() {
    }

    /** A server on 127.0.0.1 ({@code port} 0 picks a free one), one virtual thread per exchange. */
    static HttpServer loopback(String what, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            return server;
        } catch (BindException e) {
            throw new PortTakenException(what, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int port(HttpServer server) {
        return server.getAddress().getPort();
    }

    static void stop(HttpServer server) {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        boolean empty = body == null || body.length == 0 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, empty ? -1 : body.length);
        if (!empty) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    static void json(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json", LocalJson.write(body).getBytes(StandardCharsets.UTF_8));
    }

    /** The JSON body of an AWS request, or empty after answering SerializationException as AWS does. */
    static java.util.Optional<com.fasterxml.jackson.databind.JsonNode> awsJsonBody(HttpExchange exchange)
            throws IOException {
        try {
            return java.util.Optional.of(LocalJson.read(exchange.getRequestBody().readAllBytes()));
        } catch (RuntimeException e) {
            awsError(exchange, 400, "SerializationException", "The request body is not JSON.");
            return java.util.Optional.empty();
        }
    }

    /** An AWS JSON-protocol error, as the SDK parses it into a service exception with this code and message. */
    static void awsError(HttpExchange exchange, int status, String code, String message) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", code);
        json(exchange, status, java.util.Map.of("__type", code, "message", message));
    }
}
