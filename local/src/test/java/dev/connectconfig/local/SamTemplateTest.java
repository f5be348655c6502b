package dev.connectconfig.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectconfig.engines.CloudFormationTemplate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SamTemplateTest {

    private static SamTemplate template(CloudFormationTemplate cloudFormation) {
        return new SamTemplate(cloudFormation, new TemplateValues(cloudFormation, Map.of()));
    }

    @Test
    void routesAreTheFlowConfigApiEventsOfTheTemplate() {
        List<SamTemplate.ApiRoute> routes = template(CloudFormationTemplate.load()).routes();
        assertTrue(routes.contains(new SamTemplate.ApiRoute("GET", "/flow-configs/{id}", "FlowConfigFunction",
                "GetFlowConfig", "FlowConfigApi")), routes.toString());
        assertTrue(routes.contains(new SamTemplate.ApiRoute("POST", "/flow-configs/{id}/preview",
                "FlowConfigFunction", "PreviewFlowConfig", "FlowConfigApi")), routes.toString());
        assertTrue(routes.stream().allMatch(route -> route.restApiId().equals("FlowConfigApi")));
    }

    /** PreviewSpeech lands after this runner: its route and function must appear with no change here. */
    @Test
    @SuppressWarnings("unchecked")
    void aFunctionAddedToTheTemplateGetsItsRoutes() {
        CloudFormationTemplate cloudFormation = CloudFormationTemplate.load();
        Map<String, Object> event = Map.of("Type", "Api", "Properties", Map.of("RestApiId",
                Map.of("Ref", "FlowConfigApi"), "Path", "/preview-speech", "Method", "post"));
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("CodeUri", "functions/preview-speech/target/preview-speech.jar");
        properties.put("Handler", "dev.connectconfig.previewspeech.PreviewSpeechHandler::handleRequest");
        properties.put("Environment", Map.of("Variables", Map.of("POWERTOOLS_SERVICE_NAME", "preview-speech")));
        properties.put("Events", Map.of("PreviewSpeech", event, "Nightly", Map.of("Type", "Schedule")));
        cloudFormation.resources().put("PreviewSpeechFunction",
                Map.of("Type", SamTemplate.FUNCTION_TYPE, "Properties", properties));

        SamTemplate template = template(cloudFormation);
        assertTrue(template.routes().contains(new SamTemplate.ApiRoute("POST", "/preview-speech",
                "PreviewSpeechFunction", "PreviewSpeech", "FlowConfigApi")), template.routes().toString());
        SamTemplate.LambdaFunction function = template.function("preview-speech").orElseThrow();
        assertEquals("PreviewSpeechFunction", function.logicalId());
        assertEquals("functions/preview-speech", function.module());
        assertEquals(30, function.timeoutSeconds(), "Globals' Timeout");
        assertEquals(1024, function.memoryMb(), "Globals' MemorySize");
    }

    @Test
    void functionsAreFoundByLogicalIdShortNameOrModule() {
        SamTemplate template = template(CloudFormationTemplate.load());
        for (String name : List.of("GetConfigFunction", "GetConfig", "get-config", "getconfig")) {
            assertEquals("GetConfigFunction", template.function(name).orElseThrow().logicalId(), name);
        }
        assertTrue(template.function("NoSuchFunction").isEmpty());
        assertEquals(5, template.function("GetConfigFunction").orElseThrow().timeoutSeconds());
    }

    @Test
    void corsAndGatewayResponsesAreTheApisOwn() {
        SamTemplate template = template(CloudFormationTemplate.load());
        SamTemplate.Cors cors = template.cors("FlowConfigApi").orElseThrow();
        assertEquals(new SamTemplate.Cors("*", "GET,PUT,POST,DELETE,OPTIONS",
                "Authorization,Content-Type,If-Match,If-None-Match", "600"), cors);
        assertEquals("*", template.gatewayResponseOrigin("FlowConfigApi"));
        // SAM's ~1 for the slash, decoded: the media types the runner matches an Accept header against.
        assertEquals(List.of("audio/mpeg", "audio/ogg", "audio/pcm"), template.binaryMediaTypes("FlowConfigApi"));
    }
}
