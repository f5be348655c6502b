package dev.connectconfig.checks;

import static dev.connectconfig.checks.SamTransformTest.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.render.ResultKeys;
import dev.connectconfig.engines.CloudFormationTemplate;
import dev.connectconfig.engines.DynamoDbLocal;
import dev.connectconfig.engines.RepoFiles;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * connect/sample-flow.json, the contact flow a flow builder imports (and the stack creates when it knows the
 * Connect instance): well-formed flow language, GetConfig through its alias, and only attributes the samples have.
 */
class SampleContactFlowTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILE = "connect/sample-flow.json";
    /** Characters the flow language refuses in an action's Identifier. */
    private static final Pattern FORBIDDEN_IN_IDENTIFIER = Pattern.compile("[%:()\\\\/=$,;\\[\\]{}]");
    private static final Pattern EXTERNAL = Pattern.compile("^\\$\\.External\\.([A-Za-z][A-Za-z0-9_]*)$");

    private final JsonNode flow = RepoFiles.json(FILE);

    private Map<String, JsonNode> actions() {
        Map<String, JsonNode> byIdentifier = new LinkedHashMap<>();
        for (JsonNode action : flow.get("Actions")) {
            String identifier = action.path("Identifier").asText();
            assertTrue(byIdentifier.put(identifier, action) == null, "Identifier used twice: " + identifier);
        }
        return byIdentifier;
    }

    private static List<String> targets(JsonNode action) {
        JsonNode transitions = action.get("Transitions");
        List<String> targets = new ArrayList<>();
        if (transitions.has("NextAction")) {
            targets.add(transitions.get("NextAction").asText());
        }
        for (String list : List.of("Conditions", "Errors")) {
            transitions.path(list).forEach(t -> targets.add(t.get("NextAction").asText()));
        }
        return targets;
    }

    @Test
    void isFlowLanguageWithEveryTransitionLeadingToAnActionOfTheFlow() {
        assertEquals("2019-10-30", flow.path("Version").asText());
        Map<String, JsonNode> actions = actions();
        assertTrue(actions.containsKey(flow.path("StartAction").asText()), "StartAction names an action");
        for (Map.Entry<String, JsonNode> entry : actions.entrySet()) {
            String id = entry.getKey();
            JsonNode action = entry.getValue();
            assertTrue(!id.isEmpty() && id.length() <= 50 && !FORBIDDEN_IN_IDENTIFIER.matcher(id).find(), id);
            assertTrue(action.path("Type").isTextual(), id + " has a Type");
            assertTrue(action.path("Parameters").isObject(), id + " has Parameters");
            assertTrue(action.path("Transitions").isObject(), id + " has Transitions");
            for (JsonNode condition : action.get("Transitions").path("Conditions")) {
                assertTrue(condition.at("/Condition/Operator").isTextual()
                        && condition.at("/Condition/Operands").isArray(), id + ": " + condition);
            }
            action.get("Transitions").path("Errors").forEach(error -> assertTrue(error.path("ErrorType").isTextual()));
            for (String target : targets(action)) {
                assertTrue(actions.containsKey(target), id + " leads to " + target + ", which is not an action");
            }
        }
        Set<String> reached = new TreeSet<>();
        Deque<String> next = new ArrayDeque<>(List.of(flow.get("StartAction").asText()));
        while (!next.isEmpty()) {
            String id = next.pop();
            if (reached.add(id)) {
                next.addAll(targets(actions.get(id)));
            }
        }
        assertEquals(new TreeSet<>(actions.keySet()), reached, "every action is reached from StartAction");
        actions.values().stream().filter(a -> a.get("Transitions").isEmpty())
                .forEach(end -> assertEquals("DisconnectParticipant", end.get("Type").asText()));
    }

    @Test
    void invokesGetConfigsAliasWithTheDialledNumberWithinThreeSeconds() {
        JsonNode invoke = actions().get(flow.get("StartAction").asText());

        assertEquals("InvokeLambdaFunction", invoke.get("Type").asText());
        JsonNode parameters = invoke.get("Parameters");
        assertEquals("${GetConfigAliasArn}", parameters.get("LambdaFunctionARN").asText());
        assertEquals("3", parameters.get("InvocationTimeLimitSeconds").asText());
        assertEquals("STRING_MAP", parameters.at("/ResponseValidation/ResponseType").asText());
        assertEquals("$.SystemEndpoint.Address", parameters.at("/LambdaInvocationAttributes/id").asText());
        assertFalse(targets(invoke).isEmpty());
        assertEquals("NoMatchingError", invoke.at("/Transitions/Errors/0/ErrorType").asText(),
                "a failed invocation takes the flow's defaults");
    }

    @Test
    void theStackCreatesTheSameFlowWithTheAliasArn() throws Exception {
        Map<String, Object> resource = map(SamTransformTest.section(CloudFormationTemplate.load().root(), "Resources")
                .get("GetConfigSampleFlow"));
        List<?> sub = (List<?>) map(map(resource.get("Properties")).get("Content")).get("Fn::Sub");

        assertEquals("HasConnectInstance", resource.get("Condition"));
        assertEquals(flow, JSON.readTree(String.valueOf(sub.get(0))), "template.yaml's flow is " + FILE);
        assertEquals(Map.of("GetConfigAliasArn", Map.of("Ref", "GetConfigFunction.Alias")), sub.get(1));
    }

    @Test
    void anyErrorOfGetConfigLeadsToTheDefaults() throws Exception {
        Set<String> codes = new TreeSet<>();
        for (Field field : ResultKeys.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getName().equals(field.get(null))) {
                codes.add(field.getName());
            }
        }
        JsonNode check = actions().values().stream()
                .filter(a -> "$.External.error".equals(a.at("/Parameters/ComparisonValue").asText()))
                .findFirst().orElseThrow();
        Set<String> compared = new TreeSet<>();
        String defaults = actions().get(flow.get("StartAction").asText()).at("/Transitions/Errors/0/NextAction")
                .asText();
        for (JsonNode condition : check.at("/Transitions/Conditions")) {
            compared.add(condition.at("/Condition/Operands/0").asText());
            assertEquals(defaults, condition.get("NextAction").asText());
        }

        assertEquals(codes, compared, "every error GetConfig answers with is checked");
        assertEquals(5, codes.size(), "found the error codes: " + codes);
    }

    @Test
    void playsTheWelcomePromptAsSsmlAndReadsOnlyWhatTheDialledNumberSamplesHave() {
        Set<String> read = new TreeSet<>();
        boolean ssmlWelcome = false;
        for (JsonNode action : actions().values()) {
            for (String value : List.of(action.at("/Parameters/ComparisonValue").asText(),
                    action.at("/Parameters/SSML").asText(), action.at("/Parameters/Text").asText())) {
                Matcher external = EXTERNAL.matcher(value);
                if (external.matches() && !ResultKeys.RESERVED.contains(external.group(1))) {
                    read.add(external.group(1));
                }
            }
            ssmlWelcome |= "MessageParticipant".equals(action.get("Type").asText())
                    && "$.External.Welcome".equals(action.at("/Parameters/SSML").asText());
        }
        assertTrue(ssmlWelcome, "Welcome is played as SSML");
        assertEquals(Set.of("Closure", "Welcome"), read);

        List<FlowConfig> dialledNumbers = DynamoDbLocal.sampleConfigs().stream()
                .filter(c -> c.id().startsWith("+")).toList();
        assertFalse(dialledNumbers.isEmpty(), "a sample config is keyed by a dialled number");
        for (FlowConfig config : dialledNumbers) {
            assertNotNull(config.variables().get("Closure"), config.id() + " has the Closure variable");
            assertNotNull(config.prompts().get("Welcome"), config.id() + " has the Welcome prompt");
        }
    }

    /** Where a Compare action goes for {@code value}: its matching condition, else its no-match branch. */
    private String compare(String action, String value) {
        JsonNode compare = actions().get(action);
        assertEquals("Compare", compare.get("Type").asText(), action);
        for (JsonNode condition : compare.at("/Transitions/Conditions")) {
            if (value.equals(condition.at("/Condition/Operands/0").asText())) {
                return condition.get("NextAction").asText();
            }
        }
        JsonNode errors = compare.at("/Transitions/Errors");
        assertEquals("NoMatchingCondition", errors.get(0).get("ErrorType").asText(), action);
        return errors.get(0).get("NextAction").asText();
    }

    private String comparing(String comparisonValue) {
        return actions().entrySet().stream()
                .filter(a -> comparisonValue.equals(a.getValue().at("/Parameters/ComparisonValue").asText()))
                .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError("nothing compares "
                        + comparisonValue));
    }

    @Test
    void onlyClosureTrueClosesAConfigWithoutClosureOrWithAnyOtherValueIsWelcomed() {
        String closure = comparing("$.External.Closure");

        assertEquals("PlayClosedMessage", compare(closure, "true"));
        String channel = comparing("$.Channel");
        for (String value : List.of("false", "", "maybe")) {
            assertEquals(channel, compare(closure, value), "Closure = '" + value + "'");
        }
    }

    @Test
    void voiceHearsWelcomeAsSsmlEveryOtherChannelReadsItAsTextAndAFailedPlayFallsBackToTheDefault() {
        String channel = comparing("$.Channel");
        JsonNode voice = actions().get(compare(channel, "VOICE"));
        assertEquals("$.External.Welcome", voice.at("/Parameters/SSML").asText());
        for (String other : List.of("CHAT", "TASK", "EMAIL")) {
            JsonNode text = actions().get(compare(channel, other));
            assertEquals("$.External.Welcome", text.at("/Parameters/Text").asText(), other);
        }
        for (JsonNode play : List.of(voice, actions().get(compare(channel, "CHAT")))) {
            assertEquals("PlayDefaultWelcome", play.at("/Transitions/Errors/0/NextAction").asText());
        }
    }

    @Test
    void setsTheVoiceFromTheServedLanguageForEveryLanguageTheDialledNumberSamplesServe() {
        String choose = comparing("$.External.servedLanguage");
        assertEquals(choose, targets(actions().get(comparing("$.External.error"))).stream()
                .filter(t -> !t.equals("PlayDefaultWelcome")).findFirst().orElseThrow(),
                "the voice is set once GetConfig answered without an error");
        Map<String, String> voiceByLanguage = Map.of("en-US", "Joanna", "es-US", "Lupe", "cmn-CN", "Zhiyu");
        Set<String> served = new TreeSet<>();
        DynamoDbLocal.sampleConfigs().stream().filter(c -> c.id().startsWith("+"))
                .forEach(c -> c.prompts().values().forEach(byLanguage -> served.addAll(byLanguage.keySet())));
        assertFalse(served.isEmpty());
        for (String language : served) {
            JsonNode setVoice = actions().get(compare(choose, language));
            assertEquals("UpdateContactTextToSpeechVoice", setVoice.get("Type").asText(), language);
            assertEquals(voiceByLanguage.get(language), setVoice.at("/Parameters/TextToSpeechVoice").asText(),
                    language);
            assertEquals(comparing("$.External.Closure"), setVoice.at("/Transitions/NextAction").asText());
        }
        assertEquals("Joanna", actions().get(compare(choose, "de-DE")).at("/Parameters/TextToSpeechVoice").asText(),
                "any other language gets the English voice");
    }
}
