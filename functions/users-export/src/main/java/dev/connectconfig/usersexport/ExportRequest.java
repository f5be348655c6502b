package dev.connectconfig.usersexport;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
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
    private static final String EXPECTED = "Expected an EventBridge scheduled event or {\"date\": \"YYYY-MM-DD\"}.";

    /**
     * The request in {@code event}; {@code today} (UTC) bounds a backfill, which cannot be for a day that has not
     * started yet.
     */
    static ExportRequest from(Map<String, Object> event, LocalDate today) {
        if (event == null || event.isEmpty()) {
            throw invalid("The event is empty. " + EXPECTED);
        }
        if (event.containsKey("date")) {
            return backfill(event, today);
        }
        if ("Scheduled Event".equals(event.get("detail-type")) && "aws.events".equals(event.get("source"))) {
            return scheduled(event.get("time"));
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

    private static ExportRequest scheduled(Object time) {
        if (!(time instanceof String text)) {
            throw invalid("The scheduled event has no \"time\".");
        }
        try {
            return new ExportRequest(Instant.parse(text).atZone(ZoneOffset.UTC).toLocalDate(), Trigger.SCHEDULE);
        } catch (DateTimeParseException e) {
            throw invalid("The scheduled event's \"time\" is not an ISO-8601 instant.");
        }
    }

    private static ExportFailedException invalid(String message) {
        return new ExportFailedException(ExportFailedException.Reason.INVALID_REQUEST, message);
    }
}
