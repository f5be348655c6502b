package dev.connectconfig.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where every AWS service without a local engine points (Athena, Glue, Lake Formation, S3, and any service not
 * named): each call fails at once with a non-retryable error naming the service and operation, so a function
 * reports it instead of hanging on an unreachable AWS endpoint.
 */
final class NoLocalEngineEndpoint implements AutoCloseable {

    static final String ERROR_CODE = "NoLocalEngine";
    private static final Pattern SIGNING_SERVICE = Pattern.compile("Credential=[^/]+/[^/]+/[^/]+/([^/]+)/");
    private static final Map<String, String> NAMES = Map.of("athena", "Amazon Athena", "glue", "AWS Glue",
            "lakeformation", "AWS Lake Formation", "s3", "Amazon S3", "polly", "Amazon Polly", "sts", "AWS STS");

    private final HttpServer server;
    private final Consumer<String> console;

    NoLocalEngineEndpoint(Consumer<String> console) {
        this.console = console;
        this.server = LocalHttp.loopback("services without a local engine", 0);
        server.createContext("/", this::refuse);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + LocalHttp.port(server);
    }

    private void refuse(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Matcher matcher = SIGNING_SERVICE.matcher(authorization == null ? "" : authorization);
        String service = matcher.find() ? matcher.group(1) : "unknown";
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String operation = target != null ? target.substring(target.indexOf('.') + 1)
                : exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
        String message = NAMES.getOrDefault(service, "AWS service '" + service + "'") + " has no local engine in"
                + " the local runner (" + operation + "); this call needs AWS.";
        console.accept(message);
        // 501 is not among the statuses the SDK retries, so the function sees the refusal at once.
        if ("s3".equals(service)) {
            exchange.getResponseHeaders().set("Content-Type", "application/xml");
            LocalHttp.send(exchange, 501, "application/xml", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>"
                    + ERROR_CODE + "</Code><Message>" + message + "</Message></Error>")
                    .getBytes(StandardCharsets.UTF_8));
        } else {
            LocalHttp.awsError(exchange, 501, ERROR_CODE, message);
        }
    }

    @Override
    public void close() {
        LocalHttp.stop(server);
    }
}
