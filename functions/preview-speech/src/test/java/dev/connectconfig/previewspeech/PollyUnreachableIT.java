package dev.connectconfig.previewspeech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.connectconfig.engines.CedarFlowConfigAuthorizer;
import dev.connectconfig.engines.RefusedPort;
import dev.connectconfig.engines.RepoFiles;
import dev.connectconfig.testing.SilentServer;
import dev.connectconfig.testing.TestContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.polly.PollyClient;

/**
 * A Polly that cannot be reached, through the handler with the Polly SDK client built as deployed: connections
 * refused, a Polly that accepts and never answers, and one that lists its voices and then answers the speech too late.
 * Each is a 503 that says so, answered within the invocation's time.
 */
class PollyUnreachableIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static APIGatewayProxyResponseEvent preview(URI pollyEndpoint, long invocationMillis) {
        return preview(pollyEndpoint, invocationMillis, null);
    }

    /** @param body the request's body instead of the event file's, or null */
    private static APIGatewayProxyResponseEvent preview(URI pollyEndpoint, long invocationMillis, String body) {
        try (PollyClient polly = PreviewSpeechService.pollyClient(pollyEndpoint)) {
            PreviewSpeechHandler handler = new PreviewSpeechHandler(new PreviewSpeechService(id -> Optional.empty(),
                    new CedarFlowConfigAuthorizer(), new PollySpeechSynthesizer(polly), DefaultVoices.none()), "*");
            APIGatewayProxyRequestEvent event = RepoFiles.event("events/preview-speech/text.json",
                    APIGatewayProxyRequestEvent.class);
            if (body != null) {
                event.setBody(body);
            }
            return handler.handleRequest(event, new TestContext("PreviewSpeech", invocationMillis));
        }
    }

    private static void assertUnreachable(APIGatewayProxyResponseEvent response) throws IOException {
        assertEquals(503, response.getStatusCode(), response.getBody());
        JsonNode body = JSON.readTree(response.getBody());
        assertEquals("SPEECH_UNREACHABLE", body.get("code").asText());
        assertTrue(body.get("message").asText().startsWith("Amazon Polly is unreachable"), response.getBody());
        assertEquals("2", response.getHeaders().get("Retry-After"));
        assertFalse(response.getBody().contains("Exception"), response.getBody());
        assertFalse(response.getBody().contains("127.0.0.1"), response.getBody());
    }

    @Test
    void connectionsRefused() throws Exception {
        try (RefusedPort refused = new RefusedPort()) {
            assertUnreachable(preview(refused.endpoint(), 28_000));
        }
    }

    /** Bad input is a 400 whether or not Polly answers: it is judged before Polly is asked anything. */
    @Test
    void aLanguageThatIsNoLanguageIsA400EvenWhilePollyIsDown() throws Exception {
        try (RefusedPort refused = new RefusedPort()) {
            for (String code : List.of("xx", "zz-US", "en-XX")) {
                APIGatewayProxyResponseEvent response = preview(refused.endpoint(), 28_000,
                        "{\"text\": \"Hello\", \"languageCode\": \"" + code + "\"}");

                assertEquals(400, response.getStatusCode(), response.getBody());
                JsonNode body = JSON.readTree(response.getBody());
                assertEquals("VALIDATION_FAILED", body.get("code").asText(), response.getBody());
                assertEquals("languageCode", body.get("details").get(0).get("field").asText());
            }
        }
    }

    @Test
    void aPollyThatNeverAnswersTheVoiceList() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            assertUnreachable(preview(silent.endpoint(), 28_000));
        }
    }

    /**
     * The voices come back, the speech only after 7 s: within the client's own 9 s attempt, but past the 4 s the
     * invocation has left for it. Polly's late answer must not be waited for.
     */
    @Test
    void aPollySlowerThanTheInvocationHasTimeFor() throws Exception {
        CountDownLatch released = new CountDownLatch(1);
        List<String> speechRequests = new CopyOnWriteArrayList<>();
        ExecutorService threads = Executors.newCachedThreadPool();
        HttpServer polly = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        polly.setExecutor(threads);
        polly.createContext("/v1/voices", exchange -> {
            byte[] voices = """
                    {"Voices": [{"Id": "Joanna", "Name": "Joanna", "Gender": "Female", "LanguageCode": "en-US",
                                 "LanguageName": "US English", "SupportedEngines": ["standard", "neural"]}]}"""
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, voices.length);
            exchange.getResponseBody().write(voices);
            exchange.close();
        });
        polly.createContext("/v1/speech", exchange -> {
            speechRequests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            try {
                released.await(7, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] audio = {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0};
            exchange.getResponseHeaders().set("Content-Type", "audio/mpeg");
            exchange.sendResponseHeaders(200, audio.length);
            exchange.getResponseBody().write(audio);
            exchange.close();
        });
        polly.start();
        try {
            // 6 s left, less the 2 s kept to answer: 4 s for the synthesis, not the client's own 9 s (18 s in all).
            assertUnreachable(preview(URI.create("http://127.0.0.1:" + polly.getAddress().getPort()), 6_000));
            assertFalse(speechRequests.isEmpty(), "Polly was asked to speak");
            assertTrue(speechRequests.get(0).contains("\"VoiceId\":\"Joanna\""), speechRequests.get(0));
        } finally {
            released.countDown();
            polly.stop(0);
            threads.shutdownNow();
        }
    }
}
