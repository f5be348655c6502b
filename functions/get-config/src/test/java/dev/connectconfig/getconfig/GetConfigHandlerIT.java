package dev.connectconfig.getconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectconfig.shared.model.FlowConfig;
import dev.connectconfig.shared.model.PromptText;
import dev.connectconfig.testing.DynamoDbLocal;
import dev.connectconfig.testing.RepoFiles;
import dev.connectconfig.testing.SilentServer;
import dev.connectconfig.testing.TestContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
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

    private static Map<String, String> invoke(GetConfigHandler target, String event) {
        return target.handleRequest(RepoFiles.eventMap("events/get-config/" + event), new TestContext("GetConfig"));
    }

    @Test
    void anEnglishVoiceCallGetsVariablesAndSsmlPrompts() {
        Map<String, String> result = invoke(handler, "voice-en-us.json");

        assertNull(result.get("error"));
        assertEquals("false", result.get("Closure"));
        assertEquals("normal", result.get("RoutingMode"));
        assertEquals("<speak>Thank you for calling Example Energy.<break time=\"300ms\"/>Calls may be recorded for"
                + " quality &amp; training.</speak>", result.get("Welcome"));
        assertEquals("Your call is important to us. Please stay on the line.", result.get("HoldMessage"));
        assertEquals("en-US", result.get("language"));
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
        assertEquals("Your call is important to us. Please stay on the line.", result.get("HoldMessage"));
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
        assertEquals("Bonjour", result.get("Bonjour"));
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
        assertTrue(result.get("errorMessage").contains("Terms (30002 bytes), Legal (3002 bytes)"),
                result.get("errorMessage"));
        assertFalse(result.containsKey("Terms"));
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
}
