package dev.connectconfig.usersexport;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which day to export, read from the invocation's event: the EventBridge schedule's own {@code time} (UTC), so a late
 * or retried delivery still writes the day it was scheduled for, or {@code {"date": "YYYY-MM-DD"}} for a backfill.
 */
record ExportRequest(LocalDate date, Trigger trigger) {

    enum Trigger { SCHEDULE, BACKFILL }

    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Set<String> BACKFILL_KEYS = Set.of("date");
    /** Where and how the export is written: the template's choice (EXPORT_BUCKET, ...), never an event's. */
    private static final Set<String> DESTINATION_KEYS = Set.of("bucket", "prefix", "key", "format", "columns");
    private static final String EXPECTED = "Expected an EventBridge scheduled event or {\"date\": \"YYYY-MM-DD\"}.";

    /**
     * The request in {@code event}; {@code today} (UTC) bounds the day, which cannot be one that has not started yet.
     * An event can name a day and nothing else: the bucket, prefix, format and columns are the template's.
     */
    static ExportRequest from(Map<String, Object> event, LocalDate today) {
        if (event == null || event.isEmpty()) {
            throw invalid("The event is empty. " + EXPECTED);
        }
        List<String> destination = event.keySet().stream().filter(DESTINATION_KEYS::contains).sorted().toList();
        if (!destination.isEmpty()) {
            throw invalid("Where the export is written comes from the function's configuration (EXPORT_BUCKET,"
                    + " EXPORT_PREFIX, EXPORT_FORMAT, EXPORT_COLUMNS), never from an event; remove " + destination
                    + ". " + EXPECTED);
        }
        if (event.containsKey("date")) {
            return backfill(event, today);
        }
        if ("Scheduled Event".equals(event.get("detail-type")) && "aws.events".equals(event.get("source"))) {
            return scheduled(event.get("time"), today);
        }
        throw invalid("The event is neither a scheduled event nor a backfill request. " + EXPECTED);
    }

    private static ExportRequest backfill(Map<String, Object> event, LocalDate today) {
        if (!BACKFILL_KEYS.containsAll(event.keySet())) {
            throw invalid("A backfill request has only the key \"date\"; remove " + event.keySet().stream()
                    .filter(k -> !BACKFILL_KEYS.contains(k)).sorted().toList() + ".");
        }
        Object value = event.get("date");
        if (!(value instanceof String text) || !ISO_DATE.matcher(text).matches()) {
            throw invalid("\"date\" must be a day as YYYY-MM-DD, for example \"2025-01-15\".");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid("\"date\" " + text + " is not a day of the calendar.");
        }
        if (date.isAfter(today)) {
            throw invalid("\"date\" " + text + " is in the future (today is " + today + " UTC).");
        }
        return new ExportRequest(date, Trigger.BACKFILL);
    }

    private static ExportRequest scheduled(Object time, LocalDate today) {
        if (!(time instanceof String text)) {
            throw invalid("The scheduled event has no \"time\".");
        }
        LocalDate date;
        try {
            date = Instant.parse(text).atZone(ZoneOffset.UTC).toLocalDate();
        } catch (DateTimeParseException e) {
            throw invalid("The scheduled event's \"time\" is not an ISO-8601 instant.");
        }
        // EventBridge never delivers a schedule early; a day that has not started comes from a hand-made event.
        if (date.isAfter(today)) {
            throw invalid("The scheduled event's \"time\" " + text + " is in the future (today is " + today
                    + " UTC).");
        }
        return new ExportRequest(date, Trigger.SCHEDULE);
    }

    private static ExportFailedException invalid(String message) {
        return new ExportFailedException(ExportFailedException.Reason.INVALID_REQUEST, message);
    }
}
