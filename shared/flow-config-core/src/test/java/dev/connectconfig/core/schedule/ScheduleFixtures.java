package dev.connectconfig.core.schedule;

import dev.connectconfig.core.json.FlowConfigJson;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.validation.Violation;
import java.util.ArrayList;
import java.util.List;

/** Configs written as the JSON an author sends, so the tests read like the docs. */
final class ScheduleFixtures {

    private ScheduleFixtures() {
    }

    /** A queue with an {@code open} flag, a {@code Message} variable and a {@code Welcome} prompt. */
    static FlowConfig queue(String timeZone, String schedulesJson) {
        String json = """
                {"id": "main-queue", "description": "Main queue",
                 "variables": {"open": "true", "Message": "Welcome"},
                 "schema": {"open": {"type": "boolean"}, "Message": {"type": "text"}},
                 "prompts": {"Welcome": {"en-US": {"voice": "<speak>Hello</speak>", "chat": "Hello"}}},
                 %s "schedules": %s}
                """.formatted(timeZone == null ? "" : "\"timeZone\": \"" + timeZone + "\",", schedulesJson);
        return parse(json);
    }

    static FlowConfig parse(String json) {
        List<Violation> violations = new ArrayList<>();
        try {
            FlowConfig config = FlowConfigJson.fromJson(FlowConfigJson.MAPPER.readTree(json), violations);
            if (!violations.isEmpty()) {
                throw new AssertionError("fixture does not parse: " + violations);
            }
            return config;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    static List<Violation> parseProblems(String json) {
        List<Violation> violations = new ArrayList<>();
        try {
            FlowConfigJson.fromJson(FlowConfigJson.MAPPER.readTree(json), violations);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
        return violations;
    }
}
