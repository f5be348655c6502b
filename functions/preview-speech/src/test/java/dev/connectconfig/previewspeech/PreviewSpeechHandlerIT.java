package dev.connectconfig.previewspeech;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connectconfig.core.store.DynamoDbFlowConfigStore;
import dev.connectconfig.testing.CapturedOutput;
import dev.connectconfig.engines.CedarFlowConfigAuthorizer;
import dev.connectconfig.engines.CloudFormationTemplate;
import dev.connectconfig.engines.DynamoDbLocal;
import dev.connectconfig.engines.RepoFiles;
import dev.connectconfig.testing.TestContext;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.polly.model.Engine;
import software.amazon.awssdk.services.polly.model.LanguageNotSupportedException;
import software.amazon.awssdk.services.polly.model.OutputFormat;
import software.amazon.awssdk.services.polly.model.ServiceFailureException;
import software.amazon.awssdk.services.polly.model.SynthesizeSpeechRequest;
import software.amazon.awssdk.services.polly.model.TextLengthExceededException;
import software.amazon.awssdk.services.polly.model.TextType;

/**
 * The events of {@code events/preview-speech/} through the real handler, with the flow configs in DynamoDB Local
 * (tables from template.yaml), the Cedar policies in cedar-java, and Polly faked at the SDK boundary.
 */
class PreviewSpeechHandlerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static DynamoDbLocal dynamoDb;

    private final FakePolly polly = new FakePolly();
    private final PreviewSpeechHandler handler = new PreviewSpeechHandler(new PreviewSpeechService(
            new DynamoDbFlowConfigStore(dynamoDb.client(), DynamoDbLocal.FLOW_CONFIG_TABLE),
            new CedarFlowConfigAuthorizer(), new PollySpeechSynthesizer(polly), templateDefaultVoices()),
            "https://config.example.com");

    @BeforeAll
    static void startTable() {
        dynamoDb = DynamoDbLocal.start();
        DynamoDbLocal.sampleConfigs().forEach(c -> dynamoDb.put(c.withBookkeeping(1, "2026-01-01T00:00:00Z", "seed")));
    }

    @AfterAll
    static void stopTable() throws Exception {
        dynamoDb.close();
    }

    /** The defaults a deployed stack gets, so the test hears what a user would. */
    private static DefaultVoices templateDefaultVoices() {
        return DefaultVoices.parse((String) CloudFormationTemplate.at(CloudFormationTemplate.load().root(),
                "Parameters", "PreviewSpeechDefaultVoices", "Default"));
    }

    private static APIGatewayProxyRequestEvent event(String eventFile) {
        return RepoFiles.event("events/preview-speech/" + eventFile, APIGatewayProxyRequestEvent.class);
    }

    private APIGatewayProxyResponseEvent invoke(String eventFile) {
        return invoke(event(eventFile));
    }

    private APIGatewayProxyResponseEvent invoke(APIGatewayProxyRequestEvent event) {
        return handler.handleRequest(event, new TestContext("PreviewSpeech"));
    }

    private static JsonNode body(APIGatewayProxyResponseEvent response) throws Exception {
        return JSON.readTree(response.getBody());
    }

    private static byte[] audio(APIGatewayProxyResponseEvent response) {
        assertEquals(Boolean.TRUE, response.getIsBase64Encoded());
        return Base64.getDecoder().decode(response.getBody());
    }

    @Test
    void plainTextIsSpokenByTheLanguagesDefaultVoiceWithItsMostNaturalEngineAsMp3() {
        APIGatewayProxyResponseEvent response = invoke("text.json");

        assertEquals(200, response.getStatusCode());
        SynthesizeSpeechRequest sent = polly.lastSynthesis();
        assertEquals(TextType.TEXT, sent.textType());
        assertEquals("Thank you for calling Example Energy. Your call is important to us.", sent.text());
        assertEquals("Joanna", sent.voiceIdAsString());
        assertEquals(Engine.GENERATIVE, sent.engine());
        assertEquals(OutputFormat.MP3, sent.outputFormat());
        assertEquals("en-US", sent.languageCodeAsString());
        assertArrayEquals(FakePolly.audioFor(sent), audio(response));
        Map<String, String> headers = response.getHeaders();
        assertEquals("audio/mpeg", headers.get("Content-Type"));
        assertEquals("Joanna", headers.get("X-Voice-Id"));
        assertEquals("generative", headers.get("X-Engine"));
        assertEquals("en-US", headers.get("X-Language-Code"));
        assertEquals(Integer.toString(sent.text().length()), headers.get("X-Request-Characters"));
        assertTrue(headers.get("Access-Control-Expose-Headers").contains("X-Voice-Id"));
        assertTrue(headers.get("Access-Control-Expose-Headers").contains("X-Engine"));
        assertEquals("https://config.example.com", headers.get("Access-Control-Allow-Origin"));
    }

    @Test
    void ssmlWithARequestedVoiceEngineAndFormatIsSentExactlySo() {
        APIGatewayProxyResponseEvent response = invoke("ssml-voice-engine.json");

        assertEquals(200, response.getStatusCode());
        assertEquals(1, polly.synthesizeRequests.size());
        SynthesizeSpeechRequest sent = polly.lastSynthesis();
        assertEquals(TextType.SSML, sent.textType());
        assertTrue(sent.text().startsWith("<speak>Gracias"));
        assertEquals("Lupe", sent.voiceIdAsString());
        assertEquals(Engine.NEURAL, sent.engine());
        assertEquals(OutputFormat.OGG_VORBIS, sent.outputFormat());
        assertEquals("es-US", sent.languageCodeAsString());
        assertEquals("audio/ogg", response.getHeaders().get("Content-Type"));
        assertEquals("neural", response.getHeaders().get("X-Engine"));
    }

    @Test
    void aStoredPlainTextPromptIsSpokenAsTheSpeakDocumentGetConfigServes() {
        APIGatewayProxyRequestEvent event = event("stored-prompt.json");
        event.setBody("{\"flowConfigId\": \"main-queue\", \"prompt\": \"HoldMessage\", \"languageCode\": \"en-US\"}");

        APIGatewayProxyResponseEvent response = invoke(event);

        assertEquals(200, response.getStatusCode(), response.getBody());
        SynthesizeSpeechRequest sent = polly.lastSynthesis();
        assertEquals(TextType.SSML, sent.textType());
        assertEquals("<speak>Your call is important to us. Please stay on the line.</speak>", sent.text());
    }

    @Test
    void aStoredPromptIsRenderedForTheLanguageAndMovesPastEnginesThatRefuseItsSsml() {
        APIGatewayProxyResponseEvent response = invoke("stored-prompt.json");

        assertEquals(200, response.getStatusCode(), response.getBody());
        // es-MX has no text in main-queue, so the es-US text is spoken, as GetConfig would give an es-MX caller.
        // It uses <emphasis>, which Polly's generative and neural engines refuse: standard speaks it.
        List<String> engines = polly.synthesizeRequests.stream().map(SynthesizeSpeechRequest::engineAsString).toList();
        assertEquals(List.of("generative", "neural", "standard"), engines);
        SynthesizeSpeechRequest sent = polly.lastSynthesis();
        assertEquals(TextType.SSML, sent.textType());
        assertTrue(sent.text().contains("<emphasis>cerrada</emphasis>"), sent.text());
        assertEquals("Mia", sent.voiceIdAsString());
        assertEquals("es-MX", sent.languageCodeAsString());
        assertEquals("standard", response.getHeaders().get("X-Engine"));
        assertEquals("es-US", response.getHeaders().get("X-Prompt-Language"));
        assertArrayEquals(FakePolly.audioFor(sent), audio(response));
    }

    @Test
    void aStoredPromptTheCallerMayNotReadIsForbiddenBeforeAnythingIsSpoken() throws Exception {
        APIGatewayProxyResponseEvent response = invoke("stored-prompt-out-of-scope.json");

        assertEquals(403, response.getStatusCode());
        assertEquals("FORBIDDEN", body(response).get("code").asText());
        assertTrue(polly.synthesizeRequests.isEmpty());
        assertTrue(polly.describeRequests.isEmpty());
    }

    @Test
    void anUnknownConfigOrPromptIsA404NamingThePrompts() throws Exception {
        APIGatewayProxyRequestEvent event = event("stored-prompt.json");
        event.setBody("{\"flowConfigId\": \"main-queue\", \"prompt\": \"Goodbye\", \"languageCode\": \"en-US\"}");

        APIGatewayProxyResponseEvent response = invoke(event);

        assertEquals(404, response.getStatusCode());
        assertTrue(body(response).get("message").asText().contains("ClosedMessage, HoldMessage, Welcome"),
                response.getBody());

        event.setBody("{\"flowConfigId\": \"no-such-config\", \"prompt\": \"Welcome\", \"languageCode\": \"en-US\"}");
        assertEquals(404, invoke(event).getStatusCode());
        assertTrue(polly.synthesizeRequests.isEmpty());
    }

    @Test
    void pcmIsRawAudioWithItsSampleRateInPollysArabicCode() {
        APIGatewayProxyResponseEvent response = invoke("pcm-arabic.json");

        assertEquals(200, response.getStatusCode(), response.getBody());
        SynthesizeSpeechRequest sent = polly.lastSynthesis();
        assertEquals("Zeina", sent.voiceIdAsString());
        assertEquals("arb", sent.languageCodeAsString());
        assertEquals(Engine.STANDARD, sent.engine());
        assertEquals(OutputFormat.PCM, sent.outputFormat());
        assertEquals("16000", sent.sampleRate());
        assertEquals("audio/pcm", response.getHeaders().get("Content-Type"));
        assertEquals("16000", response.getHeaders().get("X-Sample-Rate"));
    }

    @Test
    void anUnknownVoiceIsA400NamingTheVoicesOfTheLanguage() throws Exception {
        APIGatewayProxyResponseEvent response = invoke("unknown-voice.json");

        assertEquals(400, response.getStatusCode());
        JsonNode body = body(response);
        assertEquals("UNKNOWN_VOICE", body.get("code").asText());
        assertTrue(body.get("message").asText().contains("Danielle, Gregory, Ivy, Joanna, Matthew"),
                response.getBody());
        assertEquals("voiceId", body.get("details").get(0).get("field").asText());
        assertTrue(polly.synthesizeRequests.isEmpty());
    }

    @Test
    void textOverPollysLimitIsA413NamingTheLimitAndNothingIsSent() throws Exception {
        APIGatewayProxyResponseEvent response = invoke("too-long.json");

        assertEquals(413, response.getStatusCode());
        assertEquals("TOO_LARGE", body(response).get("code").asText());
        assertTrue(body(response).get("message").asText().contains("3,000"), response.getBody());
        assertTrue(polly.synthesizeRequests.isEmpty());
    }

    @Test
    void aRequestWithoutVerifiedClaimsIsA401() throws Exception {
        APIGatewayProxyResponseEvent response = invoke("no-claims.json");

        assertEquals(401, response.getStatusCode());
        assertEquals("UNAUTHORIZED", body(response).get("code").asText());
        assertTrue(polly.describeRequests.isEmpty());
    }

    @Test
    void aCallerWithoutAnyFlowConfigAccessMayNotSpendPollyOnText() {
        APIGatewayProxyRequestEvent event = event("text.json");
        event.getRequestContext().setAuthorizer(Map.of("claims", Map.of("sub", "outsider-1",
                "cognito:username", "olga.outsider")));

        assertEquals(403, invoke(event).getStatusCode());
        assertTrue(polly.synthesizeRequests.isEmpty());
    }

    @Test
    void aPollyThrottleIsA429WithRetryAfter() throws Exception {
        assertEquals(200, invoke("text.json").getStatusCode());
        polly.faults.throttle();

        APIGatewayProxyResponseEvent response = invoke("text.json");

        assertEquals(429, response.getStatusCode());
        assertEquals("SPEECH_THROTTLED", body(response).get("code").asText());
        assertEquals("2", response.getHeaders().get("Retry-After"));
        assertEquals("application/json; charset=utf-8", response.getHeaders().get("Content-Type"));
        assertNotEquals(Boolean.TRUE, response.getIsBase64Encoded());
    }

    @Test
    void eachRequestLeavesOneLogLineAndItsMetricsAndAThrottleIsCountedAsSuch() throws Exception {
        StringBuilder spoken = new StringBuilder();
        StringBuilder throttled = new StringBuilder();

        assertEquals(200, CapturedOutput.capture(spoken, () -> invoke("text.json")).getStatusCode());
        polly.faults.throttle();
        assertEquals(429, CapturedOutput.capture(throttled, () -> invoke("text.json")).getStatusCode());

        JsonNode served = logLine(spoken, "request served");
        assertEquals("POST /preview-speech", served.get("route").asText());
        assertEquals(200, served.get("status").asInt());
        assertEquals("Joanna", served.get("voice").asText());
        assertEquals("generative", served.get("engine").asText());
        assertTrue(served.get("characters").asInt() > 0);
        assertEquals(1, metric(spoken, "Success"));
        assertEquals(served.get("characters").asInt(), metric(spoken, "SpokenCharacters"));
        assertEquals(429, logLine(throttled, "request served").get("status").asInt());
        assertEquals(1, metric(throttled, "Throttled"));
        assertEquals(1, metric(throttled, "ClientError"));
        assertEquals(null, metric(throttled, "SpokenCharacters"), "nothing was spoken");
    }

    private static JsonNode logLine(StringBuilder output, String message) throws Exception {
        for (String line : output.toString().split("\n")) {
            if (line.startsWith("{") && line.contains("\"message\":\"" + message + "\"")) {
                return JSON.readTree(line);
            }
        }
        throw new AssertionError("no log line '" + message + "' in: " + output);
    }

    /** The value of metric {@code name} in the EMF lines written, or null when none holds it. */
    private static Integer metric(StringBuilder output, String name) throws Exception {
        for (String line : output.toString().split("\n")) {
            if (line.startsWith("{") && line.contains("\"_aws\"") && JSON.readTree(line).has(name)) {
                return JSON.readTree(line).get(name).asInt();
            }
        }
        return null;
    }

    @Test
    void aThrottledDescribeVoicesIsA429AndIsAskedAgainNextTime() throws Exception {
        polly.faults.throttle();
        APIGatewayProxyResponseEvent throttled = invoke("text.json");
        assertEquals(429, throttled.getStatusCode());
        assertEquals("SPEECH_THROTTLED", body(throttled).get("code").asText());
        assertTrue(polly.synthesizeRequests.isEmpty());

        FakePolly recovered = new FakePolly();
        PreviewSpeechHandler fresh = new PreviewSpeechHandler(new PreviewSpeechService(
                new DynamoDbFlowConfigStore(dynamoDb.client(), DynamoDbLocal.FLOW_CONFIG_TABLE),
                new CedarFlowConfigAuthorizer(), new PollySpeechSynthesizer(recovered), DefaultVoices.none()), "*");
        assertEquals(200, fresh.handleRequest(event("text.json"), new TestContext("PreviewSpeech")).getStatusCode());
    }

    @Test
    void anEngineTheRegionLacksIsPassedOverWhenChosenAutomaticallyAndRefusedWhenRequested() throws Exception {
        polly.refuseEngine("generative");

        APIGatewayProxyResponseEvent automatic = invoke("text.json");
        assertEquals(200, automatic.getStatusCode());
        assertEquals("neural", automatic.getHeaders().get("X-Engine"));

        APIGatewayProxyRequestEvent requested = event("text.json");
        requested.setBody("{\"text\": \"Hi\", \"languageCode\": \"en-US\", \"engine\": \"generative\"}");
        APIGatewayProxyResponseEvent refused = invoke(requested);
        assertEquals(400, refused.getStatusCode());
        assertEquals("UNSUPPORTED_ENGINE", body(refused).get("code").asText());
    }

    @Test
    void pollysOtherRefusalsAreClientErrorsAndAudioTooLargeToReturnIsA413() throws Exception {
        invoke("text.json");
        polly.failSynthesisWith(polly.faults.error(TextLengthExceededException.builder(),
                "TextLengthExceededException", "Maximum text length has been exceeded"));
        APIGatewayProxyResponseEvent tooLong = invoke("text.json");
        assertEquals(413, tooLong.getStatusCode());
        assertTrue(body(tooLong).get("message").asText().contains("3,000"), tooLong.getBody());

        polly.failSynthesisWith(polly.faults.error(LanguageNotSupportedException.builder(),
                "LanguageNotSupportedException", "unsupported"));
        assertEquals("UNSUPPORTED_LANGUAGE", body(invoke("text.json")).get("code").asText());

        polly.failSynthesisWith(null);
        polly.answerAudio(new byte[SpeechSynthesizer.MAX_AUDIO_BYTES + 1]);
        APIGatewayProxyResponseEvent hugeAudio = invoke("pcm-arabic.json");
        assertEquals(413, hugeAudio.getStatusCode());
        assertTrue(body(hugeAudio).get("message").asText().contains("4.5 MB"), hugeAudio.getBody());
    }

    @Test
    void otherPollyFailuresAreA502WithAGenericMessage() throws Exception {
        invoke("text.json");
        polly.failSynthesisWith(polly.faults.error(ServiceFailureException.builder(), "ServiceFailureException",
                "internal node i-0abc123 in cell 7 failed"));

        APIGatewayProxyResponseEvent failed = invoke("text.json");

        assertEquals(502, failed.getStatusCode());
        assertEquals("SPEECH_UNAVAILABLE", body(failed).get("code").asText());
        assertFalse(failed.getBody().contains("i-0abc123"), failed.getBody());
        assertFalse(failed.getBody().contains("ServiceFailure"), failed.getBody());

        polly.failSynthesisWith(SdkClientException.create("Unable to unmarshall response"));
        APIGatewayProxyResponseEvent garbled = invoke("text.json");
        assertEquals(502, garbled.getStatusCode());
        assertFalse(garbled.getBody().contains("unmarshall"), garbled.getBody());
    }

    @Test
    void noAnswerFromPollyIsA503WithRetryAfterAndAClearMessage() throws Exception {
        invoke("text.json");
        polly.failSynthesisWith(SdkClientException.create("Unable to execute HTTP request: connect timed out",
                new SocketTimeoutException("connect timed out")));

        APIGatewayProxyResponseEvent unreachable = invoke("text.json");

        assertEquals(503, unreachable.getStatusCode());
        JsonNode body = body(unreachable);
        assertEquals("SPEECH_UNREACHABLE", body.get("code").asText());
        assertTrue(body.get("message").asText().startsWith("Amazon Polly is unreachable"), unreachable.getBody());
        assertEquals("2", unreachable.getHeaders().get("Retry-After"));
        assertFalse(unreachable.getBody().contains("timed out"), unreachable.getBody());
    }

    @Test
    void aSynthesisGetsNoMoreTimeThanTheInvocationHasLeft() {
        APIGatewayProxyResponseEvent spoken = handler.handleRequest(event("text.json"),
                new TestContext("PreviewSpeech", 10_000));

        assertEquals(200, spoken.getStatusCode());
        // 10 s left, less the 2 s kept back to answer: at most 8 s for Polly, not the client's 18 s.
        Duration limit = polly.lastSynthesis().overrideConfiguration().orElseThrow().apiCallTimeout()
                .orElseThrow();
        assertTrue(limit.compareTo(Duration.ofSeconds(8)) <= 0
                && limit.compareTo(Duration.ofSeconds(4)) > 0, limit.toString());
    }

    @Test
    void withTooLittleTimeLeftPollyIsNotAskedAndTheAnswerIsA503() throws Exception {
        APIGatewayProxyResponseEvent late = handler.handleRequest(event("text.json"),
                new TestContext("PreviewSpeech", 2_500));

        assertEquals(503, late.getStatusCode(), late.getBody());
        assertEquals("SPEECH_UNREACHABLE", body(late).get("code").asText());
        assertTrue(polly.synthesizeRequests.isEmpty());
    }

    @Test
    void pollysVoicesAreFetchedOncePerContainer() {
        assertEquals(200, invoke("text.json").getStatusCode());
        assertEquals(200, invoke("ssml-voice-engine.json").getStatusCode());
        assertEquals(200, invoke("pcm-arabic.json").getStatusCode());

        // One walk through DescribeVoices' three pages, then the cache.
        assertEquals(3, polly.describeRequests.size());
        assertEquals(3, polly.synthesizeRequests.size());
    }

    @Test
    void anSsmlRefusalOfARequestedEngineIsA400() throws Exception {
        APIGatewayProxyRequestEvent event = event("ssml-voice-engine.json");
        event.setBody("{\"text\": \"<speak><emphasis>Hola</emphasis></speak>\", \"languageCode\": \"es-US\","
                + " \"voiceId\": \"Lupe\", \"engine\": \"neural\"}");

        APIGatewayProxyResponseEvent response = invoke(event);

        assertEquals(400, response.getStatusCode());
        assertEquals("INVALID_SSML", body(response).get("code").asText());
        assertEquals(1, polly.synthesizeRequests.size());
    }

    @Test
    void anotherRouteIsA404AndAWrongContentTypeA415() {
        APIGatewayProxyRequestEvent event = event("text.json");
        event.setResource("/preview-speech/{id}");
        assertEquals(404, invoke(event).getStatusCode());

        APIGatewayProxyRequestEvent form = event("text.json");
        form.setHeaders(Map.of("Content-Type", "text/plain"));
        form.setMultiValueHeaders(null);
        assertEquals(415, invoke(form).getStatusCode());
        assertTrue(polly.synthesizeRequests.isEmpty());
    }
}
