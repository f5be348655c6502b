package dev.connectconfig.flowconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.connectconfig.core.json.FlowConfigJson;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.model.PromptText;
import dev.connectconfig.core.model.Schedule;
import dev.connectconfig.core.model.ScheduleWhen;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The list status: summarised at a write, evaluated at a request, with the schedule code GetConfig runs. */
class ListStatusTest {

    /** Written on a Wednesday morning in New York. */
    private static final Instant WRITTEN = Instant.parse("2026-12-02T14:00:00Z");

    private static FlowConfig config(String closure, String timeZone, Schedule... schedules) {
        return new FlowConfig("main-queue", "Main", closure == null ? Map.of("RoutingMode", "normal")
                : Map.of("Closure", closure, "RoutingMode", "normal"), Map.of(),
                Map.of("Welcome", Map.of("en-US", PromptText.voice("<speak>Hello</speak>"))), "en-US", 3,
                WRITTEN.toString(), "ana", timeZone, List.of(schedules));
    }

    private static Schedule afterHours() {
        return new Schedule("after-hours", "Evenings", null, new ScheduleWhen.Weekly(EnumSet.allOf(DayOfWeek.class),
                LocalTime.of(18, 0), LocalTime.of(8, 0)), Map.of("Closure", "true"),
                Map.of("Welcome", Map.of("en-US", PromptText.voice("<speak>We are closed</speak>"))));
    }

    private static JsonNode statusAt(FlowConfig config, String now) {
        return ListStatus.evaluate(ListStatus.of(config, WRITTEN), Instant.parse(now));
    }

    @Test
    void aConfigWithoutSchedulesIsOpenOrClosedByItsOwnClosure() {
        assertEquals("{\"emergency\":null,\"hasSchedules\":false,\"scheduleCount\":0,\"activeSchedules\":[],"
                + "\"closed\":false}", statusAt(config("false", null), "2026-12-03T00:00:00Z").toString());
        assertTrue(statusAt(config("true", null), "2026-12-03T00:00:00Z").get("closed").asBoolean());
        assertEquals(false, statusAt(config(null, null), "2026-12-03T00:00:00Z").get("closed").asBoolean());
    }

    @Test
    void aScheduleIsActiveAndClosesInTheConfigsZoneAtTheTimeOfTheRequest() {
        FlowConfig config = config("false", "America/New_York", afterHours());

        JsonNode evening = statusAt(config, "2026-12-03T00:30:00Z"); // 19:30 in New York
        assertEquals("[\"after-hours\"]", evening.get("activeSchedules").toString());
        assertTrue(evening.get("closed").asBoolean());
        assertEquals(1, evening.get("scheduleCount").asInt());
        assertTrue(evening.get("hasSchedules").asBoolean());

        JsonNode noon = statusAt(config, "2026-12-03T17:00:00Z"); // 12:00 in New York
        assertEquals("[]", noon.get("activeSchedules").toString());
        assertEquals(false, noon.get("closed").asBoolean());
    }

    @Test
    void anEarlierScheduleWinsTheClosureAsInGetConfig() {
        Schedule open = new Schedule("late-opening", null, "UTC", new ScheduleWhen.Window(
                LocalDateTime.of(2026, 12, 3, 0, 0), LocalDateTime.of(2026, 12, 4, 0, 0)), Map.of("Closure", "false"),
                Map.of());
        JsonNode status = statusAt(config("false", "UTC", open, afterHours()), "2026-12-03T20:00:00Z");

        assertEquals("[\"late-opening\",\"after-hours\"]", status.get("activeSchedules").toString());
        assertEquals(false, status.get("closed").asBoolean());
    }

    @Test
    void anEmergencyIsShownWhileItIsOnWithItsEnd() {
        Schedule until = new Schedule("emergency", "Fire alarm", "UTC", new ScheduleWhen.Window(
                LocalDateTime.of(2026, 12, 2, 14, 0), LocalDateTime.of(2026, 12, 2, 18, 0)),
                Map.of("Closure", "true"), Map.of());
        FlowConfig config = config("false", "America/New_York", until, afterHours());

        JsonNode during = statusAt(config, "2026-12-02T15:00:00Z");
        assertEquals("{\"until\":\"2026-12-02T18:00:00Z\"}", during.get("emergency").toString());
        assertTrue(during.get("closed").asBoolean());
        assertEquals("[\"emergency\"]", during.get("activeSchedules").toString());
        assertTrue(statusAt(config, "2026-12-02T18:00:00Z").get("emergency").isNull());

        Schedule open = new Schedule("emergency", null, "UTC", new ScheduleWhen.Window(
                LocalDateTime.of(2026, 12, 2, 14, 0), null), Map.of("Closure", "true"), Map.of());
        assertEquals("{\"until\":null}", statusAt(config("false", null, open), "2027-06-01T00:00:00Z")
                .get("emergency").toString());
    }

