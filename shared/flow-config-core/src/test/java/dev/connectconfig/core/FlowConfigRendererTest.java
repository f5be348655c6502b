package dev.connectconfig.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.model.PromptText;
import dev.connectconfig.core.render.Channel;
import dev.connectconfig.core.render.FlowConfigRenderer;
import dev.connectconfig.core.render.RenderedConfig;
import dev.connectconfig.core.render.ResultJson;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowConfigRendererTest {

    private static final FlowConfig CONFIG = new FlowConfig("q", "d", Map.of("Closure", "false"), Map.of(),
            Map.of(
                    "Welcome", Map.of(
                            "en-US", new PromptText("<speak>Hi<break/>there &amp; welcome</speak>", "Hi, chat"),
                            "es-US", PromptText.voice("<speak>Hola</speak>")),
                    "Closed", Map.of("en-US", PromptText.voice("<speak>We are <emphasis>closed</emphasis></speak>")),
                    "FrenchOnly", Map.of("fr-CA", PromptText.voice("Bonjour")),
                    "Plain", Map.of("en-US", PromptText.voice("Tom & Jerry <3 > all"),
                            "es-US", PromptText.voice("Hola a todos"))),
            "en-US", 7, null, null);

    @Test
    void voiceGetsSsmlIntactWithVariablesAndBookkeeping() {
        RenderedConfig rendered = FlowConfigRenderer.render(CONFIG, "en-US", Channel.VOICE);

        assertEquals("<speak>Hi<break/>there &amp; welcome</speak>", rendered.values().get("Welcome"));
        assertEquals("false", rendered.values().get("Closure"));
        assertEquals("7", rendered.values().get("configVersion"));
        assertEquals("en-US", rendered.values().get("language"));
    }

    @Test
    void textChannelsGetChatOrStrippedVoiceNeverSsml() {
        for (Channel channel : List.of(Channel.CHAT, Channel.TASK, Channel.EMAIL)) {
            RenderedConfig rendered = FlowConfigRenderer.render(CONFIG, "en-US", channel);
            assertEquals("Hi, chat", rendered.values().get("Welcome"));
            assertEquals("We are closed", rendered.values().get("Closed"));
        }
    }

    @Test
    void aPromptWithNoFittingLanguageIsReportedNotDroppedSilently() {
        RenderedConfig rendered = FlowConfigRenderer.render(CONFIG, "es-MX", Channel.VOICE);

        assertEquals("<speak>Hola</speak>", rendered.values().get("Welcome"));
        assertEquals("<speak>We are <emphasis>closed</emphasis></speak>", rendered.values().get("Closed"));
        assertFalse(rendered.values().containsKey("FrenchOnly"));
        assertEquals(List.of("FrenchOnly"), rendered.missingPrompts());
        assertEquals("FrenchOnly", rendered.values().get("missingPrompts"));
    }

    @Test
    void everyVoicePromptIsAWellFormedSpeakDocumentPlainTextEscapedAndWrapped() {
        RenderedConfig rendered = FlowConfigRenderer.render(CONFIG, "en-US", Channel.VOICE);

        assertEquals("<speak>Tom &amp; Jerry &lt;3 &gt; all</speak>", rendered.values().get("Plain"));
        assertEquals("<speak>Hi<break/>there &amp; welcome</speak>", rendered.values().get("Welcome"));
        for (String prompt : List.of("Plain", "Welcome", "Closed")) {
            assertTrue(dev.connectconfig.core.render.Ssml.problem(rendered.values().get(prompt)).isEmpty(), prompt);
        }
        // Chat keeps the plain text as written, never the escaped form.
        assertEquals("Tom & Jerry <3 > all", FlowConfigRenderer.render(CONFIG, "en-US", Channel.CHAT).values()
                .get("Plain"));
    }

    @Test
    void theWrappedTextIsWhatIsMeasured() throws Exception {
        RenderedConfig rendered = FlowConfigRenderer.render(CONFIG, "en-US", Channel.VOICE);

        byte[] json = new ObjectMapper().writeValueAsString(rendered.values()).getBytes(StandardCharsets.UTF_8);
        assertEquals(json.length, rendered.sizeBytes());
        assertTrue(rendered.largestPrompts().contains(Map.entry("Plain",
                ResultJson.jsonStringBytes("<speak>Tom &amp; Jerry &lt;3 &gt; all</speak>"))));
    }

    @Test
    void languageIsWhatTheCallerAskedServedLanguageWhatMostPromptsUsedAndFallbacksAreNamed() {
        RenderedConfig exact = FlowConfigRenderer.render(CONFIG, "en-US", Channel.VOICE);
        assertEquals("en-US", exact.values().get("servedLanguage"));
        assertEquals("", exact.values().get("fallbackPrompts"), "FrenchOnly is missing, not a fallback");

        RenderedConfig mexican = FlowConfigRenderer.render(CONFIG, "es-MX", Channel.VOICE);
        assertEquals("es-MX", mexican.values().get("language"));
        assertEquals("es-US", mexican.values().get("servedLanguage"));
        assertEquals("Welcome,Closed,Plain", sortedLike(mexican.values().get("fallbackPrompts")));

        RenderedConfig french = FlowConfigRenderer.render(CONFIG, "fr-FR", Channel.VOICE);
        assertEquals("fr-FR", french.values().get("language"));
        assertEquals("en-US", french.values().get("servedLanguage"));

        RenderedConfig canadian = FlowConfigRenderer.render(CONFIG, "fr_ca", Channel.VOICE);
        assertEquals("en-US", canadian.values().get("servedLanguage"), "three prompts in en-US, one in fr-CA");
        assertFalse(List.of(canadian.values().get("fallbackPrompts").split(",")).contains("FrenchOnly"));
    }

    @Test
    void servedLanguageTiesGoToTheLanguageAskedThenTheDefault() {
        FlowConfig twoEach = new FlowConfig("q", "d", Map.of(), Map.of(), Map.of(
                "A", Map.of("de-DE", PromptText.voice("a")), "B", Map.of("en-US", PromptText.voice("b"))),
                "en-US", 1, null, null);

        assertEquals("de-DE", FlowConfigRenderer.render(twoEach, "de-DE", Channel.VOICE).values()
                .get("servedLanguage"));
        assertEquals("en-US", FlowConfigRenderer.render(twoEach, "it-IT", Channel.VOICE).values()
                .get("servedLanguage"));
        FlowConfig none = new FlowConfig("q", "d", Map.of("X", "1"), Map.of(), Map.of(), "en-US", 1, null, null);
        assertEquals("it-IT", FlowConfigRenderer.render(none, "it-IT", Channel.VOICE).values().get("servedLanguage"));
        assertEquals("", FlowConfigRenderer.render(none, "it-IT", Channel.VOICE).values().get("fallbackPrompts"));
    }

    /** The config's prompts come from an unordered map: compare the names in a fixed order. */
    private static String sortedLike(String names) {
        List<String> order = List.of("Welcome", "Closed", "Plain");
        return String.join(",", List.of(names.split(",")).stream().sorted(java.util.Comparator.comparing(order::indexOf))
                .toList());
    }

    @Test
    void theMeasuredSizeIsExactlyTheJsonLambdaSends() throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("quote\"d", "tab\there ü 欢迎 😀 \u0001");
        values.put("b", "");

        byte[] json = ResultJson.toBytes(values);

        assertEquals(json.length, ResultJson.jsonBytes(values));
        assertEquals(values, new ObjectMapper().readValue(json, Map.class));
    }

    @Test
    void aResultOverConnectsLimitDoesNotFitAndNamesTheLargestPrompts() {
        FlowConfig big = new FlowConfig("q", "d", Map.of(), Map.of(), Map.of(
                "Small", Map.of("en-US", PromptText.voice("tiny")),
                "Big", Map.of("en-US", PromptText.voice("x".repeat(20_000))),
                "Bigger", Map.of("en-US", PromptText.voice("y".repeat(20_000 + 10)))), "en-US", 1, null, null);

        RenderedConfig rendered = FlowConfigRenderer.render(big, "en-US", Channel.VOICE);

        assertFalse(rendered.fitsConnectLimit());
        assertTrue(rendered.tooLargeMessage().contains("Largest prompts: Bigger (20027 bytes), Big (20017 bytes),"
                + " Small (21 bytes)."), rendered.tooLargeMessage()); // each wrapped in <speak>, 15 bytes more
    }
}
