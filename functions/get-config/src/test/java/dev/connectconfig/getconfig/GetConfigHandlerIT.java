package dev.connectconfig.getconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;


import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.model.PromptText;
import dev.connectconfig.core.render.Channel;
import dev.connectconfig.core.render.FlowConfigRenderer;
import dev.connectconfig.core.render.RenderedConfig;
import dev.connectconfig.core.render.ResultJson;
import dev.connectconfig.engines.DynamoDbLocal;
import dev.connectconfig.engines.RepoFiles;
import dev.connectconfig.testing.SilentServer;
import dev.connectconfig.testing.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The events in events/get-config/ through the real handler, against DynamoDB Local seeded with the samples. */
class GetConfigHandlerIT {

    private static DynamoDbLocal dynamoDb;
    private static GetConfigHandler handler;

    @BeforeAll
    static void start() {
        dynamoDb = DynamoDbLocal.start();
        dynamoDb.seedSamples();
        handler = new GetConfigHandler(GetConfigService.create(dynamoDb.endpoint(), DynamoDbLocal.FLOW_CONFIG_TABLE,
                Duration.ofSeconds(45)));
    }

    @AfterAll
    static void stop() throws Exception {
        dynamoDb.close();
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An events/ file through the entry point the Lambda runtime calls: the event's bytes in, the answer's out. */
    private static Map<String, String> invoke(GetConfigHandler target, String event) {
        try {
            return invokeRaw(target, Files.readAllBytes(RepoFiles.path("events/get-config/" + event)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> invokeRaw(GetConfigHandler target, byte[] event) {
        try {
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            target.handleRequest(new ByteArrayInputStream(event), answer, new TestContext("GetConfig"));
            return JSON.readValue(answer.toByteArray(), new TypeReference<>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the handler wrote to standard output (its JSON log lines and EMF metrics) while {@code call} ran. */
    private static String output(Runnable call) {
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(logs, true, StandardCharsets.UTF_8));
        try {
            call.run();
        } finally {
            System.setOut(original);
        }
        return logs.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anEnglishVoiceCallGetsVariablesAndSsmlPrompts() {
        Map<String, String> result = invoke(handler, "voice-en-us.json");

        assertNull(result.get("error"));
        assertEquals("false", result.get("Closure"));
        assertEquals("normal", result.get("RoutingMode"));
        assertEquals("<speak>Thank you for calling Example Energy.<break time=\"300ms\"/>Calls may be recorded for"
                + " quality &amp; training.</speak>", result.get("Welcome"));
        // Stored as plain text, served as SSML like every voice prompt, so the flow plays all of them as SSML.
        assertEquals("<speak>Your call is important to us. Please stay on the line.</speak>",
                result.get("HoldMessage"));
        assertEquals("en-US", result.get("language"));
        assertEquals("en-US", result.get("servedLanguage"));
        assertEquals("", result.get("fallbackPrompts"));
        assertNull(result.get("missingPrompts"));
    }

    @Test
    void aSpanishCallerFromLanguageCodeGetsTheSameBaseLanguageAndMissingPromptsAreNamed() {
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        PrintStream original = System.out;
        Map<String, String> result;
        System.setOut(new PrintStream(logs, true, StandardCharsets.UTF_8));
        try {
            result = invoke(handler, "voice-spanish-caller.json");
        } finally {
            System.setOut(original);
        }

        assertEquals("es-MX", result.get("language"));
        assertTrue(result.get("Welcome").startsWith("<speak>Gracias"), result.get("Welcome"));
        assertTrue(result.get("ClosedMessage").contains("cerrada"));
        // HoldMessage has only en-US, the config's default language: it falls back rather than disappearing.
        assertEquals("<speak>Your call is important to us. Please stay on the line.</speak>",
                result.get("HoldMessage"));
        // Asked es-MX; Welcome and ClosedMessage came in es-US, HoldMessage in en-US: a Spanish voice fits.
        assertEquals("es-US", result.get("servedLanguage"));
        assertEquals(Set.of("Welcome", "ClosedMessage", "HoldMessage"),
                Set.of(result.get("fallbackPrompts").split(",")));
        assertNull(result.get("missingPrompts"));
        String output = logs.toString(StandardCharsets.UTF_8);
        assertTrue(output.contains("\"message\":\"flow config served\"") && output.contains("\"cache\":"),
                "no structured log line: " + output);
        // Powertools metrics in CloudWatch's embedded metric format, flushed on every call
        assertTrue(output.contains("\"CloudWatchMetrics\"") && output.contains("\"ResultBytes\""), output);
    }

    @Test
    void aPromptWithNoUsableLanguageIsLeftOutAndSaidSoInResultAndLog() {
        dynamoDb.put(new FlowConfig("fr-only", "French prompts only", Map.of("Open", "true"), Map.of(),
                Map.of("Bonjour", Map.of("fr-CA", PromptText.voice("Bonjour"))), "fr-CA", 1, null, null));
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        PrintStream original = System.out;
        Map<String, String> result;
        System.setOut(new PrintStream(logs, true, StandardCharsets.UTF_8));
        try {
            result = handler.handleRequest(Map.of("id", "fr-only", "lang", "de-DE"), new TestContext("GetConfig"));
        } finally {
            System.setOut(original);
        }

        // the caller asked for de-DE; the config's default, fr-CA, is present, so the prompt falls back to it
        assertEquals("<speak>Bonjour</speak>", result.get("Bonjour"));
        assertEquals("de-DE", result.get("language"));
        assertEquals("fr-CA", result.get("servedLanguage"), "the prompts speak French: a German voice would not fit");
        assertEquals("Bonjour", result.get("fallbackPrompts"));
        assertEquals("true", result.get("Open"));
        assertNull(result.get("missingPrompts"));

        dynamoDb.put(new FlowConfig("de-missing", "d", Map.of(), Map.of(),
                Map.of("Hallo", Map.of("de-DE", PromptText.voice("Hallo"))), "en-US", 1, null, null));
        System.setOut(new PrintStream(logs, true, StandardCharsets.UTF_8));
        try {
            result = handler.handleRequest(Map.of("id", "de-missing", "lang", "en-US"), new TestContext("GetConfig"));
        } finally {
            System.setOut(original);
        }
        assertFalse(result.containsKey("Hallo"));
        assertEquals("Hallo", result.get("missingPrompts"));
        String log = logs.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("\"missingPrompts\":[\"Hallo\"]"), log);
    }

    @Test
    void chatGetsTheChatTextOrTheVoiceTextWithoutSsml() {
        Map<String, String> result = invoke(handler, "chat.json");

        assertEquals("Hi! Thanks for contacting Example Energy. How can we help?", result.get("Welcome"));
        assertEquals("Our office is closed right now. Please call again between 8 a.m. and 6 p.m.",
                result.get("ClosedMessage"));
    }

    @Test
    void aTaskGetsPlainTextWithEntitiesDecoded() {
        Map<String, String> result = invoke(handler, "task.json");

        assertEquals("Hi! Thanks for contacting Example Energy. How can we help?", result.get("Welcome"));
        assertFalse(result.values().stream().anyMatch(v -> v.contains("<speak>") || v.contains("&amp;")));
        assertEquals("Our office is closed right now. Please call again between 8 a.m. and 6 p.m.",
                result.get("ClosedMessage"));
    }

    @Test
    void theLangParameterOverridesEverything() {
        Map<String, String> result = invoke(handler, "lang-parameter-override.json");

        assertEquals("es-US", result.get("language"));
        assertTrue(result.get("Welcome").contains("Gracias"));
    }

    /** The EMF lines of {@code output} that carry {@code metric}. */
    private static List<JsonNode> metricLines(String output, String metric) {
        List<JsonNode> lines = new java.util.ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("{\"_aws\"")) {
                try {
                    JsonNode node = JSON.readTree(line);
                    if (node.has(metric)) {
                        lines.add(node);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return lines;
    }

    /** Every error result a flow can get is counted as ErrorResults, by its code and in all; a served call is not. */
    @Test
    void eachErrorResultIsCountedByItsCode() throws Exception {
        dynamoDb.put(new FlowConfig("too-big-for-metrics", "d", Map.of(), Map.of(), Map.of(
                "Terms", Map.of("en-US", PromptText.voice("t".repeat(33_000)))), "en-US", 1, null, null));
        Map<String, Runnable> calls = new java.util.LinkedHashMap<>();
        calls.put("MISSING_ID", () -> invoke(handler, "missing-id.json"));
        calls.put("NOT_FOUND", () -> invoke(handler, "unknown-id.json"));
        calls.put("RESULT_TOO_LARGE", () -> handler.handleRequest(Map.of("id", "too-big-for-metrics"),
                new TestContext("GetConfig")));
        calls.put("INVALID_REQUEST", () -> invokeRaw(handler, "[1]".getBytes(StandardCharsets.UTF_8)));
        try (dev.connectconfig.engines.RefusedPort refused = new dev.connectconfig.engines.RefusedPort()) {
            GetConfigHandler unreachable = new GetConfigHandler(GetConfigService.create(refused.endpoint(),
                    "FlowConfigTable", Duration.ofSeconds(45)));
            calls.put("UNAVAILABLE", () -> invoke(unreachable, "voice-en-us.json"));
            for (Map.Entry<String, Runnable> call : calls.entrySet()) {
                List<JsonNode> lines = metricLines(output(call.getValue()), "ErrorResults");

                assertEquals(1, lines.size(), call.getKey() + ": " + lines);
                JsonNode line = lines.get(0);
                assertEquals(call.getKey(), line.get("Code").asText());
                assertEquals(1.0, line.get("ErrorResults").asDouble());
                assertEquals("ConnectConfig", line.at("/_aws/CloudWatchMetrics/0/Namespace").asText());
                assertEquals("[[\"Code\",\"Service\"],[\"Service\"]]",
                        line.at("/_aws/CloudWatchMetrics/0/Dimensions").toString());
                assertEquals("[{\"Name\":\"ErrorResults\",\"Unit\":\"Count\"}]",
                        line.at("/_aws/CloudWatchMetrics/0/Metrics").toString());
            }
        }
        assertEquals(List.of(), metricLines(output(() -> invoke(handler, "voice-en-us.json")), "ErrorResults"));
    }

    @Test
    void aMissingIdAnswersAtOnceWithAnErrorKey() {
        Map<String, String> result = invoke(handler, "missing-id.json");

        assertEquals("MISSING_ID", result.get("error"));
        assertTrue(result.get("errorMessage").contains("'id'"));
    }

    @Test
    void anUnknownIdAnswersWithAnErrorKeyNotAnException() {
        Map<String, String> result = invoke(handler, "unknown-id.json");

        assertEquals(Map.of("error", "NOT_FOUND", "errorMessage", "No flow config has the id 'no-such-queue'."),
                result);
    }

    @Test
    void aPlainRequestForADialledNumberInMandarin() {
        Map<String, String> result = invoke(handler, "plain-request.json");

        assertEquals("<speak>欢迎致电账单部门。</speak>", result.get("Welcome"));
        assertEquals("billing", result.get("Department"));
    }

    @Test
    void aStoredConfigWhoseResultExceeds32KbIsRefusedNamingTheLargestPrompts() {
        // Written straight to the table, as an older tool or a console edit might, bypassing validation.
        dynamoDb.put(new FlowConfig("too-big", "d", Map.of(), Map.of(), Map.of(
                "Terms", Map.of("en-US", PromptText.voice("t".repeat(30_000))),
                "Legal", Map.of("en-US", PromptText.voice("l".repeat(3_000)))), "en-US", 1, null, null));

        Map<String, String> result = handler.handleRequest(Map.of("id", "too-big"), new TestContext("GetConfig"));

        assertEquals("RESULT_TOO_LARGE", result.get("error"));
        assertTrue(result.get("errorMessage").contains("Terms (30017 bytes), Legal (3017 bytes)"),
                result.get("errorMessage"));
        assertFalse(result.containsKey("Terms"));
    }

    /** Emoji, CJK, combining marks and every escape JSON has, in a voice text and a chat text. */
    private static final String EVERY_KIND = "😀👍🏽 欢迎 e\u0301 \" \\ \n \t \r \b \f \u0001\u001f \u2028 é";

    private static byte[] invokeBytes(GetConfigHandler target, String event) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        target.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), answer,
                new TestContext("GetConfig"));
        return answer.toByteArray();
    }

    @Test
    void theAnswerIsExactlyTheBytesTheGuardCountedOnEveryChannel() throws Exception {
        FlowConfig config = new FlowConfig("every-kind", "d", Map.of("Note", EVERY_KIND), Map.of(), Map.of(
                "Welcome", Map.of("en-US", new PromptText("<speak>" + "😀".repeat(1_000) + " 欢迎 a\u0301</speak>",
                        "😀".repeat(4_000) + EVERY_KIND))), "en-US", 1, null, null);
        dynamoDb.put(config);

        for (Channel channel : List.of(Channel.VOICE, Channel.CHAT)) {
            byte[] sent = invokeBytes(handler, "{\"id\": \"every-kind\", \"channel\": \""
                    + channel.name().toLowerCase(java.util.Locale.ROOT) + "\"}");
            Map<String, String> answer = JSON.readValue(sent, new TypeReference<>() { });
            RenderedConfig counted = FlowConfigRenderer.render(config, null, channel, java.time.Instant.now());

            assertEquals(counted.values(), answer, channel.name());
            assertEquals(counted.sizeBytes(), sent.length, channel + ": the preview and the write's guard count "
                    + counted.sizeBytes() + " bytes; GetConfig sent " + sent.length);
        }
    }

    @Test
    void anEmojiChatTextTheGuardLetsThroughIsSentUnderConnectsLimitAndOneOverIsRefused() throws Exception {
        // 4,000 emoji are 16,002 bytes as a JSON string: under the limit, and so must be what GetConfig sends.
        dynamoDb.put(new FlowConfig("emoji-chat", "d", Map.of(), Map.of(), Map.of(
                "Welcome", Map.of("en-US", new PromptText("<speak>Hi</speak>", "😀".repeat(4_000)))),
                "en-US", 1, null, null));
        byte[] sent = invokeBytes(handler, "{\"id\": \"emoji-chat\", \"channel\": \"chat\"}");
        Map<String, String> answer = JSON.readValue(sent, new TypeReference<>() { });
        assertEquals("😀".repeat(4_000), answer.get("Welcome"));
        assertTrue(sent.length < ResultJson.CONNECT_LIMIT_BYTES, sent.length + " bytes sent");

        // 8,200 emoji are 32,802 bytes: refused, on the chat channel, by the same count.
        dynamoDb.put(new FlowConfig("emoji-chat-big", "d", Map.of(), Map.of(), Map.of(
                "Welcome", Map.of("en-US", new PromptText("<speak>Hi</speak>", "😀".repeat(8_200)))),
                "en-US", 1, null, null));
        Map<String, String> big = JSON.readValue(invokeBytes(handler,
                "{\"id\": \"emoji-chat-big\", \"channel\": \"chat\"}"), new TypeReference<>() { });
        assertEquals("RESULT_TOO_LARGE", big.get("error"));
        assertTrue(big.get("errorMessage").contains("Welcome (32802 bytes)"), big.get("errorMessage"));
        Map<String, String> voice = JSON.readValue(invokeBytes(handler,
                "{\"id\": \"emoji-chat-big\", \"channel\": \"voice\"}"), new TypeReference<>() { });
        assertEquals("<speak>Hi</speak>", voice.get("Welcome"));
    }

    @Test
    void whenDynamoDbHangsAndNothingIsCachedItFailsFastWithAnErrorKey() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            GetConfigHandler cut = new GetConfigHandler(GetConfigService.create(silent.endpoint(), "FlowConfigTable",
                    Duration.ofSeconds(45)));

            long start = System.nanoTime();
            Map<String, String> result = invoke(cut, "voice-en-us.json");
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertEquals("UNAVAILABLE", result.get("error"));
            // The behaviour under test is the configured SDK timeouts: 2.5 s in all, answered within 3 s.
            assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "took " + took);
        }
    }

    @Test
    void whenDynamoDbGoesDownTheLastCachedValueIsServedMarkedStale() throws Exception {
        DynamoDbLocal doomed = DynamoDbLocal.start();
        doomed.seedSamples();
        GetConfigHandler cut = new GetConfigHandler(GetConfigService.create(doomed.endpoint(),
                DynamoDbLocal.FLOW_CONFIG_TABLE, Duration.ZERO));
        Map<String, String> fresh = invoke(cut, "voice-en-us.json");
        doomed.close();

        long start = System.nanoTime();
        Map<String, String> stale = invoke(cut, "voice-en-us.json");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertNull(fresh.get("stale"));
        assertEquals("true", stale.get("stale"));
        assertEquals(fresh.get("Welcome"), stale.get("Welcome"));
        assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "took " + took);
    }

    @Test
    void aSavedChangeIsServedOnceTheCacheTtlHasPassed() {
        GetConfigHandler noCache = new GetConfigHandler(GetConfigService.create(dynamoDb.endpoint(),
                DynamoDbLocal.FLOW_CONFIG_TABLE, Duration.ZERO));
        FlowConfig closed = new FlowConfig("switch", "d", Map.of("Closure", "false"), Map.of(), Map.of(), null, 1,
                null, null);
        dynamoDb.put(closed);
        assertEquals("false", noCache.handleRequest(Map.of("id", "switch"), new TestContext("g")).get("Closure"));
        assertEquals("false", handler.handleRequest(Map.of("id", "switch"), new TestContext("g")).get("Closure"));

        dynamoDb.put(new FlowConfig("switch", "d", Map.of("Closure", "true"), Map.of(), Map.of(), null, 2, null,
                null));

        assertEquals("true", noCache.handleRequest(Map.of("id", "switch"), new TestContext("g")).get("Closure"));
        assertEquals("false", handler.handleRequest(Map.of("id", "switch"), new TestContext("g")).get("Closure"),
                "within the TTL the cached value is served");
    }

    @Test
    void anEventThatIsNoJsonObjectAnswersInvalidRequestWithoutJavaNames() {
        for (String event : new String[] {"\"main-queue\"", "[{\"id\":\"main-queue\"}]", "42", "null", "{\"id\":",
                "not json", "{\"id\":\"main-queue\"} {}"}) {
            byte[] body = event.getBytes(StandardCharsets.UTF_8);
            Map<String, String>[] result = new Map[1];
            String logs = output(() -> result[0] = invokeRaw(handler, body));

            assertEquals("INVALID_REQUEST", result[0].get("error"), event);
            assertTrue(result[0].get("errorMessage").contains("JSON object"), result[0].get("errorMessage"));
            String answer = result[0].toString();
            assertFalse(answer.contains("java") || answer.contains("Exception") || answer.contains("dev.connect"),
                    answer);
            assertTrue(logs.contains("\"errorCode\":\"INVALID_REQUEST\""), logs);
        }
    }

    @Test
    void aHugeOrPathLikeCallerLanguageIsIgnoredLoggedAndNeverEchoed() {
        String huge = "x".repeat(40 * 1024);
        for (String lang : new String[] {huge, "../../", "en-US\"}"}) {
            Map<String, String>[] result = new Map[1];
            String logs = output(() -> result[0] = handler.handleRequest(Map.of("id", "main-queue", "lang", lang),
                    new TestContext("GetConfig")));

            assertNull(result[0].get("error"), result[0].toString());
            assertEquals("en-US", result[0].get("language"), "the config's default language is used");
            assertFalse(result[0].containsValue(lang));
            assertTrue(logs.contains("\"message\":\"caller language ignored: not a language tag\""), logs);
            assertTrue(logs.contains("\"ignoredLanguageLength\":" + lang.length()), logs);
            assertFalse(logs.contains(huge.substring(0, 41)), "the log holds at most 40 characters of it");
        }

        byte[] event = ("{\"Details\":{\"Parameters\":{\"id\":\"main-queue\",\"lang\":\"" + huge + "\"},"
                + "\"ContactData\":{\"LanguageCode\":\"es_MX\"}}}").getBytes(StandardCharsets.UTF_8);
        Map<String, String> result = invokeRaw(handler, event);
        assertEquals("es-MX", result.get("language"), "the next source is used, _ read as -");
        assertTrue(result.get("Welcome").contains("Gracias"));
    }

    @Test
    void theFirstInvocationOfAContainerEmitsColdStartAndTheSecondDoesNot() throws Exception {
        GetConfigHandler container = new GetConfigHandler(GetConfigService.create(dynamoDb.endpoint(),
                DynamoDbLocal.FLOW_CONFIG_TABLE, Duration.ofSeconds(45)));
        container.beforeCheckpoint(null); // priming before a snapshot is no invocation

        String first = output(() -> invoke(container, "voice-en-us.json"));
        String second = output(() -> invoke(container, "voice-en-us.json"));

        JsonNode coldStart = JSON.readTree(first.lines().filter(line -> line.contains("\"ColdStart\""))
                .findFirst().orElseThrow(() -> new AssertionError("no ColdStart metric: " + first)));
        assertEquals(1.0, coldStart.get("ColdStart").asDouble());
        assertEquals("GetConfig", coldStart.get("FunctionName").asText());
        assertTrue(first.contains("\"cold_start\":true"), first);
        assertFalse(second.contains("\"ColdStart\""), second);
        assertTrue(second.contains("\"cold_start\":false") && second.contains("\"CacheHit\""), second);
    }
}
