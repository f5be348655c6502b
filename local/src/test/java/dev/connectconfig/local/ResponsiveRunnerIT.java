package dev.connectconfig.local;

import dev.connectconfig.testing.RequiredTools;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.connectconfig.local.RunnerProcess.Command;
import dev.connectconfig.engines.DynamoDbLocal;
import dev.connectconfig.engines.RepoFiles;
import dev.connectconfig.testing.SilentServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * The runner as its own process keeps answering: after a minute idle with warm function JVMs, while eight slow
 * invocations are held, and {@code invoke} gives up on a runner that never answers. It serves this repository's
 * template with one test function added (the probe, which can be slow on request), from a copy of the repository
 * made of links.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResponsiveRunnerIT {

    /** Longer than the carrier threads' keep-alive (30 s), after which an idle runner used to hang. */
    private static final Duration IDLE = Duration.ofSeconds(60);
    /** Liveness bound per request: far above any answer here, far below "for ever". */
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(30);
    private static final int PROBE_TIMEOUT_SECONDS = 10;
    private static final String GET_CONFIG_ARN = "arn:aws:lambda:us-east-1:123456789012:function:GetConfigFunction:live";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path work;
    private static Path root;
    private static RunnerProcess runner;
    private static String api;
    private static int dynamoDbPort;
    private static LambdaClient lambda;
    private static int speechStatus;
    private static SilentServer silentRunner;
    private static FileChannel silentRunnersLock;
    private static CompletableFuture<Command> invokeOnSilentRunner;

    @BeforeAll
    static void start() throws Exception {
        root = repositoryWithProbe(work.resolve("repo"));
        int port = DynamoDbLocal.freePort();
        dynamoDbPort = DynamoDbLocal.freePort();
        api = "http://127.0.0.1:" + port;
        runner = RunnerProcess.start(root, work.resolve("runner.log"), "--port", Integer.toString(port),
                "--data-dir", work.resolve("data").toString(), "--dynamodb-port", Integer.toString(dynamoDbPort));
        lambda = LambdaClients.forRunner(api);
        startInvokeOnASilentRunner();
    }

    @AfterAll
    static void stop() throws Exception {
        if (runner != null) {
            runner.stop();
        }
        if (lambda != null) {
            lambda.close();
        }
        if (silentRunnersLock != null) {
            silentRunnersLock.close();
            silentRunner.close();
        }
    }

    /** This repository, linked entry by entry, with the probe function added to its template. */
    private static Path repositoryWithProbe(Path copy) throws Exception {
        Files.createDirectories(copy);
        try (Stream<Path> entries = Files.list(RepoFiles.root())) {
            for (Path entry : entries.toList()) {
                if (!entry.getFileName().toString().equals("template.yaml")) {
                    Files.createSymbolicLink(copy.resolve(entry.getFileName()), entry);
                }
            }
        }
        String template = RepoFiles.text("template.yaml");
        String probe = """
                  ProbeFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: %s
                      Handler: dev.connectconfig.local.ProbeHandler::handleRequest
                      Timeout: %d
                      MemorySize: 256
                """.formatted(RepoFiles.path("local/target/test-classes"), PROBE_TIMEOUT_SECONDS);
        int resources = template.indexOf("\nResources:\n") + "\nResources:\n".length();
        Files.writeString(copy.resolve("template.yaml"), template.substring(0, resources) + probe
                + template.substring(resources));
        return copy;
    }

    /**
     * {@code invoke} against a runner that holds the data folder but never answers. It needs wall-clock time (the
     * probe's timeout, the JVM start allowance and the margin), so it runs while the other tests do; the last checks it.
     */
    private static void startInvokeOnASilentRunner() throws Exception {
        silentRunner = new SilentServer();
        Path data = Files.createDirectories(work.resolve("silent-data"));
        silentRunnersLock = FileChannel.open(data.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        silentRunnersLock.lock();
        Files.writeString(data.resolve("runner.json"), LocalJson.write(Map.of("apiUrl",
                silentRunner.endpoint().toString(), "pid", ProcessHandle.current().pid())));
        Path event = Files.writeString(work.resolve("echo.json"), "{\"action\": \"echo\"}");
        invokeOnSilentRunner = CompletableFuture.supplyAsync(() -> {
            try {
                return RunnerProcess.run(root, work, Duration.ofSeconds(180), "invoke", "ProbeFunction",
                        event.toString(), "--data-dir", data.toString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, command -> Thread.ofPlatform().daemon().name("invoke on a silent runner").start(command));
    }

    private static HttpResponse<String> send(String method, String path, String token, String body,
            String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path)).timeout(ANSWER_BOUND)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String text) {
        return LocalJson.read(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String signIn() throws Exception {
        HttpResponse<String> login = send("POST", "/local-login", null, "{\"username\": \"rita\", \"level\": \"Read\"}",
                "Content-Type", "application/json");
        assertEquals(200, login.statusCode(), login.body());
        return json(login.body()).path("token").asText();
    }

    private static void listsTheSamples(String token) throws Exception {
        HttpResponse<String> list = send("GET", "/flow-configs", token, null);
        assertEquals(200, list.statusCode(), list.body());
        assertEquals(3, json(list.body()).path("items").size(), list.body());
    }

    /** GetConfig through the SDK's Lambda client, named as a contact flow names it: the ARN of its alias. */
    private static void getConfigAnswers() {
        InvokeResponse response = lambda.invoke(r -> r.functionName(GET_CONFIG_ARN)
                .payload(LambdaClients.json(RepoFiles.text("events/get-config/voice-en-us.json"))));
        assertEquals(200, response.statusCode());
        assertNull(response.functionError(), response.payload().asUtf8String());
        assertEquals("normal", json(response.payload().asUtf8String()).path("RoutingMode").asText());
    }

    private static int previewSpeech(String token) throws Exception {
        return send("POST", "/preview-speech", token, "{\"text\": \"Hello\", \"languageCode\": \"en-US\"}",
                "Content-Type", "application/json", "Accept", "audio/mpeg").statusCode();
    }

    @Test
    @Order(1)
    void everyEngineListensOn127001Only() {
        RequiredTools.require(ListeningSockets.available(), "no /proc/<pid>/net/tcp to read listening sockets from");
        List<ListeningSockets.Listener> listeners = ListeningSockets.of(runner.process().pid());
        List<Integer> ports = listeners.stream().map(ListeningSockets.Listener::port).toList();
        assertTrue(ports.contains(URI.create(api).getPort()) && ports.contains(dynamoDbPort), listeners.toString());
        assertTrue(listeners.size() >= 5, "API, DynamoDB Local, Verified Permissions, no-engine, CloudFormation"
                + " responses: " + listeners);
        assertTrue(listeners.stream().allMatch(listener -> listener.address().isLoopbackAddress()),
                listeners.toString());
        assertTrue(runner.output().contains("DynamoDB Local        http://127.0.0.1:" + dynamoDbPort + " "),
                "--dynamodb-port is honoured:\n" + runner.output());
    }

    @Test
    @Order(2)
    void afterAMinuteIdleWithWarmFunctionsEveryRequestIsAnswered() throws Exception {
        String token = signIn();
        listsTheSamples(token);
        speechStatus = previewSpeech(token);
        assertTrue(speechStatus == 200 || speechStatus == 503, "spoken, or Polly is unreachable: " + speechStatus);
        getConfigAnswers();
        assertTrue(runner.process().descendants().count() >= 3, "FlowConfig, PreviewSpeech and GetConfig JVMs");

        Thread.sleep(IDLE.toMillis());

        String again = signIn();
        listsTheSamples(again);
        getConfigAnswers();
        assertEquals(speechStatus, previewSpeech(again));
    }

    @Test
    @Order(3)
    void eightSlowInvocationsDoNotHoldUpTheApi() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<InvokeResponse>> slow = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                slow.add(callers.submit(() -> lambda.invoke(r -> r.functionName("ProbeFunction")
                        .payload(LambdaClients.json("{\"action\": \"slow\", \"millis\": 3000}")))));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!runner.output().contains("probe received slow") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(runner.output().contains("probe received slow"), "the probe took the first slow event");

            String token = signIn();
            listsTheSamples(token);
            getConfigAnswers();
            assertEquals(speechStatus, previewSpeech(token));
            long finished = slow.stream().filter(Future::isDone).count();
            assertTrue(finished < 8, "the API answered while slow invocations were held: " + finished + " of 8 done");

            for (Future<InvokeResponse> call : slow) {
                InvokeResponse response = call.get(120, TimeUnit.SECONDS);
                assertEquals(200, response.statusCode());
                assertNull(response.functionError(), response.payload().asUtf8String());
                assertEquals("ProbeFunction", json(response.payload().asUtf8String()).path("functionName").asText());
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    @Order(4)
    void invokeGivesUpOnARunnerThatNeverAnswersSayingWhatItWaitedFor() throws Exception {
        Command command = invokeOnSilentRunner.get(200, TimeUnit.SECONDS);
        assertEquals(1, command.status(), command.err());
        long wait = PROBE_TIMEOUT_SECONDS + FunctionProcess.INIT_TIMEOUT_MILLIS / 1000
                + LocalRunner.INVOKE_MARGIN.toSeconds();
        assertTrue(command.err().contains("The runner at " + silentRunner.endpoint() + " did not answer within "
                + wait + " s: ProbeFunction's timeout (" + PROBE_TIMEOUT_SECONDS + " s), "), command.err());
        assertEquals("", command.out(), "no result");
    }
}
