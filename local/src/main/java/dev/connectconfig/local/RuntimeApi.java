package dev.connectconfig.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Lambda Runtime API (version 2018-06-01) for one function's JVM: the real runtime interface client in that JVM
 * long-polls {@code /invocation/next}, runs the handler and posts the result to {@code /invocation/{id}/response} or
 * {@code /error}; {@code /init/error} reports a function that could not start.
 */
final class RuntimeApi implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";

    /** An event waiting for, or being handled by, the function. */
    static final class Pending {
        final String requestId;
        final byte[] event;
        final String functionArn;
        final long timeoutMillis;
        /** Completes when the function takes the event: from then on its timeout runs. */
        final CompletableFuture<Void> taken = new CompletableFuture<>();
        final CompletableFuture<Outcome> outcome = new CompletableFuture<>();

        Pending(String requestId, byte[] event, String functionArn, long timeoutMillis) {
            this.requestId = requestId;
            this.event = event;
            this.functionArn = functionArn;
            this.timeoutMillis = timeoutMillis;
        }
    }

    /** What the function posted back: its response, or an error document. */
    record Outcome(byte[] body, boolean error) {
    }

    private final HttpServer server;
    private final BlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();
    private final Map<String, Pending> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<byte[]> initError = new CompletableFuture<>();

    RuntimeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext(PREFIX, this::handle);
        server.start();
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    void submit(Pending pending) {
        waiting.add(pending);
    }

    /** Completes with the body of {@code /init/error} if the function reports one. */
    CompletableFuture<byte[]> initError() {
        return initError;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.equals("invocation/next") && "GET".equals(exchange.getRequestMethod())) {
                next(exchange);
            } else if (path.equals("init/error")) {
                initError.complete(body);
                exchange.sendResponseHeaders(202, -1);
            } else if (path.startsWith("invocation/") && (path.endsWith("/response") || path.endsWith("/error"))) {
                String requestId = path.substring("invocation/".length(), path.lastIndexOf('/'));
                Pending pending = inFlight.remove(requestId);
                if (pending == null) {
                    exchange.sendResponseHeaders(400, -1);
                    return;
                }
                pending.outcome.complete(new Outcome(body, path.endsWith("/error")));
                exchange.sendResponseHeaders(202, -1);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        Pending pending;
        try {
            pending = waiting.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(500, -1);
            return;
        }
        inFlight.put(pending.requestId, pending);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", pending.requestId);
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + pending.timeoutMillis));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", pending.functionArn);
        headers.set("Lambda-Runtime-Trace-Id", "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000)
                + "-" + pending.requestId.replace("-", "").substring(0, 24) + ";Sampled=0");
        exchange.sendResponseHeaders(200, pending.event.length == 0 ? -1 : pending.event.length);
        exchange.getResponseBody().write(pending.event);
        pending.taken.complete(null);
    }

    /** Fails every event not yet answered, for a JVM that exited or was stopped. */
    void abandonAll(String reason) {
        Pending pending;
        while ((pending = waiting.poll()) != null) {
            pending.outcome.completeExceptionally(new IllegalStateException(reason));
        }
        inFlight.values().forEach(p -> p.outcome.completeExceptionally(new IllegalStateException(reason)));
        inFlight.clear();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        abandonAll("the runtime API stopped");
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        try {
            ((java.util.concurrent.ExecutorService) server.getExecutor()).awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
