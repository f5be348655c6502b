package dev.connectconfig.engines;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * CloudFormation's {@code DescribeStackResource}, and nothing else of it, on a loopback port: the Query protocol's
 * form-encoded POST in, CloudFormation's XML out (a {@code ValidationError} for a resource it does not hold). There is
 * no local CloudFormation engine; the tests and the offline runner say what it holds, as CloudFormation would while
 * it sends a custom resource an event.
 */
public final class StackResourceEndpoint implements AutoCloseable {

    /** One DescribeStackResource as received. */
    public record Described(String action, String version, String stackName, String logicalResourceId) {
    }

    /** What CloudFormation holds for one resource of a stack. */
    public record Held(String physicalResourceId, String resourceStatus, String resourceType) {
    }

    private static final String NAMESPACE = "http://cloudformation.amazonaws.com/doc/2010-05-15/";

    private final HttpServer server;
    private final Map<String, Held> resources = new ConcurrentHashMap<>();
    private final List<Described> requests = new CopyOnWriteArrayList<>();

    private StackResourceEndpoint(HttpServer server) {
        this.server = server;
    }

    public static StackResourceEndpoint start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            StackResourceEndpoint endpoint = new StackResourceEndpoint(server);
            server.createContext("/", endpoint::answer);
            server.start();
            return endpoint;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The endpoint an SDK client is pointed at ({@code AWS_ENDPOINT_URL_CLOUDFORMATION}, or endpointOverride). */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** CloudFormation now holds {@code physicalResourceId} in {@code resourceStatus} for this resource. */
    public void hold(String stackId, String logicalResourceId, String physicalResourceId, String resourceStatus) {
        resources.put(key(stackName(stackId), logicalResourceId),
                new Held(physicalResourceId, resourceStatus, "AWS::CloudFormation::CustomResource"));
    }

    /** CloudFormation holds no such resource any more. */
    public void forget(String stackId, String logicalResourceId) {
        resources.remove(key(stackName(stackId), logicalResourceId));
    }

    /** Every DescribeStackResource received, in order. */
    public List<Described> requests() {
        return List.copyOf(requests);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            Described request = new Described(form.get("Action"), form.get("Version"), form.get("StackName"),
                    form.get("LogicalResourceId"));
            requests.add(request);
            if (!"POST".equals(exchange.getRequestMethod()) || !"DescribeStackResource".equals(request.action())) {
                send(exchange, 400, error("InvalidAction", "Only DescribeStackResource is served here."));
                return;
            }
            String stack = request.stackName() == null ? "" : request.stackName();
            Held held = resources.get(key(stackName(stack), String.valueOf(request.logicalResourceId())));
            if (held == null) {
                send(exchange, 400, error("ValidationError", "Resource " + request.logicalResourceId()
                        + " does not exist for stack " + stackName(stack)));
                return;
            }
            String stackId = stack.startsWith("arn:") ? stack : "arn:aws:cloudformation:us-east-1:123456789012:stack/"
                    + stack + "/" + UUID.nameUUIDFromBytes(stack.getBytes(StandardCharsets.UTF_8));
            send(exchange, 200, "<DescribeStackResourceResponse xmlns=\"" + NAMESPACE + "\">"
                    + "<DescribeStackResourceResult><StackResourceDetail>"
                    + element("StackId", stackId)
                    + element("StackName", stackName(stack))
                    + element("LogicalResourceId", request.logicalResourceId())
                    + element("PhysicalResourceId", held.physicalResourceId())
                    + element("ResourceType", held.resourceType())
                    + element("LastUpdatedTimestamp", "2025-06-01T02:00:00.000Z")
                    + element("ResourceStatus", held.resourceStatus())
                    + "</StackResourceDetail></DescribeStackResourceResult>"
                    + "<ResponseMetadata>" + element("RequestId", UUID.randomUUID().toString())
                    + "</ResponseMetadata></DescribeStackResourceResponse>");
        }
    }

    private static String error(String code, String message) {
        return "<ErrorResponse xmlns=\"" + NAMESPACE + "\"><Error><Type>Sender</Type>" + element("Code", code)
                + element("Message", message) + "</Error>" + element("RequestId", UUID.randomUUID().toString())
                + "</ErrorResponse>";
    }

    private static void send(HttpExchange exchange, int status, String xml) throws IOException {
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/xml");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String element(String name, String value) {
        if (value == null) {
            return "";
        }
        String escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
        return "<" + name + ">" + escaped + "</" + name + ">";
    }

    private static Map<String, String> form(String body) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    /** A stack is named by its id or its name, as DescribeStackResource's StackName accepts either. */
    private static String stackName(String stack) {
        String[] parts = stack.split("/");
        return stack.startsWith("arn:") && parts.length >= 2 ? parts[1] : stack;
    }

    private static String key(String stackName, String logicalResourceId) {
        return stackName + "|" + logicalResourceId;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
