package dev.connectconfig.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectconfig.engines.RepoFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * The runner's Lambda Invoke API through the AWS SDK's own Lambda client, as awscli, boto3 and the SDKs call it:
 * invocation types, function names and qualifiers, and the errors clients turn into exceptions.
 */
class LambdaInvokeApiIT {

    private static final String TEMPLATE = """
            Parameters:
              ApiStageName: {Type: String, Default: test}
            Resources:
              ProbeFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: %s
                  Handler: dev.connectconfig.local.ProbeHandler::handleRequest
                  AutoPublishAlias: live
                  Timeout: 5
                  MemorySize: 256
            """;
    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:ProbeFunction";

    @TempDir
    static Path root;
    private static LocalSystem system;
    private static ApiGateway api;
    private static LambdaClient lambda;
    private static final List<String> output = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(root.resolve("template.yaml"), TEMPLATE.formatted(RepoFiles.path("local/target/test-classes")));
        system = LocalSystem.start(root, root.resolve("data"), false, 0, false, Map.of(), LocalRunner.runtimeJars(),
                line -> { }, (function, line) -> output.add(line));
        api = new ApiGateway(system, new LocalIdentity(new byte[32], Clock.systemUTC()), 0);
        lambda = LambdaClients.forRunner(api.url());
    }

    @AfterAll
    static void stop() {
        lambda.close();
        api.close();
        system.close();
    }

    private static InvokeResponse invoke(String function, String payload, Consumer<InvokeRequest.Builder> more) {
        InvokeRequest.Builder request = InvokeRequest.builder().functionName(function)
                .payload(SdkBytes.fromUtf8String(payload));
        more.accept(request);
        return lambda.invoke(request.build());
    }

    private static String echo(String what) {
        return "{\"action\": \"" + what + "\"}";
    }

    private static long started() {
        return output.stream().filter(line -> line.startsWith("START RequestId: ")).count();
    }

    @Test
    void anEventInvocationIsAnswered202AtOnceAndRunsInTheBackground() throws Exception {
        String mark = "event-" + UUID.randomUUID();
        InvokeResponse accepted = invoke("ProbeFunction", echo(mark), r -> r.invocationType(InvocationType.EVENT));
        assertEquals(202, accepted.statusCode());
        assertEquals(0, accepted.payload().asByteArray().length, "no body");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!output.contains("probe received " + mark) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(output.contains("probe received " + mark), "the function ran the event: " + output);
        assertTrue(output.contains("START RequestId: " + accepted.responseMetadata().requestId() + " Version: $LATEST"),
                "under the request id the caller was given: " + output);
    }

    @Test
    void aDryRunIsAnswered204AndRunsNothing() {
        String mark = "dry-run-" + UUID.randomUUID();
        InvokeResponse checked = invoke(ARN, echo(mark), r -> r.invocationType(InvocationType.DRY_RUN));
        assertEquals(204, checked.statusCode());
        // Events of one function run one at a time in the order they came: this one runs after any queued before it.
        assertEquals(200, invoke("ProbeFunction", echo("after-dry-run"), r -> { }).statusCode());
        assertFalse(output.contains("probe received " + mark), output.toString());
    }

    @Test
    void aFunctionIsFoundByNameArnPartialArnOrQualifiedArn() {
        for (String name : List.of("ProbeFunction", ARN, ARN + ":live", ARN + ":$LATEST",
                "123456789012:function:ProbeFunction", "ProbeFunction:live")) {
            InvokeResponse response = invoke(name, echo("named"), r -> { });
            assertEquals(200, response.statusCode(), name);
            assertNull(response.functionError(), name + ": " + response.payload().asUtf8String());
            assertEquals("ProbeFunction", LocalJson.read(response.payload().asByteArray()).path("functionName")
                    .asText(), name);
        }
        assertEquals(200, invoke("ProbeFunction", echo("qualified"), r -> r.qualifier("live")).statusCode());
    }

    @Test
    void anUnknownQualifierFunctionRegionOrAccountIsNotFound() {
        long before = started();
        for (String name : List.of(ARN + ":prod", "ProbeFunction:7", "NoSuchFunction",
                "arn:aws:lambda:eu-west-1:123456789012:function:ProbeFunction",
                "arn:aws:lambda:us-east-1:210987654321:function:ProbeFunction")) {
            ResourceNotFoundException missing = assertThrows(ResourceNotFoundException.class,
                    () -> invoke(name, echo("missing"), r -> { }), name);
            assertEquals(404, missing.statusCode());
            assertTrue(missing.awsErrorDetails().errorMessage().startsWith("Function not found: " + name), name);
        }
        ResourceNotFoundException qualified = assertThrows(ResourceNotFoundException.class,
                () -> invoke("ProbeFunction", echo("missing"), r -> r.qualifier("prod")));
        assertTrue(qualified.awsErrorDetails().errorMessage().startsWith("Function not found: ProbeFunction:prod;"),
                qualified.awsErrorDetails().errorMessage());
        assertEquals(before, started(), "nothing ran");
    }

    @Test
    void aPayloadThatIsNotJsonIsRefusedWithoutReachingTheFunction() {
        long before = started();
        for (String payload : List.of("not json", "{\"action\": \"echo\"", "{} {}")) {
            InvalidRequestContentException refused = assertThrows(InvalidRequestContentException.class,
                    () -> invoke("ProbeFunction", payload, r -> { }), payload);
            assertEquals(400, refused.statusCode());
            assertTrue(refused.awsErrorDetails().errorMessage().startsWith("Could not parse request body into json"),
                    refused.awsErrorDetails().errorMessage());
            assertFalse(refused.awsErrorDetails().rawResponse().asString(StandardCharsets.UTF_8).contains("Exception:"),
                    "no internal message");
        }
        assertEquals(before, started(), "the function was not invoked");
    }

    @Test
    void anUnknownInvocationTypeIsRefused() {
        InvalidParameterValueException refused = assertThrows(InvalidParameterValueException.class,
                () -> invoke("ProbeFunction", echo("later"), r -> r.invocationType("Later")));
        assertEquals(400, refused.statusCode());
        assertTrue(refused.awsErrorDetails().errorMessage().contains("RequestResponse, Event or DryRun"));
    }

    // ---- what keeps web pages out (CrossSiteGuard) ----

    /** A request written on a socket, so that Host and Origin are exactly what a browser or a rebound name sends. */
    private static String raw(String host, String path, String origin, String contentType, String body)
            throws Exception {
        int port = java.net.URI.create(api.url()).getPort();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: "
                + (host == null ? "127.0.0.1:" + port : host.replace("PORT", Integer.toString(port)))
                + "\r\nConnection: close\r\nContent-Length: " + bytes.length + "\r\n");
        if (origin != null) {
            request.append("Origin: ").append(origin.replace("PORT", Integer.toString(port))).append("\r\n");
        }
        if (contentType != null) {
            request.append("Content-Type: ").append(contentType).append("\r\n");
        }
        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write((request + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String status = answer.substring(answer.indexOf(' ') + 1, answer.indexOf(' ') + 4);
            return status + " " + answer.substring(answer.indexOf("\r\n\r\n") + 4);
        }
    }

    private static final String INVOKE = "/2015-03-31/functions/ProbeFunction/invocations";

    private static void assertRefused(String expectedStatus, String code, String answer) {
        assertTrue(answer.startsWith(expectedStatus + " "), answer);
        var body = LocalJson.read(answer.substring(4).getBytes(StandardCharsets.UTF_8));
        assertEquals(code, body.path("code").asText(), answer);
        assertFalse(body.path("message").asText().isBlank(), answer);
    }

    @Test
    void aCrossSiteSimplePostToTheInvokeApiIsRefused() throws Exception {
        // what a form or a no-cors fetch on another site sends: its Origin, a type that needs no preflight
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "TEXT/PLAIN;charset=UTF-8")) {
            assertRefused("403", "FOREIGN_ORIGIN", raw(null, INVOKE, "https://evil.example", type, "{\"a\": 1}"));
            assertRefused("415", "UNSUPPORTED_MEDIA_TYPE", raw(null, INVOKE, null, type, "{\"a\": 1}"));
        }
        // a Blob body without a type, and a sandboxed page's opaque origin
        assertRefused("403", "FOREIGN_ORIGIN", raw(null, INVOKE, "https://evil.example", null, "{}"));
        assertRefused("403", "FOREIGN_ORIGIN", raw(null, INVOKE, "null", "application/json", "{}"));
        assertRefused("403", "FOREIGN_ORIGIN", raw(null, INVOKE, "http://127.0.0.1:1", "application/json", "{}"));
    }

    @Test
    void aRebindingHostIsRefusedOnEveryPath() throws Exception {
        for (String host : List.of("evil.example:PORT", "evil.example", "127.0.0.1:1", "127.0.0.1.evil.example:PORT")) {
            assertRefused("403", "FOREIGN_HOST", raw(host, INVOKE, null, "application/json", "{}"));
            assertRefused("403", "FOREIGN_HOST", raw(host, "/local-login", null, "application/json",
                    "{\"username\": \"ana\", \"level\": \"Full\"}"));
            assertRefused("403", "FOREIGN_HOST", raw(host, "/anything", null, null, ""));
        }
    }

    @Test
    void theRunnersOwnPagesAndLoopbackNamesAreServed() throws Exception {
        for (String host : List.of("127.0.0.1:PORT", "localhost:PORT", "LOCALHOST:PORT", "[::1]:PORT")) {
            assertTrue(raw(host, INVOKE, null, "application/json", "{}").startsWith("200 "), host);
            assertTrue(raw(host, INVOKE, "http://" + host, "application/json", "{}").startsWith("200 "), host);
        }
        // awscli and boto3 send no Content-Type; the SDK for Java, application/json
        assertTrue(raw(null, INVOKE, null, null, "{}").startsWith("200 "));
        assertTrue(raw(null, INVOKE, null, "application/json; charset=utf-8", "{}").startsWith("200 "));
        String login = raw(null, "/local-login", "http://127.0.0.1:PORT", "application/json",
                "{\"username\": \"ana\", \"level\": \"Full\"}");
        assertTrue(login.startsWith("200 ") && login.contains("token"), login);
    }

    @Test
    void localLoginTakesJsonOnlyAndNoForeignPage() throws Exception {
        String body = "{\"username\": \"ana\", \"level\": \"Full\"}";
        for (String type : java.util.Arrays.asList("text/plain", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", null)) {
            assertRefused("415", "UNSUPPORTED_MEDIA_TYPE", raw(null, "/local-login", null, type, body));
        }
        assertRefused("403", "FOREIGN_ORIGIN", raw(null, "/local-login", "https://evil.example", "application/json",
                body));
    }

    /** What the SDK's own LambdaClient puts on the wire, captured: the types the runner must go on taking. */
    @Test
    void theSdkClientsContentTypesAreTheOnesTheRunnerTakes() throws Exception {
        List<String> types = new CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer capture = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        capture.createContext("/", exchange -> {
            types.add(exchange.getRequestHeaders().getFirst("Host") + " | "
                    + exchange.getRequestHeaders().getFirst("Content-Type") + " | "
                    + exchange.getRequestBody().readAllBytes().length);
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("{}".getBytes(StandardCharsets.UTF_8));
            exchange.close();
        });
        capture.start();
        try (LambdaClient client = LambdaClients.forRunner("http://127.0.0.1:" + capture.getAddress().getPort())) {
            client.invoke(b -> b.functionName("ProbeFunction").payload(SdkBytes.fromUtf8String("{}")));
            client.invoke(b -> b.functionName("ProbeFunction"));
        } finally {
            capture.stop(0);
        }
        String host = "127.0.0.1:" + capture.getAddress().getPort();
        assertEquals(List.of(host + " | application/json | 2",
                host + " | application/x-www-form-urlencoded | 0"), types);
        // and the same two through the runner
        assertEquals(200, lambda.invoke(b -> b.functionName("ProbeFunction").payload(SdkBytes.fromUtf8String("{}")))
                .statusCode());
        assertEquals(200, lambda.invoke(b -> b.functionName("ProbeFunction")).statusCode());
    }
}
