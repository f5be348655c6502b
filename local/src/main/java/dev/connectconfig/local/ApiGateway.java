package dev.connectconfig.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/**
 * The REST API as API Gateway serves it: each request to a template route passes the Cognito authorizer (here the
 * local token), becomes the proxy event the real handler receives, and the handler's response is sent back. Also
 * serves the local sign-in ({@code POST /local-login}) and Lambda's Invoke API ({@link LambdaInvokeApi}).
 */
final class ApiGateway implements AutoCloseable {

    static final String LOGIN_PATH = "/local-login";
    /** API Gateway's payload limit. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final LocalSystem system;
    private final LocalIdentity identity;
    private final RouteTable routes;
    private final HttpServer server;
    private final String stage;
    private final LambdaInvokeApi invokeApi;

    ApiGateway(LocalSystem system, LocalIdentity identity, int port) {
        this.system = system;
        this.identity = identity;
        this.routes = new RouteTable(system.template().routes());
        this.stage = system.template().values().parameter("ApiStageName");
        this.invokeApi = new LambdaInvokeApi(system);
        this.server = LocalHttp.loopback("REST API", port);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + LocalHttp.port(server);
    }

    RouteTable routes() {
        return routes;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            byte[] body = readBody(exchange.getRequestBody());
            boolean invoke = LambdaInvokeApi.handles(path);
            boolean login = path.equals(LOGIN_PATH);
            Optional<CrossSiteGuard.Refusal> refusal = CrossSiteGuard.check(exchange.getRequestHeaders(),
                    LocalHttp.port(server), invoke || login, login && method.equals("POST"),
                    body != null && body.length > 0);
            if (refusal.isPresent()) {
                if (invoke) {
                    // the AWS SDKs read an error's code from this header
                    exchange.getResponseHeaders().set("x-amzn-ErrorType", refusal.get().code());
                }
                LocalHttp.json(exchange, refusal.get().status(), Map.of("code", refusal.get().code(),
                        "message", refusal.get().message()));
            } else if (body == null) {
                gatewayError(exchange, 413, "TOO_LARGE", "Request Entity Too Large", null);
            } else if (login) {
                login(exchange, method, body);
            } else if (invoke) {
                invokeApi.handle(exchange, method, path, body);
            } else if (method.equals("OPTIONS") && routes.hasPath(path)) {
                preflight(exchange, path);
            } else {
                route(exchange, method, path, body);
            }
        } catch (RuntimeException e) {
            // The details go to the runner's console, never to the caller.
            System.err.println("The local runner failed on " + exchange.getRequestMethod() + " "
                    + exchange.getRequestURI().getRawPath() + ":");
            e.printStackTrace();
            gatewayError(exchange, 500, "INTERNAL_ERROR", "The local runner failed; its console says why.", null);
        }
    }

    private void route(HttpExchange exchange, String method, String path, byte[] body) throws IOException {
        Optional<RouteTable.Match> match = routes.match(method, path);
        if (match.isEmpty()) {
            gatewayError(exchange, 404, "NOT_FOUND", "No route " + method + " " + path + " in template.yaml.",
                    match.map(m -> m.route().restApiId()).orElse(null));
            return;
        }
        SamTemplate.ApiRoute route = match.get().route();
        Optional<Map<String, String>> claims = system.template().withoutAuthorizer(route) ? Optional.of(Map.of())
                : identity.verify(exchange.getRequestHeaders().getFirst("Authorization"));
        if (claims.isEmpty()) {
            gatewayError(exchange, 401, "UNAUTHORIZED", "Unauthorized", route.restApiId());
            return;
        }
        SamTemplate.LambdaFunction function = system.template().function(route.functionId()).orElseThrow();
        byte[] event = LocalJson.write(proxyEvent(exchange, match.get(), body, claims.get()))
                .getBytes(StandardCharsets.UTF_8);
        long speechBefore = system.polly().map(polly -> polly.outcome().count()).orElse(0L);
        FunctionProcess.Invocation invocation = system.invoke(function, event).invocation();
        if (invocation.failed()) {
            boolean timedOut = invocation.payloadText().contains("Task timed out");
            gatewayError(exchange, timedOut ? 504 : 502, timedOut ? "GATEWAY_TIMEOUT" : "BAD_GATEWAY",
                    timedOut ? "Endpoint request timed out" : "Internal server error", route.restApiId());
            return;
        }
        JsonNode response;
        try {
            response = LocalJson.read(invocation.payload());
        } catch (RuntimeException e) {
            response = null;
        }
        if (response == null || !response.path("statusCode").canConvertToInt()) {
            gatewayError(exchange, 502, "BAD_GATEWAY", "Malformed Lambda proxy response", route.restApiId());
            return;
        }
        Headers headers = exchange.getResponseHeaders();
        response.path("headers").properties().forEach(h -> headers.set(h.getKey(), h.getValue().asText()));
        response.path("multiValueHeaders").properties().forEach(h -> {
            headers.remove(h.getKey());
            h.getValue().forEach(value -> headers.add(h.getKey(), value.asText()));
        });
        system.polly().map(PollyEndpoint::outcome).filter(speech -> speech.count() > speechBefore).ifPresent(speech -> {
            headers.set(PollyEndpoint.PREVIEW_HEADER, speech.note().replaceAll("\\p{Cntrl}", " "));
            // A browser page previewing against the runner may read the marker like the function's own headers.
            String exposed = headers.getFirst("Access-Control-Expose-Headers");
            if (exposed != null) {
                headers.set("Access-Control-Expose-Headers", exposed + ", " + PollyEndpoint.PREVIEW_HEADER);
            }
        });
        JsonNode text = response.get("body");
        // As API Gateway does: base64 becomes bytes only when the client's first Accept type is a binary media type.
        boolean binary = response.path("isBase64Encoded").asBoolean(false) && isBinary(firstAccepted(exchange),
                route.restApiId());
        byte[] out = text == null || text.isNull() ? new byte[0]
                : binary ? Base64.getDecoder().decode(text.asText()) : text.asText().getBytes(StandardCharsets.UTF_8);
        if (!headers.containsKey("Content-Type") && out.length > 0) {
            headers.set("Content-Type", "application/json");
        }
        out = compressed(exchange, route.restApiId(), out);
        LocalHttp.send(exchange, response.path("statusCode").asInt(), null, out);
    }

    private Map<String, Object> proxyEvent(HttpExchange exchange, RouteTable.Match match, byte[] body,
            Map<String, String> claims) {
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, List<String>> multiHeaders = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            headers.put(name, values.get(values.size() - 1));
            multiHeaders.put(name, values);
        });
        Map<String, String> query = new LinkedHashMap<>();
        Map<String, List<String>> multiQuery = new LinkedHashMap<>();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                query.put(name, value);
                multiQuery.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        }
        String contentType = headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("Content-Type"))
                .map(Map.Entry::getValue).findFirst().orElse("");
        boolean binary = isBinary(contentType, match.route().restApiId());
        String path = exchange.getRequestURI().getRawPath();
        long now = System.currentTimeMillis();

        Map<String, Object> identityContext = new LinkedHashMap<>();
        identityContext.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
        identityContext.put("userAgent", headers.entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase("User-Agent")).map(Map.Entry::getValue).findFirst()
                .orElse(null));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("resourceId", "local");
        context.put("resourcePath", match.route().path());
        context.put("httpMethod", exchange.getRequestMethod());
        context.put("requestTime", REQUEST_TIME.format(java.time.Instant.ofEpochMilli(now)));
        context.put("path", "/" + stage + path);
        context.put("accountId", TemplateValues.ACCOUNT_ID);
        context.put("protocol", "HTTP/1.1");
        context.put("stage", stage);
        context.put("requestTimeEpoch", now);
        context.put("requestId", UUID.randomUUID().toString());
        context.put("identity", identityContext);
        context.put("domainName", "127.0.0.1:" + LocalHttp.port(server));
        context.put("apiId", "local");
        context.put("authorizer", Map.of("claims", claims));

        Map<String, Object> event = new LinkedHashMap<>();
        event.put("resource", match.route().path());
        event.put("path", path);
        event.put("httpMethod", exchange.getRequestMethod());
        event.put("headers", headers);
        event.put("multiValueHeaders", multiHeaders);
        event.put("queryStringParameters", query.isEmpty() ? null : query);
        event.put("multiValueQueryStringParameters", multiQuery.isEmpty() ? null : multiQuery);
        event.put("pathParameters", match.pathParameters().isEmpty() ? null : match.pathParameters());
        event.put("stageVariables", system.template().stageVariables(match.route().restApiId()));
        event.put("requestContext", context);
        event.put("body", body.length == 0 ? null
                : binary ? Base64.getEncoder().encodeToString(body) : new String(body, StandardCharsets.UTF_8));
        event.put("isBase64Encoded", binary && body.length > 0);
        return event;
    }

    /**
     * As API Gateway does with the API's MinimumCompressionSize: a body at least that large, for a client whose
     * Accept-Encoding names gzip, goes gzipped (unless the function already encoded it).
     */
    private byte[] compressed(HttpExchange exchange, String restApiId, byte[] body) throws IOException {
        int minimum = system.template().minimumCompressionSize(restApiId);
        String accepted = exchange.getRequestHeaders().getFirst("Accept-Encoding");
        Headers headers = exchange.getResponseHeaders();
        if (minimum < 0 || body.length < minimum || accepted == null || headers.containsKey("Content-Encoding")
                || !Arrays.stream(accepted.split(",")).map(e -> e.split(";")[0].strip().toLowerCase(Locale.ROOT))
                        .anyMatch(e -> e.equals("gzip") || e.equals("*"))) {
            return body;
        }
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream(body.length / 3 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
            gzip.write(body);
        }
        headers.set("Content-Encoding", "gzip");
        headers.add("Vary", "Accept-Encoding");
        return gzipped.toByteArray();
    }

