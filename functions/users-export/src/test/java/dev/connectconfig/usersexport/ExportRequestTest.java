package dev.connectconfig.usersexport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectconfig.engines.RepoFiles;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExportRequestTest {

    private static final LocalDate TODAY = LocalDate.parse("2025-01-20");

    private static ExportFailedException rejected(Map<String, Object> event) {
        ExportFailedException e = assertThrows(ExportFailedException.class, () -> ExportRequest.from(event, TODAY));
        assertEquals(ExportFailedException.Reason.INVALID_REQUEST, e.reason());
        return e;
    }

    @Test
    void theScheduleEventsOwnTimeGivesTheDayNotTheClock() {
        ExportRequest request = ExportRequest.from(RepoFiles.eventMap("events/users-export/schedule.json"), TODAY);

        assertEquals(new ExportRequest(LocalDate.parse("2025-01-15"), ExportRequest.Trigger.SCHEDULE), request);
    }

    @Test
    void theDayIsTakenInUtc() {
        Map<String, Object> event = new HashMap<>(RepoFiles.eventMap("events/users-export/schedule.json"));
        event.put("time", "2025-01-15T23:59:59Z");
        assertEquals(LocalDate.parse("2025-01-15"), ExportRequest.from(event, TODAY).date());

        event.put("time", "2025-01-16T00:00:00Z");
        assertEquals(LocalDate.parse("2025-01-16"), ExportRequest.from(event, TODAY).date());
    }

    @Test
    void aBackfillEventNamesItsDay() {
        ExportRequest request = ExportRequest.from(RepoFiles.eventMap("events/users-export/backfill.json"), TODAY);

        assertEquals(new ExportRequest(LocalDate.parse("2025-01-10"), ExportRequest.Trigger.BACKFILL), request);
        assertEquals(TODAY, ExportRequest.from(Map.of("date", TODAY.toString()), TODAY).date(), "today is allowed");
    }

    @Test
    void aBackfillDateMustBeARealPastDayWrittenAsIso() {
        assertTrue(rejected(Map.of("date", "2025-02-30")).getMessage().contains("not a day of the calendar"));
        assertTrue(rejected(Map.of("date", "2025-1-5")).getMessage().contains("YYYY-MM-DD"));
        rejected(Map.of("date", 20250115));
        rejected(Map.of("date", "2025-01-15T00:00:00Z"));
        assertTrue(rejected(Map.of("date", "2025-01-21")).getMessage().contains("in the future"));
    }

    @Test
    void aBackfillRequestCarriesNothingElse() {
        ExportFailedException e = rejected(Map.of("date", "2025-01-10", "table", "users; DROP TABLE users"));

        assertTrue(e.getMessage().contains("[table]"), e.getMessage());
    }

    @Test
    void otherEventsAreRejectedWithWhatIsExpected() {
        assertTrue(rejected(Map.of()).getMessage().contains("{\"date\": \"YYYY-MM-DD\"}"));
        rejected(Map.of("detail-type", "Object Created", "source", "aws.s3", "time", "2025-01-15T02:00:00Z"));
        rejected(Map.of("detail-type", "Scheduled Event", "source", "aws.events"));
        rejected(Map.of("detail-type", "Scheduled Event", "source", "aws.events", "time", "yesterday"));
    }

    @Test
    void aScheduledEventForADayThatHasNotStartedIsRefused() {
        Map<String, Object> event = new HashMap<>(RepoFiles.eventMap("events/users-export/schedule.json"));
        event.put("time", "2025-01-21T02:00:00Z");

        ExportFailedException e = rejected(event);

        assertEquals("INVALID_REQUEST: The scheduled event's \"time\" 2025-01-21T02:00:00Z is in the future"
                + " (today is 2025-01-20 UTC).", e.getMessage());
        event.put("time", "2025-01-20T02:00:00Z");
        assertEquals(TODAY, ExportRequest.from(event, TODAY).date(), "today's run is allowed");
    }

    @Test
    void anEventCannotChooseWhereTheExportIsWritten() {
        ExportFailedException backfill = rejected(Map.of("date", "2025-01-10", "bucket", "someone-elses-bucket",
                "prefix", "uploads"));
        Map<String, Object> schedule = new HashMap<>(RepoFiles.eventMap("events/users-export/schedule.json"));
        schedule.put("bucket", "someone-elses-bucket");

        assertTrue(backfill.getMessage().startsWith("INVALID_REQUEST: Where the export is written comes from the"
                + " function's configuration (EXPORT_BUCKET, EXPORT_PREFIX, EXPORT_FORMAT, EXPORT_COLUMNS), never from an event;"
                + " remove [bucket, prefix]."), backfill.getMessage());
        assertTrue(rejected(schedule).getMessage().contains("remove [bucket]"));
    }
}
