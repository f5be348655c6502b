package dev.connectconfig.flowconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.connectconfig.api.auth.FlowConfigAction;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.model.PromptText;
import dev.connectconfig.core.model.Schedule;
import dev.connectconfig.core.model.ScheduleWhen;
import dev.connectconfig.core.model.VariableDefinition;
import dev.connectconfig.core.model.VariableType;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ConfigChangeTest {

    private static final FlowConfig STORED = new FlowConfig("main-queue", "Main queue",
            Map.of("Closure", "false", "Reason", "none"),
            Map.of("Closure", VariableDefinition.of(VariableType.BOOLEAN), "Reason", VariableDefinition.of(
                    VariableType.TEXT)),
            Map.of("Welcome", Map.of("en-US", new PromptText("<speak>Hi</speak>", null))), "en-US", 4, "t", "u");

    private static FlowConfig with(UnaryOperator<Map<String, Object>> change) {
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("description", STORED.description());
        parts.put("variables", STORED.variables());
        parts.put("schema", STORED.schema());
        parts.put("prompts", STORED.prompts());
        parts.put("defaultLanguage", STORED.defaultLanguage());
        change.apply(parts);
        @SuppressWarnings("unchecked")
        FlowConfig config = new FlowConfig("main-queue", (String) parts.get("description"),
                (Map<String, String>) parts.get("variables"), (Map<String, VariableDefinition>) parts.get("schema"),
                (Map<String, Map<String, PromptText>>) parts.get("prompts"), (String) parts.get("defaultLanguage"),
                0, null, null);
        return config;
    }

    @Test
    void sameContentIsNoChangeWhateverTheBookkeepingOrOrder() {
        FlowConfig reordered = with(p -> {
            p.put("variables", new LinkedHashMap<>(Map.of("Reason", "none", "Closure", "false")));
            return p;
        });

        assertEquals(ConfigChange.NONE, ConfigChange.between(STORED, reordered));
    }

    @Test
    void newValuesAndPromptTextsAreAValueChange() {
        FlowConfig values = with(p -> {
            p.put("variables", Map.of("Closure", "true", "Reason", "fire alarm"));
            p.put("prompts", Map.of("Welcome", Map.of("en-US", new PromptText("We are closed.", "Closed."))));
            return p;
        });

        assertEquals(ConfigChange.VALUES, ConfigChange.between(STORED, values));
        assertEquals(FlowConfigAction.UPDATE_VALUES, ConfigChange.between(STORED, values).action());
    }

    @Test
    void anythingElseIsAStructuralChange() {
        Map<String, UnaryOperator<Map<String, Object>>> changes = Map.of(
                "added variable", p -> put(p, "variables", Map.of("Closure", "false", "Reason", "none", "X", "1")),
                "removed variable", p -> put(p, "variables", Map.of("Closure", "false")),
                "schema", p -> put(p, "schema", Map.of("Closure", VariableDefinition.of(VariableType.TEXT),
                        "Reason", VariableDefinition.of(VariableType.TEXT))),
                "added language", p -> put(p, "prompts", Map.of("Welcome", Map.of(
                        "en-US", new PromptText("<speak>Hi</speak>", null), "es-US", PromptText.voice("Hola")))),
                "added prompt", p -> put(p, "prompts", Map.of("Welcome", STORED.prompts().get("Welcome"),
                        "Bye", Map.of("en-US", PromptText.voice("Bye")))),
                "description", p -> put(p, "description", "Main queue (new)"),
                "default language", p -> put(p, "defaultLanguage", "es-US"));

        changes.forEach((name, change) -> {
            assertEquals(ConfigChange.STRUCTURE, ConfigChange.between(STORED, with(change)), name);
            assertEquals(FlowConfigAction.UPDATE_STRUCTURE, ConfigChange.between(STORED, with(change)).action());
        });
    }

    private static Map<String, Object> put(Map<String, Object> parts, String key, Object value) {
        parts.put(key, value);
        return parts;
    }

    @Test
    void addingReorderingOrRemovingSchedulesOrSettingATimeZoneIsAValueChange() {
        Schedule holiday = new Schedule("holiday", null, null, new ScheduleWhen.Dates(List.of(
                new ScheduleWhen.ScheduledDate(LocalDate.of(2026, 12, 25), null, null))), Map.of("Closure", "true"),
                Map.of());
        Schedule night = new Schedule("night", null, null, new ScheduleWhen.Weekly(Set.of(DayOfWeek.FRIDAY),
                LocalTime.of(18, 0), LocalTime.of(8, 0)), Map.of("Reason", "closed"), Map.of());
        FlowConfig both = STORED.withSchedules(List.of(holiday, night));
        FlowConfig reordered = STORED.withSchedules(List.of(night, holiday));
        FlowConfig zoned = new FlowConfig(STORED.id(), STORED.description(), STORED.variables(), STORED.schema(),
                STORED.prompts(), STORED.defaultLanguage(), 4, "t", "u", "Europe/Paris", List.of());

        assertEquals(ConfigChange.VALUES, ConfigChange.between(STORED, both));
        assertEquals(ConfigChange.VALUES, ConfigChange.between(both, reordered));
        assertEquals(ConfigChange.VALUES, ConfigChange.between(both, STORED));
        assertEquals(ConfigChange.VALUES, ConfigChange.between(STORED, zoned));
        assertEquals(FlowConfigAction.UPDATE_VALUES, ConfigChange.between(STORED, both).action());
        assertEquals(ConfigChange.NONE, ConfigChange.between(both, STORED.withSchedules(List.of(holiday, night))));
    }
}