    /** The first media type of the request's Accept header, the one API Gateway matches; empty without one. */
    private static String firstAccepted(HttpExchange exchange) {
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        return accept == null ? "" : accept.split(",")[0];
    }

    /** Whether {@code contentType} is one of the API's binary media types (wildcards such as audio/* included). */
    private boolean isBinary(String contentType, String restApiId) {
        String type = contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        for (String binary : system.template().binaryMediaTypes(restApiId)) {
            String pattern = binary.toLowerCase(Locale.ROOT);
            if (pattern.equals("*/*") || pattern.equals(type)
                    || (pattern.endsWith("/*") && type.startsWith(pattern.substring(0, pattern.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    private void preflight(HttpExchange exchange, String path) throws IOException {
        String restApiId = routes.routes().stream().filter(r -> new RouteTable(List.of(r)).hasPath(path))
                .map(SamTemplate.ApiRoute::restApiId).findFirst().orElseThrow();
        Optional<SamTemplate.Cors> cors = system.template().cors(restApiId);
        if (cors.isEmpty()) {
            gatewayError(exchange, 404, "NOT_FOUND", "No route OPTIONS " + path + " in template.yaml.", restApiId);
            return;
        }
        Headers headers = exchange.getResponseHeaders();
        headers.set("Access-Control-Allow-Origin", cors.get().allowOrigin());
        if (cors.get().allowMethods() != null) {
            headers.set("Access-Control-Allow-Methods", cors.get().allowMethods());
        }
        if (cors.get().allowHeaders() != null) {
            headers.set("Access-Control-Allow-Headers", cors.get().allowHeaders());
        }
        if (cors.get().maxAge() != null) {
            headers.set("Access-Control-Max-Age", cors.get().maxAge());
        }
        LocalHttp.send(exchange, 200, null, null);
    }

    private void login(HttpExchange exchange, String method, byte[] body) throws IOException {
        if (!method.equals("POST")) {
            gatewayError(exchange, 405, "METHOD_NOT_ALLOWED", "Sign in with POST " + LOGIN_PATH + ".", null);
            return;
        }
        JsonNode request;
        try {
            request = LocalJson.read(body);
        } catch (RuntimeException e) {
            gatewayError(exchange, 400, "MALFORMED_JSON", "The body is not JSON.", null);
            return;
        }
        try {
            LocalHttp.json(exchange, 200, identity.login(request));
        } catch (LocalIdentity.InvalidLoginException e) {
            LocalHttp.json(exchange, 400, Map.of("code", "INVALID_LOGIN", "message", "The login is not valid.",
                    "details", List.of(Map.of("field", e.field, "message", e.getMessage()))));
        }
    }

    /** An answer of API Gateway itself (no function ran), readable by browsers as the template's GatewayResponses say. */
    private void gatewayError(HttpExchange exchange, int status, String code, String message, String restApiId)
            throws IOException {
        String origin = restApiId == null ? null : system.template().gatewayResponseOrigin(restApiId);
        if (origin == null && restApiId == null) {
            origin = routes.routes().stream().findFirst()
                    .map(r -> system.template().gatewayResponseOrigin(r.restApiId())).orElse(null);
        }
        if (origin != null) {
            exchange.getResponseHeaders().set("Access-Control-Allow-Origin", origin);
        }
        LocalHttp.json(exchange, status, Map.of("code", code, "message", message, "details", List.of()));
    }

    /** The body, or null when it is over API Gateway's limit. */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        return body.length > MAX_BODY_BYTES ? null : body;
    }

    @Override
    public void close() {
        LocalHttp.stop(server);
    }
}
