package dev.connectconfig.getconfig.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/**
 * The Lambda Runtime API (2018-06-01) for one cold start: the real runtime interface client in the probe JVM takes
 * one event from {@code /invocation/next} and posts its answer; the benchmark times the JVM's start to that post.
 * A second {@code next} is held open, as Lambda holds a finished container until its next event.
 */
final class OneEventRuntimeApi implements AutoCloseable {

    /** The function's answer, when it arrived, and whether it was an error document. */
    record Answer(byte[] body, boolean error, long arrivedNanos) {
    }

    private static final String PREFIX = "/2018-06-01/runtime/";

    private final HttpServer server;
    private final byte[] event;
    private final CompletableFuture<Answer> answer = new CompletableFuture<>();
    private boolean served;

    OneEventRuntimeApi(byte[] event) throws IOException {
        this.event = event;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0, PREFIX,
                this::handle);
        // a thread per exchange: the container's second long poll stays open while the answer is posted
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    CompletableFuture<Answer> answer() {
        return answer;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.equals("invocation/next")) {
                next(exchange);
            } else if (path.startsWith("invocation/") || path.equals("init/error")) {
                answer.complete(new Answer(body, !path.endsWith("/response"), System.nanoTime()));
                exchange.sendResponseHeaders(202, -1);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        synchronized (this) {
            if (served) {
                // the container's next long poll: never answered, the benchmark ends the process
                try {
                    answer.join();
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            served = true;
        }
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", "8476a536-e9f4-11e8-9739-2dfe598c3fcd");
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 5_000));
        headers.set("Lambda-Runtime-Invoked-Function-Arn",
                "arn:aws:lambda:us-east-1:123456789012:function:GetConfigFunction");
        headers.set("Lambda-Runtime-Trace-Id", "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Sampled=0");
        exchange.sendResponseHeaders(200, event.length);
        exchange.getResponseBody().write(event);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
