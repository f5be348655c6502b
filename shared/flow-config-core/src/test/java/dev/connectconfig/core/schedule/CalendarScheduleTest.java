package dev.connectconfig.core.schedule;

import static dev.connectconfig.core.schedule.ScheduleFixtures.queue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectconfig.core.calendar.CalendarEntry;
import dev.connectconfig.core.calendar.HolidayCalendar;
import dev.connectconfig.core.calendar.HolidayRule;
import dev.connectconfig.core.calendar.Observed;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.render.Channel;
import dev.connectconfig.core.render.FlowConfigRenderer;
import dev.connectconfig.core.validation.FlowConfigValidator;
import dev.connectconfig.core.validation.Violation;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.Month;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Schedules on a shared calendar, and seasonal weekly hours, in the zones callers are in. */
class CalendarScheduleTest {

    private static final HolidayCalendar HOLIDAYS = new HolidayCalendar("holidays", null, List.of(
            new CalendarEntry("Christmas Day", new HolidayRule.Yearly(MonthDay.of(12, 25)), null, null,
                    Observed.NEAREST_WEEKDAY),
            new CalendarEntry("Thanksgiving", new HolidayRule.NthWeekday(Month.NOVEMBER, DayOfWeek.THURSDAY, 4), null,
                    null, Observed.NONE),
            new CalendarEntry("Christmas Eve", new HolidayRule.Yearly(MonthDay.of(12, 24)), LocalTime.of(17, 0),
                    LocalTime.of(23, 0), Observed.NONE)), 1, "t", "u");

    private static FlowConfig closedOn(String zone, String when) {
        return queue(zone, """
                [{"name": "holiday", "when": %s, "set": {"variables": {"open": "false"}}}]""".formatted(when))
                .withCalendars(Map.of("holidays", HOLIDAYS));
    }

    private static ScheduledConfig at(FlowConfig config, String instant) {
        return ScheduledConfig.at(config, Instant.parse(instant));
    }

    @Test
    void aHolidayStartsAtEachZonesOwnMidnight() {
        FlowConfig auckland = closedOn("Pacific/Auckland", "{\"calendar\": \"holidays\"}");
        FlowConfig losAngeles = closedOn("America/Los_Angeles", "{\"calendar\": \"holidays\"}");
        // 2026-12-25T05:00Z: 18:00 on Christmas Day in Auckland (UTC+13), 21:00 on Christmas Eve in Los Angeles.
        assertEquals(List.of("holiday"), at(auckland, "2026-12-25T05:00:00Z").activeNames());
        assertEquals(List.of(), at(losAngeles, "2026-12-24T20:00:00Z").activeNames()); // 12:00 Christmas Eve
        // 2026-12-25T12:00Z: already the 26th in Auckland, 04:00 Christmas Day in Los Angeles.
        assertEquals(List.of(), at(auckland, "2026-12-25T12:00:00Z").activeNames());
        assertEquals(List.of("Christmas Day"), at(losAngeles, "2026-12-25T12:00:00Z").activeEntries());
        assertEquals("false", at(losAngeles, "2026-12-25T12:00:00Z").config().variables().get("open"));
        // Christmas Day ends at the zone's midnight.
        assertEquals(List.of(), at(losAngeles, "2026-12-26T08:00:00Z").activeNames());
        assertEquals(List.of("holiday"), at(losAngeles, "2026-12-26T07:59:59Z").activeNames());
    }

    @Test
    void anObservedDayIsActiveInsteadOfTheWeekendDay() {
        FlowConfig config = closedOn("America/New_York", "{\"calendar\": \"holidays\"}");
        // Christmas 2027 is a Saturday: closed Friday the 24th, open on the 25th.
        assertEquals(List.of("Christmas Day"), at(config, "2027-12-24T15:00:00Z").activeEntries());
        assertEquals(List.of(), at(config, "2027-12-25T15:00:00Z").activeNames());
    }

    @Test
    void namedEntriesOnlyAndATimeRangeWithinTheDay() {
        FlowConfig config = closedOn("America/New_York", "{\"calendar\": \"holidays\", \"entries\": [\"Christmas Eve\"]}");
        assertEquals(List.of(), at(config, "2026-12-24T21:59:59Z").activeNames()); // 16:59 EST
        assertEquals(List.of("Christmas Eve"), at(config, "2026-12-24T22:00:00Z").activeEntries());
        assertEquals(List.of(), at(config, "2026-12-25T15:00:00Z").activeNames()); // Christmas Day not named
        assertEquals(List.of(), at(config, "2026-11-26T15:00:00Z").activeNames()); // nor Thanksgiving
    }

