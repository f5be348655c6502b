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
                    "FrenchOnly", Map.of("fr-CA", PromptText.voice("Bonjour"))),
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
        assertTrue(rendered.tooLargeMessage().contains("Largest prompts: Bigger (20012 bytes), Big (20002 bytes),"
                + " Small (6 bytes)."), rendered.tooLargeMessage());
    }
}
