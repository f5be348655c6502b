package dev.connectconfig.core.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.model.PromptText;
import dev.connectconfig.core.model.VariableDefinition;
import dev.connectconfig.core.model.VariableType;
import dev.connectconfig.core.validation.FlowConfigValidator;
import dev.connectconfig.core.validation.Violation;
import dev.connectconfig.core.SampleFlowConfigs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlowConfigValidatorTest {

    private static FlowConfig config(String id, Map<String, String> variables, Map<String, VariableDefinition> schema,
            Map<String, Map<String, PromptText>> prompts) {
        return new FlowConfig(id, "A queue", variables, schema, prompts, "en-US", 0, null, null);
    }

    private static List<String> fields(FlowConfig config) {
        return FlowConfigValidator.validate(config).stream().map(Violation::field).toList();
    }

    @Test
    void theSampleConfigsAreValid() {
        for (FlowConfig sample : SampleFlowConfigs.all()) {
            assertEquals(List.of(), FlowConfigValidator.validate(sample), sample.id());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"main-queue", "+18005550100", "sales:emea_2.b", "a"})
    void idsOfQueuesNumbersAndFlowsAreAccepted(String id) {
        assertTrue(FlowConfigValidator.isValidId(id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b", "a b", "tab\there", "ü"})
    void otherIdsAreRefused(String id) {
        assertEquals(List.of("id"), fields(config(id, Map.of(), Map.of(), Map.of())));
    }

    @Test
    void anIdOfMoreThan128CharactersIsRefused() {
        assertTrue(FlowConfigValidator.isValidId("x".repeat(128)));
        assertTrue(!FlowConfigValidator.isValidId("x".repeat(129)));
    }

    @Test
    void valuesMustFitTheirSchemaType() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("Closure", "yes");
        variables.put("Wait", "ten");
        variables.put("Mode", "party");
        variables.put("Note", "anything at all");
        Map<String, VariableDefinition> schema = Map.of(
                "Closure", VariableDefinition.of(VariableType.BOOLEAN),
                "Wait", VariableDefinition.of(VariableType.NUMBER),
                "Mode", new VariableDefinition(VariableType.SELECT, List.of("normal", "holiday")),
                "Note", VariableDefinition.of(VariableType.TEXT));

        List<Violation> violations = FlowConfigValidator.validate(config("q", variables, schema, Map.of()));

        assertEquals(List.of(
                new Violation("variables.Closure", "must be \"true\" or \"false\""),
                new Violation("variables.Wait", "must be a number such as 42 or 3.5"),
                new Violation("variables.Mode", "must be one of normal, holiday")), violations);
    }

    @Test
    void correctlyTypedValuesPass() {
        Map<String, VariableDefinition> schema = Map.of(
                "Closure", VariableDefinition.of(VariableType.BOOLEAN),
                "Wait", VariableDefinition.of(VariableType.NUMBER));

        assertEquals(List.of(), fields(config("q", Map.of("Closure", "true", "Wait", "-2.5"), schema, Map.of())));
    }

    @Test
    void aSchemaMustCoverExactlyTheVariables() {
        Map<String, VariableDefinition> schema = Map.of("Ghost", VariableDefinition.of(VariableType.TEXT));

        assertEquals(List.of("schema.Ghost", "schema.Open"),
                fields(config("q", Map.of("Open", "true"), schema, Map.of())));
    }

    @Test
    void namesAreUniqueAcrossVariablesAndPromptsAndNotReserved() {
        Map<String, Map<String, PromptText>> prompts = Map.of("Open", Map.of("en-US", PromptText.voice("hi")));

        assertEquals(List.of("prompts.Open"), fields(config("q", Map.of("Open", "true"), Map.of(), prompts)));
        assertEquals(List.of("variables.error"), fields(config("q", Map.of("error", "x"), Map.of(), Map.of())));
    }

    @Test
    void everyPromptHasALanguageAndEveryLanguageAVoice() {
        Map<String, Map<String, PromptText>> prompts = new LinkedHashMap<>();
        prompts.put("Empty", Map.of());
        prompts.put("NoVoice", Map.of("en-US", new PromptText(" ", "chat only")));
        prompts.put("BadTag", Map.of("english", PromptText.voice("hi")));

        assertEquals(List.of("prompts.Empty", "prompts.NoVoice.en-US.voice", "prompts.BadTag.english"),
                fields(config("q", Map.of(), Map.of(), prompts)));
    }

    @Test
    void voiceSsmlMustBeWellFormedWithASpeakRoot() {
        Map<String, Map<String, PromptText>> prompts = new LinkedHashMap<>();
        prompts.put("Broken", Map.of("en-US", PromptText.voice("<speak>unclosed <emphasis></speak>")));
        prompts.put("NoRoot", Map.of("en-US", PromptText.voice("<p>hi</p>")));

        assertEquals(List.of("prompts.Broken.en-US.voice", "prompts.NoRoot.en-US.voice"),
                fields(config("q", Map.of(), Map.of(), prompts)));
    }

    @Test
    void aConfigWhoseResultWouldExceedConnectsLimitIsRefusedNamingThePrompt() {
        Map<String, Map<String, PromptText>> prompts = new LinkedHashMap<>();
        prompts.put("Short", Map.of("en-US", PromptText.voice("hi")));
        prompts.put("Huge", Map.of("en-US", PromptText.voice("x".repeat(33_000))));

        List<Violation> violations = FlowConfigValidator.validate(config("q", Map.of(), Map.of(), prompts));

        assertEquals(1, violations.size());
        assertTrue(violations.get(0).message().contains("Huge (33017 bytes)"), violations.get(0).message());
    }

    @Test
    void thePlainVoiceTextIsMeasuredAsServedEscapedAndWrappedInSpeak() {
        // 7,000 ampersands are 7,002 JSON bytes as written, 35,017 as GetConfig serves them: <speak>&amp;...</speak>
        Map<String, Map<String, PromptText>> prompts = Map.of("Ands", Map.of("en-US", PromptText.voice("&".repeat(7_000))));

        List<Violation> violations = FlowConfigValidator.validate(config("q", Map.of(), Map.of(), prompts));

        assertEquals(1, violations.size());
        assertTrue(violations.get(0).message().contains("Ands (35017 bytes)"), violations.get(0).message());
    }

    private static FlowConfig withText(String description, String value, String voice, String chat, String option) {
        return new FlowConfig("q", description, Map.of("Mode", value), Map.of("Mode",
                new VariableDefinition(VariableType.SELECT, List.of(option, value))),
                Map.of("Welcome", Map.of("en-US", new PromptText(voice, chat))), "en-US", 0, null, null);
    }

    @Test
    void anUnpairedSurrogateIsRefusedNamingTheField() {
        String lone = "caf\uD83D";
        FlowConfig config = withText(lone, "open\uDE00", "Hello \uD83D there", "Hi", "closed");

        List<Violation> violations = FlowConfigValidator.validate(config);

        assertEquals(List.of("description", "variables.Mode", "schema.Mode.options", "prompts.Welcome.en-US.voice"),
                violations.stream().map(Violation::field).toList());
        assertTrue(violations.get(0).message().contains("unpaired UTF-16 surrogate (\\uD83D) at character 4"),
                violations.get(0).message());
    }

    @Test
    void wholeCharactersOutsideTheBasicPlaneNewlinesAndTabsAreKept() {
        FlowConfig config = withText("Queue \uD83D\uDE00", "open", "Line one\nLine\ttwo \uD83C\uDF89", "Hi \u00E9",
                "closed");

        assertEquals(List.of(), FlowConfigValidator.validate(config));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\r", "\u0007", "\u001B", "\u007F", "\u0085", "\u009F"})
    void controlCharactersOtherThanNewlineAndTabAreRefused(String control) {
        FlowConfig config = withText("A queue", "open", "Hello" + control, "Hi" + control, "closed");

        List<Violation> violations = FlowConfigValidator.validate(config);

        assertEquals(List.of("prompts.Welcome.en-US.voice", "prompts.Welcome.en-US.chat"),
                violations.stream().map(Violation::field).toList());
        assertTrue(violations.get(0).message().contains(String.format("U+%04X", (int) control.charAt(0))),
                violations.get(0).message());
    }
}
