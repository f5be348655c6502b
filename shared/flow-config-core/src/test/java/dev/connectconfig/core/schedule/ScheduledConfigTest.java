package dev.connectconfig.core.schedule;

import static dev.connectconfig.core.schedule.ScheduleFixtures.queue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.render.Channel;
import dev.connectconfig.core.render.FlowConfigRenderer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScheduledConfigTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static ScheduledConfig at(FlowConfig config, String instant) {
        return ScheduledConfig.at(config, Clock.fixed(Instant.parse(instant), ZoneId.of("UTC")).instant());
    }

    private static String open(FlowConfig config, String instant) {
        return at(config, instant).config().variables().get("open");
    }

    private static final String CLOSED_WINDOW = """
            [{"name": "closed", "when": {"from": "%s", "to": "%s"}, "set": {"variables": {"open": "false"}}}]""";

    @Test
    void aWindowAtTheSkippedHalfHourOfSpringForwardStartsWhenTheClocksJump() {
        // 2026-03-08 in New York: 02:00 EST becomes 03:00 EDT (07:00Z); 02:30 never shows on the clock.
        FlowConfig config = queue("America/New_York", CLOSED_WINDOW.formatted("2026-03-08T02:30", "2026-03-08T05:00"));

        assertEquals("true", open(config, "2026-03-08T06:59:59Z"));
        assertEquals("false", open(config, "2026-03-08T07:00:00Z"));
        assertEquals("false", open(config, "2026-03-08T08:59:59Z"));
        assertEquals("true", open(config, "2026-03-08T09:00:00Z"));
    }

    @Test
    void aWeeklyRangeOverTheFallBackHourLastsBothPassesOfIt() {
        // 2026-11-01 in New York: 02:00 EDT becomes 01:00 EST (06:00Z); 01:00-02:00 shows twice.
        FlowConfig config = queue("America/New_York", """
                [{"name": "night", "when": {"days": ["SUN"], "start": "01:00", "end": "02:00"},
                  "set": {"variables": {"open": "false"}}}]""");

        assertEquals("true", open(config, "2026-11-01T04:59:59Z"));
        assertEquals("false", open(config, "2026-11-01T05:00:00Z")); // 01:00 EDT
        assertEquals("false", open(config, "2026-11-01T06:30:00Z")); // 01:30 EST, the second pass
        assertEquals("true", open(config, "2026-11-01T07:00:00Z")); // 02:00 EST
        // An ordinary Sunday: one hour.
        assertEquals("false", open(config, "2026-11-08T06:00:00Z"));
        assertEquals("true", open(config, "2026-11-08T07:00:00Z"));
    }

    @Test
    void aWeeklyRangeThatCrossesMidnightRunsIntoTheNextDay() {
        FlowConfig config = queue("Europe/Paris", """
                [{"name": "afterHours", "when": {"days": ["FRI"], "start": "18:00", "end": "08:00"},
                  "set": {"variables": {"open": "false"}}}]""");
        // Paris is UTC+1 in January. Friday 2027-01-08.
        assertEquals("true", open(config, "2027-01-08T16:59:59Z"));
        assertEquals("false", open(config, "2027-01-08T17:00:00Z"));
        assertEquals("false", open(config, "2027-01-09T01:00:00Z")); // Saturday 02:00
        assertEquals("false", open(config, "2027-01-09T06:59:59Z"));
        assertEquals("true", open(config, "2027-01-09T07:00:00Z")); // Saturday 08:00
        assertEquals("true", open(config, "2027-01-07T20:00:00Z")); // Thursday evening is not listed
    }

    @Test
    void aWindowRunsAcrossTheNewYear() {
        FlowConfig config = queue("America/New_York", CLOSED_WINDOW.formatted("2026-12-31T18:00", "2027-01-02T08:00"));

        assertEquals("true", open(config, "2026-12-31T22:59:59Z"));
        assertEquals("false", open(config, "2027-01-01T12:00:00Z"));
        assertEquals("false", open(config, "2027-01-02T12:59:59Z"));
        assertEquals("true", open(config, "2027-01-02T13:00:00Z"));
    }

    @Test
    void aLeapDayIsItsOwnWholeDay() {
        FlowConfig config = queue(null, """
                [{"name": "leap", "when": {"dates": ["2028-02-29"]}, "set": {"variables": {"open": "false"}}}]""");

        assertEquals("true", open(config, "2028-02-28T23:59:59Z"));
        assertEquals("false", open(config, "2028-02-29T00:00:00Z"));
        assertEquals("false", open(config, "2028-02-29T23:59:59Z"));
        assertEquals("true", open(config, "2028-03-01T00:00:00Z"));
    }

    @Test
    void aDateWithATimeRangeIsActiveOnlyThen() {
        FlowConfig config = queue("America/New_York", """
                [{"name": "eve", "when": {"dates": [{"date": "2026-12-24", "start": "17:00", "end": "23:00"}]},
                  "set": {"variables": {"open": "false"}}}]""");

        assertEquals("true", open(config, "2026-12-24T21:59:59Z"));
        assertEquals("false", open(config, "2026-12-24T22:00:00Z"));
        assertEquals("true", open(config, "2026-12-25T04:00:00Z"));
    }

    @Test
    void theEarlierScheduleWinsPerKeyAndBothAreNamedInListOrder() {
        FlowConfig config = queue("UTC", """
                [{"name": "holiday", "when": {"dates": ["2026-12-25"]},
                  "set": {"variables": {"Message": "Merry Christmas"},
                          "prompts": {"Welcome": {"en-US": {"voice": "<speak>Closed today</speak>"}}}}},
                 {"name": "afterHours", "when": {"days": ["FRI"], "start": "00:00", "end": "00:00"},
                  "set": {"variables": {"open": "false", "Message": "We are closed"},
                          "prompts": {"Welcome": {"en-US": {"voice": "<speak>After hours</speak>",
                                                            "chat": "After hours chat"}}}}}]""");
        // 2026-12-25 is a Friday: both are active.
        ScheduledConfig both = at(config, "2026-12-25T12:00:00Z");

        assertEquals(List.of("holiday", "afterHours"), both.activeNames());
        assertEquals("Merry Christmas", both.config().variables().get("Message"));
        assertEquals("false", both.config().variables().get("open"));
        assertEquals("<speak>Closed today</speak>", both.config().prompts().get("Welcome").get("en-US").voice());
        assertEquals("After hours chat", both.config().prompts().get("Welcome").get("en-US").chat());

        ScheduledConfig friday = at(config, "2027-01-01T12:00:00Z");
        assertEquals(List.of("afterHours"), friday.activeNames());
        assertEquals("We are closed", friday.config().variables().get("Message"));
    }

    @Test
    void anEmergencyWithoutAnEndStaysActive() {
        FlowConfig config = queue("UTC", """
                [{"name": "emergency", "when": {"from": "2026-12-01T05:00"},
                  "set": {"variables": {"open": "false"}}}]""");

        assertEquals("true", open(config, "2026-12-01T04:59:59Z"));
        assertEquals("false", open(config, "2026-12-01T05:00:00Z"));
        assertEquals("false", open(config, "2099-01-01T00:00:00Z"));
    }

    @Test
    void aScheduleWithoutAZoneUsesTheConfigsAndThenUtc() {
        String schedule = CLOSED_WINDOW.formatted("2026-07-01T09:00", "2026-07-01T10:00");

        assertEquals("false", open(queue("America/New_York", schedule), "2026-07-01T13:30:00Z"));
        assertEquals("true", open(queue(null, schedule), "2026-07-01T13:30:00Z"));
        assertEquals("false", open(queue(null, schedule), "2026-07-01T09:30:00Z"));
    }

    @Test
    void theResultNamesTheActiveSchedulesAndIsEmptyWhenNone() {
        FlowConfig config = queue("UTC", CLOSED_WINDOW.formatted("2026-07-01T09:00", "2026-07-01T10:00"));

        Map<String, String> during = FlowConfigRenderer.render(config, "en-US", Channel.VOICE,
                Instant.parse("2026-07-01T09:00:00Z")).values();
        Map<String, String> after = FlowConfigRenderer.render(config, "en-US", Channel.VOICE,
                Instant.parse("2026-07-01T10:00:00Z")).values();

        assertEquals("closed", during.get("activeSchedules"));
        assertEquals("false", during.get("open"));
        assertEquals("", after.get("activeSchedules"));
        assertEquals("true", after.get("open"));
        assertEquals(during.keySet(), after.keySet());
    }

    @Test
    void theTimelineJoinsConsecutiveHolidaysAndReadsInLocalTime() {
        FlowConfig config = queue("America/New_York", """
                [{"name": "christmas", "when": {"dates": ["2026-12-25", "2026-12-26", "2027-01-01"]},
                  "set": {"variables": {"open": "false"}}}]""");
        Instant from = Instant.parse("2026-12-20T00:00:00Z");

        List<ScheduleCalendar.Occurrence> occurrences = ScheduleCalendar.joined(ScheduleCalendar.occurrences(
                config.schedules().get(0).when(), NEW_YORK, from, from.plusSeconds(31L * 86_400)));

        assertEquals(2, occurrences.size());
        assertEquals(ZonedDateTime.parse("2026-12-25T00:00-05:00[America/New_York]").toInstant(),
                occurrences.get(0).start());
        assertEquals(ZonedDateTime.parse("2026-12-27T00:00-05:00[America/New_York]").toInstant(),
                occurrences.get(0).end());
        assertEquals(Instant.parse("2027-01-01T05:00:00Z"), occurrences.get(1).start());
    }
}
