package dev.connectconfig.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.connectconfig.core.json.FlowConfigJson;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.store.FlowConfigItems;
import dev.connectconfig.core.validation.Violation;
import dev.connectconfig.core.SampleFlowConfigs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowConfigMappingTest {

    @Test
    void everySampleSurvivesTheDynamoDbItemRoundTrip() {
        for (FlowConfig sample : SampleFlowConfigs.all()) {
            assertEquals(sample, FlowConfigItems.fromItem(FlowConfigItems.toItem(sample)));
        }
    }

    @Test
    void everySampleSurvivesTheJsonRoundTrip() {
        for (FlowConfig sample : SampleFlowConfigs.all()) {
            List<Violation> violations = new ArrayList<>();
            FlowConfig back = FlowConfigJson.fromJson(FlowConfigJson.toJson(sample), violations);
            assertEquals(List.of(), violations);
            assertEquals(sample.withBookkeeping(sample.version(), null, null).prompts(), back.prompts());
            assertEquals(sample.variables(), back.variables());
            assertEquals(sample.schema(), back.schema());
        }
    }

    @Test
    void unknownFieldsAndWrongTypesAreNamedNotDropped() throws Exception {
        JsonNode json = FlowConfigJson.MAPPER.readTree("""
                {"id": "q", "description": 5, "colour": "red",
                 "variables": {"Open": true},
                 "schema": {"Open": {"type": "flag"}},
                 "prompts": {"Hi": {"en-US": {"voice": "hi", "volume": 11}}}}
                """);
        List<Violation> violations = new ArrayList<>();

        FlowConfigJson.fromJson(json, violations);

        List<String> fields = violations.stream().map(Violation::field).toList();
        assertTrue(fields.containsAll(List.of("colour", "description", "variables.Open", "schema.Open.type",
                "prompts.Hi.en-US.volume")), fields.toString());
        assertEquals(5, violations.size(), violations.toString());
    }
}
