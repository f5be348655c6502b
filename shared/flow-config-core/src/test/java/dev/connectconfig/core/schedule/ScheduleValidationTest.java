package dev.connectconfig.core.schedule;

import static dev.connectconfig.core.schedule.ScheduleFixtures.parseProblems;
import static dev.connectconfig.core.schedule.ScheduleFixtures.queue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.render.Channel;
import dev.connectconfig.core.render.FlowConfigRenderer;
import dev.connectconfig.core.render.ResultJson;
import dev.connectconfig.core.validation.FlowConfigValidator;
import dev.connectconfig.core.validation.Violation;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleValidationTest {

    private static final String HOLIDAY = """
            {"name": "%s", "when": {"dates": ["2026-12-25"]}, "set": {"variables": {"open": "false"}}}""";

    private static List<String> fields(FlowConfig config) {
        return FlowConfigValidator.validate(config).stream().map(Violation::field).toList();
    }

    @Test
    void aHolidayAndAWeeklyMessageAreValid() {
        FlowConfig config = queue("America/New_York", "[" + HOLIDAY.formatted("christmas") + ","
                + """
                {"name": "afterHours", "description": "Weeknights", "timeZone": "Europe/Paris",
                 "when": {"days": ["MON", "tuesday"], "start": "18:00", "end": "08:00"},
                 "set": {"prompts": {"Welcome": {"en-US": {"chat": "We open at 8"}}}}}]""");

        assertEquals(List.of(), FlowConfigValidator.validate(config));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Mars/Olympus", "EST+5", "+01:00", "america/new_york", ""})
    void unknownTimeZonesAreRefusedByField(String zone) {
        FlowConfig config = queue(zone, "[" + HOLIDAY.formatted("a").replace("\"when\"",
                "\"timeZone\": \"" + zone + "\", \"when\"") + "]");

        assertEquals(List.of("timeZone", "schedules[0].timeZone"), fields(config));
    }

    @Test
    void aWindowThatEndsBeforeItStartsNamesTheField() {
        FlowConfig config = queue(null, "[" + HOLIDAY.formatted("a") + "," + HOLIDAY.formatted("b") + ","
                + """
                {"name": "c", "when": {"from": "2026-12-26T08:00", "to": "2026-12-24T17:00"},
                 "set": {"variables": {"open": "false"}}}]""");

        assertEquals(List.of("schedules[2].when.to"), fields(config));
    }

    @ParameterizedTest
    @ValueSource(strings = {"activeSchedules", "error", "configVersion", "stale", "1st", "has space"})
    void scheduleNamesThatCollideWithResultKeysOrAreNoNamesAreRefused(String name) {
        FlowConfig config = queue(null, "[" + HOLIDAY.formatted(name) + "]");

        assertEquals(List.of("schedules[0].name"), fields(config));
    }

    @Test
    void aVariableNamedActiveSchedulesIsRefusedLikeTheOtherResultKeys() {
        FlowConfig config = ScheduleFixtures.parse("""
                {"id": "q", "description": "d", "variables": {"activeSchedules": "x"}}""");

        assertEquals(List.of("variables.activeSchedules"), fields(config));
    }

    @Test
    void tenThousandDatesAreRefusedWithoutReadingThem() {
        StringJoiner dates = new StringJoiner(",", "[", "]");
        for (int i = 0; i < 10_000; i++) {
            dates.add("\"" + java.time.LocalDate.of(2026, 1, 1).plusDays(i) + "\"");
        }
        String json = """
                {"id": "q", "description": "d", "variables": {"open": "true"},
                 "schedules": [{"name": "h", "when": {"dates": %s}, "set": {"variables": {"open": "false"}}}]}"""
                .formatted(dates);

        List<Violation> problems = parseProblems(json);

        assertEquals(List.of("schedules[0].when.dates"), problems.stream().map(Violation::field).toList());
        assertTrue(problems.get(0).message().contains("1000"), problems.get(0).message());
    }

    @Test
    void malformedTimesDaysAndFieldsAreNamed() {
        String json = """
                {"id": "q", "description": "d", "variables": {"open": "true"},
                 "schedules": [
                   {"name": "a", "when": {"from": "2026-12-24 17:00", "to": "tomorrow"}, "set": {"variables": {}}},
                   {"name": "b", "when": {"days": ["MON", "Funday"], "start": "25:00", "end": "08:00"},
                    "set": {"variables": {"open": 1}}},
                   {"name": "c", "when": {"dates": ["2026-02-30", {"date": "2026-12-24", "start": "17:00"}]},
                    "set": {"variables": {"open": "false"}}, "colour": "red"}]}""";

        assertEquals(List.of("schedules[0].when.from", "schedules[0].when.to", "schedules[1].when.days[1]",
                "schedules[1].when.start", "schedules[1].set.variables.open", "schedules[2].when.dates[0]",
                "schedules[2].when.dates[1].end", "schedules[2].colour"),
                parseProblems(json).stream().map(Violation::field).sorted(ScheduleValidationTest::bySchedule)
                        .toList());
    }

    /** Violations of one schedule keep their order; schedules in list order. */
    private static int bySchedule(String a, String b) {
        int order = a.substring(0, 12).compareTo(b.substring(0, 12));
        return order != 0 || !a.endsWith("colour") && !b.endsWith("colour") ? order : a.endsWith("colour") ? 1 : -1;
    }

    @Test
    void aScheduleSetsOnlyExistingNamesAndLanguagesWithValuesTheSchemaAccepts() {
        FlowConfig config = queue(null, """
                [{"name": "a", "when": {"dates": ["2026-12-25"]},
                  "set": {"variables": {"open": "maybe", "NewVariable": "x"},
                          "prompts": {"Welcome": {"fr-CA": {"voice": "Bonjour"}, "en-US": {"voice": "<speak>x"}},
                                      "NewPrompt": {"en-US": {"voice": "x"}}}}},
                 {"name": "a", "when": {"dates": ["2026-12-25"]}, "set": {}}]""");

        assertEquals(List.of("schedules[0].set.variables.open", "schedules[0].set.variables.NewVariable",
                "schedules[0].set.prompts.Welcome.fr-CA", "schedules[0].set.prompts.Welcome.en-US.voice",
                "schedules[0].set.prompts.NewPrompt", "schedules[1].name", "schedules[1].set"), fields(config));
    }

    @Test
    void theSizeGuardCountsTheLongestTextAnyCombinationOfSchedulesCanServe() {
        // Each schedule alone fits; the base fits; together (one's variable, the other's prompt) they do not.
        String half = "x".repeat(16 * 1024);
        FlowConfig config = queue(null, """
                [{"name": "a", "when": {"dates": ["2026-12-25"]}, "set": {"variables": {"Message": "%s"}}},
                 {"name": "b", "when": {"days": ["FRI"], "start": "00:00", "end": "00:00"},
                  "set": {"prompts": {"Welcome": {"en-US": {"voice": "%s"}}}}}]""".formatted(half, half));

        List<Violation> problems = FlowConfigValidator.validate(config);

        assertEquals(List.of("schedules"), problems.stream().map(Violation::field).toList());
        assertTrue(problems.get(0).message().contains("while schedules are active"), problems.get(0).message());
        assertEquals(List.of(), FlowConfigValidator.validate(queue(null, """
                [{"name": "a", "when": {"dates": ["2026-12-25"]}, "set": {"variables": {"Message": "%s"}}}]"""
                .formatted(half))));
    }

    @Test
    void theSizeGuardCountsEveryScheduleNameInActiveSchedules() {
        // A base just under the limit without schedules is refused once fifty long names could be listed.
        StringJoiner schedules = new StringJoiner(",", "[", "]");
        for (int i = 0; i < 50; i++) {
            schedules.add(HOLIDAY.formatted("s" + i + "_" + "n".repeat(60)));
        }
        String json = """
                {"id": "q", "description": "d", "variables": {"open": "true", "Message": "%s"},
                 "schedules": %s}""";
        FlowConfig empty = ScheduleFixtures.parse(json.formatted("", schedules));
        int namesBytes = String.join(",", empty.schedules().stream().map(s -> s.name()).toList()).length();
        int ownBytes = FlowConfigRenderer.render(empty, null, Channel.VOICE).sizeBytes();
        // 10 bytes over the limit with every name listed; far under it with none.
        String filler = "y".repeat(ResultJson.CONNECT_LIMIT_BYTES - 64 - ownBytes - namesBytes + 10);
        FlowConfig big = ScheduleFixtures.parse(json.formatted(filler, schedules));

        assertEquals(List.of(), FlowConfigValidator.validate(big.withSchedules(List.of())));
        assertEquals(List.of("schedules"), fields(big));
    }
}