    @Test
    void theSummaryKeepsNoPromptsNorSchedulesThatCanNoLongerBeActive() {
        Schedule ended = new Schedule("last-week", null, "UTC", new ScheduleWhen.Window(
                LocalDateTime.of(2026, 11, 20, 0, 0), LocalDateTime.of(2026, 11, 27, 0, 0)), Map.of(), Map.of());
        Schedule holidays = new Schedule("holidays", null, null, new ScheduleWhen.Dates(List.of(
                new ScheduleWhen.ScheduledDate(LocalDate.of(2026, 1, 1), null, null),
                new ScheduleWhen.ScheduledDate(LocalDate.of(2026, 12, 25), null, null))), Map.of("Closure", "true"),
                Map.of());
        FlowConfig config = config("false", "Europe/Paris", ended, holidays, afterHours());

        String summary = ListStatus.of(config, WRITTEN);
        assertTrue(!summary.contains("last-week") && !summary.contains("2026-01-01") && !summary.contains("Welcome")
                && !summary.contains("RoutingMode") && summary.contains("2026-12-25"), summary);
        JsonNode christmas = ListStatus.evaluate(summary, Instant.parse("2026-12-25T11:00:00Z"));
        assertEquals(3, christmas.get("scheduleCount").asInt());
        assertEquals("[\"holidays\"]", christmas.get("activeSchedules").toString());
        assertTrue(christmas.get("closed").asBoolean());
    }

    @Test
    void manyFutureDatesAreCutToTheBudgetAndTheStatusIsUnknownPastWhatWasKept() {
        List<ScheduleWhen.ScheduledDate> dates = new ArrayList<>();
        for (int day = 0; day < 1_000; day++) {
            dates.add(new ScheduleWhen.ScheduledDate(LocalDate.of(2027, 1, 1).plusDays(day * 3L), LocalTime.of(9, 0),
                    LocalTime.of(10, 0)));
        }
        Schedule many = new Schedule("maintenance", null, "UTC", new ScheduleWhen.Dates(dates),
                Map.of("Closure", "true"), Map.of());
        String summary = ListStatus.of(config("false", "UTC", many, afterHours()), WRITTEN);

        assertNotNull(summary);
        assertTrue(summary.getBytes(StandardCharsets.UTF_8).length <= ListStatus.MAX_BYTES, summary.length() + " B");
        Instant horizon = Instant.parse(parse(summary).get("horizon").asText());
        assertTrue(horizon.isAfter(Instant.parse("2027-01-01T09:00:00Z")), horizon.toString());
        JsonNode first = ListStatus.evaluate(summary, Instant.parse("2027-01-01T09:30:00Z"));
        assertEquals("[\"maintenance\"]", first.get("activeSchedules").toString());
        assertTrue(first.get("closed").asBoolean());
        assertNull(ListStatus.evaluate(summary, horizon), "past what the summary kept, the status is unknown");
        assertNotNull(ListStatus.evaluate(summary, horizon.minusSeconds(1)));
    }

    @Test
    void theMostWeeklySchedulesAConfigMayHoldFitWhole() {
        Schedule[] schedules = new Schedule[Schedule.MAX_SCHEDULES];
        for (int s = 0; s < schedules.length; s++) {
            schedules[s] = new Schedule(("s" + s + "_").repeat(30).substring(0, 64), null,
                    "America/Argentina/Buenos_Aires", new ScheduleWhen.Weekly(EnumSet.allOf(DayOfWeek.class),
                            LocalTime.of(0, 0), LocalTime.of(0, 0)), Map.of("Closure", "true"), Map.of());
        }
        String summary = ListStatus.of(config("false", "UTC", schedules), WRITTEN);

        assertNotNull(summary);
        assertTrue(!summary.contains("horizon"), summary);
        JsonNode status = ListStatus.evaluate(summary, Instant.parse("2027-03-01T12:00:00Z"));
        assertEquals(Schedule.MAX_SCHEDULES, status.get("activeSchedules").size());
        assertTrue(status.get("closed").asBoolean());
    }

    @Test
    void noSummaryOrAnUnreadableOneHasNoStatus() {
        assertNull(ListStatus.evaluate(null, WRITTEN));
        assertNull(ListStatus.evaluate("not json", WRITTEN));
        assertNull(ListStatus.evaluate("{\"scheduleCount\":1,\"schedules\":[{\"name\":\"x\",\"when\":{}}]}",
                WRITTEN));
    }

    private static JsonNode parse(String json) {
        try {
            return FlowConfigJson.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