    @Test
    void theResultNamesTheEntryAndTheTimelineCause() {
        FlowConfig config = closedOn("America/New_York", "{\"calendar\": \"holidays\"}");
        var result = FlowConfigRenderer.render(config, "en-US", Channel.VOICE, Instant.parse("2026-11-26T15:00:00Z"));
        assertEquals("Thanksgiving", result.values().get("calendarEntries"));
        assertEquals("holiday", result.values().get("activeSchedules"));
        var quiet = FlowConfigRenderer.render(config, "en-US", Channel.VOICE, Instant.parse("2026-11-27T15:00:00Z"));
        assertEquals("", quiet.values().get("calendarEntries"));
        List<ScheduleCalendar.Occurrence> occurrences = ScheduleCalendar.occurrences(config.schedules().get(0).when(),
                ZoneId.of("America/New_York"), Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2027-01-01T00:00:00Z"));
        assertEquals(List.of("Thanksgiving", "Christmas Eve", "Christmas Day"),
                occurrences.stream().map(ScheduleCalendar.Occurrence::cause).toList());
    }

    @Test
    void aConfigWithoutCalendarsHasNoCalendarEntriesKey() {
        FlowConfig config = queue("UTC", """
                [{"name": "n", "when": {"days": ["MON"], "start": "00:00", "end": "01:00"},
                  "set": {"variables": {"open": "false"}}}]""");
        assertFalse(FlowConfigRenderer.render(config, "en-US", Channel.VOICE, Instant.EPOCH).values()
                .containsKey("calendarEntries"));
    }

    @Test
    void anUnknownCalendarOrEntryIsNamedByItsField() {
        FlowConfig unknown = queue("UTC", """
                [{"name": "h", "when": {"calendar": "nope"}, "set": {"variables": {"open": "false"}}}]""")
                .withCalendars(Map.of());
        assertEquals(List.of("schedules[0].when.calendar"),
                FlowConfigValidator.validate(unknown).stream().map(Violation::field).toList());
        FlowConfig badEntry = closedOn("UTC", "{\"calendar\": \"holidays\", \"entries\": [\"Boxing Day\"]}");
        assertEquals(List.of("schedules[0].when.entries[0]"),
                FlowConfigValidator.validate(badEntry).stream().map(Violation::field).toList());
        assertTrue(FlowConfigValidator.validate(closedOn("UTC", "{\"calendar\": \"holidays\"}")).isEmpty());
    }

    @Test
    void summerHoursHoldOnlyInTheirSeasonAndTheirYears() {
        FlowConfig summer = queue("Europe/Paris", """
                [{"name": "summer", "when": {"days": ["SAT"], "start": "09:00", "end": "12:00",
                  "season": {"from": "06-01", "to": "08-31"}}, "set": {"variables": {"open": "false"}}}]""");
        assertEquals(List.of("summer"), at(summer, "2026-06-06T08:00:00Z").activeNames()); // Sat 10:00 CEST
        assertEquals(List.of(), at(summer, "2026-05-30T08:00:00Z").activeNames());
        assertEquals(List.of(), at(summer, "2026-09-05T08:00:00Z").activeNames());
        FlowConfig winter2026 = queue("Europe/Paris", """
                [{"name": "winter", "when": {"days": ["SAT"], "start": "09:00", "end": "12:00",
                  "season": {"from": "11-15", "to": "02-15", "years": [2026]}},
                  "set": {"variables": {"open": "false"}}}]""");
        assertEquals(List.of("winter"), at(winter2026, "2026-01-10T09:00:00Z").activeNames());
        assertEquals(List.of("winter"), at(winter2026, "2026-12-05T09:00:00Z").activeNames());
        assertEquals(List.of(), at(winter2026, "2027-01-09T09:00:00Z").activeNames());
        assertEquals(List.of(), at(winter2026, "2026-03-07T09:00:00Z").activeNames());
    }

    @Test
    void theSizeRuleCountsEveryEntryNameACalendarCanServe() {
        FlowConfig config = closedOn("UTC", "{\"calendar\": \"holidays\"}");
        assertEquals(List.of("Christmas Day", "Thanksgiving", "Christmas Eve"),
                ScheduledConfig.largest(config).activeEntries());
    }

    @Test
    void calendarAndSeasonSchedulesWriteBackAsTheyWereRead() throws Exception {
        String schedules = """
                [{"name":"holiday","when":{"calendar":"holidays","entries":["Thanksgiving"]},
                  "set":{"variables":{"open":"false"}}},
                 {"name":"summer","when":{"days":["SAT"],"start":"09:00","end":"12:00",
                  "season":{"from":"06-01","to":"08-31","years":[2026,2027]}},"set":{"variables":{"open":"false"}}}]""";
        FlowConfig config = queue("UTC", schedules);
        assertEquals(dev.connectconfig.core.json.FlowConfigJson.MAPPER.readTree(schedules),
                dev.connectconfig.core.json.ScheduleJson.toJson(config.schedules()));
    }

    @Test
    void aBrokenSeasonOrCalendarReferenceIsNamedByItsField() {
        List<Violation> problems = ScheduleFixtures.parseProblems("""
                {"id": "q", "variables": {"open": "true"}, "schedules": [
                  {"name": "a", "when": {"days": ["SAT"], "start": "09:00", "end": "12:00",
                   "season": {"from": "13-01", "to": "08-31", "years": [1999]}}, "set": {"variables": {"open": "false"}}},
                  {"name": "b", "when": {"calendar": "no#hash", "entries": []}, "set": {"variables": {"open": "false"}}}]}
                """);
        assertEquals(List.of("schedules[0].when.season.from", "schedules[0].when.season.years[0]",
                "schedules[1].when.calendar", "schedules[1].when.entries"),
                problems.stream().map(Violation::field).toList());
    }
}
