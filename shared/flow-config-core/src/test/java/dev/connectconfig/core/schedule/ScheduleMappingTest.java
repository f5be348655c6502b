package dev.connectconfig.core.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.connectconfig.core.json.FlowConfigJson;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.store.FlowConfigItems;
import dev.connectconfig.core.validation.Violation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleMappingTest {

    private static final FlowConfig CONFIG = ScheduleFixtures.queue("America/New_York", """
            [{"name": "christmas", "description": "Closed", "timeZone": "Europe/Paris",
              "when": {"dates": ["2026-12-25", {"date": "2026-12-24", "start": "17:00", "end": "23:30"}]},
              "set": {"variables": {"open": "false"}, "prompts": {"Welcome": {"en-US": {"chat": "Closed"}}}}},
             {"name": "afterHours", "when": {"days": ["FRI", "MON"], "start": "18:00", "end": "08:00"},
              "set": {"prompts": {"Welcome": {"en-US": {"voice": "<speak>Closed</speak>"}}}}},
             {"name": "emergency", "when": {"from": "2026-12-01T05:00:30"}, "set": {"variables": {"open": "false"}}},
             {"name": "window", "when": {"from": "2026-12-01T05:00", "to": "2026-12-02T05:00"},
              "set": {"variables": {"open": "false"}}}]""");

    @Test
    void schedulesAndTheTimeZoneSurviveTheDynamoDbItemRoundTrip() {
        assertEquals(4, CONFIG.schedules().size());
        assertEquals(CONFIG, FlowConfigItems.fromItem(FlowConfigItems.toItem(CONFIG)));
    }

    @Test
    void schedulesAndTheTimeZoneSurviveTheJsonRoundTrip() {
        List<Violation> violations = new ArrayList<>();

        FlowConfig back = FlowConfigJson.fromJson(FlowConfigJson.toJson(CONFIG), violations);

        assertEquals(List.of(), violations);
        assertEquals(CONFIG.schedules(), back.schedules());
        assertEquals("America/New_York", back.timeZone());
    }
}
