package dev.connectconfig.previewspeech;

import static dev.connectconfig.engines.CloudFormationTemplate.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectconfig.engines.CloudFormationTemplate;
import dev.connectconfig.testing.TemplateContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** template.yaml's promises about PreviewSpeech, checked against the built jar and the code. */
class TemplateContractIT {

    private static final CloudFormationTemplate TEMPLATE = CloudFormationTemplate.load();
    private static final Map<String, Object> FUNCTION = TEMPLATE.properties("PreviewSpeechFunction");

    @Test
    void handlerCodeUriAndEnvironmentMatchTheBuild() {
        assertEquals(Set.of("PreviewSpeechFunction"), TemplateContract.verifyModule("functions/preview-speech"));
        assertTrue(TemplateContract.envReads(Path.of("src/main/java")).containsAll(Set.of("FLOW_CONFIG_TABLE",
                "POLICY_STORE_ID", "CORS_ALLOWED_ORIGIN", "DEFAULT_VOICES")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theFunctionServesExactlyItsRouteOnTheSharedApiBehindItsAuthorizer() {
        Map<String, Map<String, Object>> events = (Map<String, Map<String, Object>>) FUNCTION.get("Events");
        assertEquals(1, events.size());
        Map<String, Object> event = events.values().iterator().next();
        Map<String, Object> properties = (Map<String, Object>) event.get("Properties");

        assertEquals("Api", event.get("Type"));
        assertEquals(Map.of("Ref", "FlowConfigApi"), properties.get("RestApiId"));
        assertNull(properties.get("Auth"), "the route must keep the API's Cognito authorizer");
        assertEquals(PreviewSpeechHandler.ROUTE, properties.get("Method").toString().toUpperCase() + " "
                + properties.get("Path"));
    }

    @Test
    void everyAudioFormatIsABinaryMediaTypeOfTheApi() {
        List<?> binary = (List<?>) TEMPLATE.properties("FlowConfigApi").get("BinaryMediaTypes");

        for (AudioFormat format : AudioFormat.values()) {
            // SAM writes the slash of a media type as ~1.
            assertTrue(binary.contains(format.contentType().replace("/", "~1")), format + " in " + binary);
        }
        assertTrue(binary.stream().noneMatch(type -> type.toString().contains("json")), binary.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void permissionsAreOnlyWhatTheFunctionCalls() {
        List<Map<String, Object>> statements = (List<Map<String, Object>>) ((Map<String, Object>)
                ((List<?>) FUNCTION.get("Policies")).get(0)).get("Statement");
        List<String> actions = new ArrayList<>();
        for (Map<String, Object> statement : statements) {
            Object action = statement.get("Action");
            List<String> list = action instanceof List<?> l ? (List<String>) l : List.of((String) action);
            actions.addAll(list);
            if (list.stream().noneMatch(a -> a.startsWith("polly:"))) {
                assertTrue(statement.get("Resource") instanceof Map<?, ?>, "scoped to a resource: " + statement);
            }
        }

        assertEquals(List.of("dynamodb:GetItem", "verifiedpermissions:IsAuthorized", "polly:SynthesizeSpeech",
                "polly:DescribeVoices"), actions);
        assertEquals(1, ((List<?>) FUNCTION.get("Policies")).size());
    }

    @Test
    void theFunctionStopsBeforeApiGatewayAndLogsWithRetention() {
        assertTrue(((Number) FUNCTION.get("Timeout")).intValue() < 29);
        assertEquals(Map.of("Ref", "PreviewSpeechLogGroup"), at(FUNCTION, "LoggingConfig", "LogGroup"));
        assertEquals(Map.of("Ref", "LogRetentionInDays"),
                TEMPLATE.properties("PreviewSpeechLogGroup").get("RetentionInDays"));
        assertEquals("preview-speech", at(FUNCTION, "Environment", "Variables", "POWERTOOLS_SERVICE_NAME"));
    }

    @Test
    void theDefaultVoicesParameterIsValidByItsOwnPatternAndByTheCode() {
        Map<?, ?> parameter = (Map<?, ?>) at(TEMPLATE.root(), "Parameters", "PreviewSpeechDefaultVoices");
        String defaults = (String) parameter.get("Default");
        Pattern allowed = Pattern.compile((String) parameter.get("AllowedPattern"));

        assertTrue(allowed.matcher(defaults).matches());
        assertTrue(allowed.matcher("").matches());
        assertTrue(allowed.matcher("arb=Zeina,en-GB-WLS=Geraint").matches());
        assertEquals("Joanna", DefaultVoices.parse(defaults).voiceFor("en-US").orElseThrow());
        // CloudFormation refuses what the code would refuse at cold start, so a typo fails the deployment instead.
        for (String bad : List.of("en-US", "en-US=Joanna,", "en-US=Jo anna", "en-US:Joanna")) {
            assertFalse(allowed.matcher(bad).matches(), bad);
            assertFalse(parses(bad), bad);
        }
        assertEquals(Map.of("Ref", "PreviewSpeechDefaultVoices"),
                at(FUNCTION, "Environment", "Variables", "DEFAULT_VOICES"));
    }

    private static boolean parses(String voices) {
        try {
            DefaultVoices.parse(voices);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Test
    void theUrlIsAnOutput() {
        Map<?, ?> output = (Map<?, ?>) at(TEMPLATE.root(), "Outputs", "PreviewSpeechUrl");

        assertTrue(output.get("Value").toString().contains("preview-speech"), output.toString());
    }

    @Test
    void thePollyClientIsInTheJarAndCedarIsNot() throws IOException {
        Path jar = Path.of("target/preview-speech.jar");
        assertTrue(Files.isRegularFile(jar));
        try (JarFile file = new JarFile(jar.toFile())) {
            assertNotNull(file.getEntry("software/amazon/awssdk/services/polly/PollyClient.class"));
            assertTrue(file.stream().noneMatch(e -> e.getName().startsWith("com/cedarpolicy/")));
            assertTrue(file.stream().noneMatch(e -> e.getName().startsWith("org/apache/http/")),
                    "only the url-connection HTTP client belongs in the jar");
        }
    }
}
