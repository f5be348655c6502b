package dev.connectconfig.local;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lambda's Invoke API ({@code POST /2015-03-31/functions/{name}/invocations}) as awscli, boto3 and the SDKs use it:
 * a function named by name, ARN or qualified ARN; {@code RequestResponse}, {@code Event} (202, run in the
 * background) and {@code DryRun} (204, not run); errors in Lambda's shape, so clients raise the same exceptions.
 */
final class LambdaInvokeApi {

    static final String PREFIX = "/2015-03-31/functions/";
    static final String SUFFIX = "/invocations";
    /** Lambda returns at most the last 4 KB of an invocation's log. */
    static final int LOG_TAIL_BYTES = 4096;
    /** Lambda's function name forms: a name, a partial ARN or an ARN, each with an optional qualifier. */
    private static final Pattern FUNCTION_NAME = Pattern.compile("(?:arn:aws[a-zA-Z-]*:lambda:(?<region>[a-z0-9-]+):"
            + "(?<account>\\d{12}):function:|(?<partialAccount>\\d{12}):function:)?(?<name>[a-zA-Z0-9_.-]+)"
            + "(?::(?<qualifier>\\$LATEST|[a-zA-Z0-9_-]+))?");

    private final LocalSystem system;

    LambdaInvokeApi(LocalSystem system) {
        this.system = system;
    }

    static boolean handles(String rawPath) {
        return rawPath.startsWith(PREFIX) && rawPath.endsWith(SUFFIX);
    }

    void handle(HttpExchange exchange, String method, String rawPath, byte[] body) throws IOException {
        String name = URLDecoder.decode(rawPath.substring(PREFIX.length(), rawPath.length() - SUFFIX.length()),
                StandardCharsets.UTF_8);
        Optional<SamTemplate.LambdaFunction> function = method.equals("POST") ? find(exchange, name)
                : Optional.empty();
        if (function.isEmpty()) {
            String qualifier = queryQualifier(exchange);
            error(exchange, 404, "ResourceNotFoundException", "Function not found: " + name
                    + (qualifier == null ? "" : ":" + qualifier) + "; functions: "
                    + system.template().functions().stream().map(SamTemplate.LambdaFunction::logicalId).toList());
            return;
        }
        String type = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type"))
                .orElse("RequestResponse");
        if (!type.equals("RequestResponse") && !type.equals("Event") && !type.equals("DryRun")) {
            error(exchange, 400, "InvalidParameterValueException", "X-Amz-Invocation-Type must be RequestResponse,"
                    + " Event or DryRun, not " + type + ".");
            return;
        }
        if (body.length > 0 && !isJson(body)) {
            error(exchange, 400, "InvalidRequestContentException", "Could not parse request body into json: the"
                    + " payload is not a JSON document.");
            return;
        }
        byte[] event = body.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : body;
        Headers headers = exchange.getResponseHeaders();
        switch (type) {
            case "DryRun" -> {
                headers.set("X-Amzn-RequestId", UUID.randomUUID().toString());
                LocalHttp.send(exchange, 204, null, null);
            }
            case "Event" -> {
                String requestId = UUID.randomUUID().toString();
                headers.set("X-Amzn-RequestId", requestId);
                LocalHttp.send(exchange, 202, null, null);
                SamTemplate.LambdaFunction queued = function.get();
                // Waits its turn on the function like any event, under the request id the caller was given.
                Thread.ofVirtual().name("event " + requestId).start(() -> {
                    LocalSystem.Result result = system.invoke(queued, requestId, event);
                    system.report(queued, "[local runner] Event " + requestId + (result.failed()
                            ? " failed: " + result.invocation().payloadText() : " done"));
                });
            }
            default -> respond(exchange, system.invoke(function.get(), event));
        }
    }

    /** The function {@code name} stands for, if it is one of the template's and its qualifier exists. */
    private Optional<SamTemplate.LambdaFunction> find(HttpExchange exchange, String name) throws IOException {
        Matcher parts = FUNCTION_NAME.matcher(name);
        if (!parts.matches()) {
            return Optional.empty();
        }
        String region = parts.group("region");
        String account = parts.group("account") != null ? parts.group("account") : parts.group("partialAccount");
        if ((region != null && !region.equals(TemplateValues.REGION))
                || (account != null && !account.equals(TemplateValues.ACCOUNT_ID))) {
            return Optional.empty();
        }
        Optional<SamTemplate.LambdaFunction> function = system.template().function(parts.group("name"));
        String qualifier = Optional.ofNullable(parts.group("qualifier")).orElse(queryQualifier(exchange));
        if (function.isEmpty() || qualifier == null || qualifier.equals("$LATEST")) {
            return function;
        }
        return function.filter(f -> system.template().alias(f.logicalId()).filter(qualifier::equals).isPresent());
    }

    private static String queryQualifier(HttpExchange exchange) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return null;
        }
        return Arrays.stream(query.split("&")).filter(pair -> pair.startsWith("Qualifier="))
                .map(pair -> URLDecoder.decode(pair.substring("Qualifier=".length()), StandardCharsets.UTF_8))
                .findFirst().orElse(null);
    }

    private static boolean isJson(byte[] body) {
        try {
            LocalJson.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void respond(HttpExchange exchange, LocalSystem.Result result) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("X-Amz-Executed-Version", "$LATEST");
        headers.set("X-Amzn-RequestId", result.invocation().requestId());
        if (result.invocation().failed()) {
            headers.set("X-Amz-Function-Error", "Unhandled");
        }
        if ("Tail".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("X-Amz-Log-Type"))) {
            byte[] log = (String.join("\n", result.invocation().log()) + "\n").getBytes(StandardCharsets.UTF_8);
            byte[] tail = Arrays.copyOfRange(log, Math.max(0, log.length - LOG_TAIL_BYTES), log.length);
            headers.set("X-Amz-Log-Result", Base64.getEncoder().encodeToString(tail));
        }
        if (result.unanswered()) {
            headers.set(LocalRunner.UNANSWERED_HEADER, "true");
        }
        result.cloudFormation().ifPresent(response -> headers.set(LocalRunner.CLOUDFORMATION_HEADER,
                Base64.getEncoder().encodeToString(LocalJson.write(response).getBytes(StandardCharsets.UTF_8))));
        LocalHttp.send(exchange, 200, "application/json", result.invocation().payload());
    }

    /** An error as Lambda sends it: the SDKs read the exception class from {@code x-amzn-ErrorType}. */
    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
        exchange.getResponseHeaders().set("X-Amzn-RequestId", UUID.randomUUID().toString());
        LocalHttp.json(exchange, status, Map.of("Type", "User", "message", message));
    }
}
