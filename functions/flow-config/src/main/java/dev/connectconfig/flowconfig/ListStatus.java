package dev.connectconfig.flowconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.connectconfig.core.calendar.HolidayCalendar;
import dev.connectconfig.core.json.FlowConfigJson;
import dev.connectconfig.core.json.ScheduleJson;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.model.Schedule;
import dev.connectconfig.core.model.ScheduleWhen;
import dev.connectconfig.core.schedule.ScheduleCalendar;
import dev.connectconfig.core.schedule.ScheduledConfig;
import dev.connectconfig.core.validation.Violation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the list shows of a config's state (in an emergency until when, schedules active now, closed) without reading
 * the config: a small summary kept on its item at every write, in {@link #ATTRIBUTE} (projected into the catalog's
 * {@code catalog-status} index), and evaluated at the time of each request by the same schedule code GetConfig runs
 * ({@link ScheduledConfig#at}).
 *
 * <p>The summary is the config's time zone, the value of its {@code Closure} variable, its schedule count and, of
 * each schedule that can still be active, its name, zone, {@code when} and the {@code Closure} value it sets: no
 * prompts, no other variables, no dates already past. Kept within {@link #MAX_BYTES}: when a config lists more future
 * dates than fit, the latest are left out and the summary says until when it is exact ({@code horizon}); after that
 * the config's status is unknown (null) until its next write. A config written before summaries existed has none,
 * and its status is null too.
 */
final class ListStatus {

    /** The item attribute holding the summary, as compact JSON text. */
    static final String ATTRIBUTE = "listStatus";
    /**
     * Room for every weekly and window schedule a config may hold (50 of at most about 250 bytes each): only long
     * lists of future dates are ever cut. A typical summary is a few hundred bytes, so a list page of 100 reads tens
     * of KB; the catalog pages past DynamoDB's 1 MB for the rare page of large ones.
     */
    static final int MAX_BYTES = 16 * 1024;
    /** The boolean variable the sample flow closes the queue with: {@code true} is "closed". */
    static final String CLOSURE = "Closure";

    private ListStatus() {
    }

    /** The summary of {@code config} as written at {@code at}; null when even its schedules' names do not fit. */
    static String of(FlowConfig config, Instant at) {
        List<Schedule> kept = new ArrayList<>();
        for (Schedule schedule : config.schedules()) {
            Schedule summary = summary(config, schedule, at);
            if (summary != null) {
                kept.add(summary);
            }
        }
        String whole = encode(config, kept, null);
        if (bytes(whole) <= MAX_BYTES) {
            return whole;
        }
        // Too many future dates: keep the earliest that fit, and say from when the summary no longer knows.
        List<DateEntry> entries = new ArrayList<>();
        for (int s = 0; s < kept.size(); s++) {
            if (kept.get(s).when() instanceof ScheduleWhen.Dates dates) {
                ZoneId zone = ScheduledConfig.zone(config, kept.get(s));
                for (ScheduleWhen.ScheduledDate date : dates.dates()) {
                    entries.add(new DateEntry(s, date, ScheduleCalendar.instant(date.date().atTime(
                            date.start() == null ? LocalTime.MIDNIGHT : date.start()), zone)));
                }
            }
        }
        entries.sort(Comparator.comparing(DateEntry::start));
        int low = 0;
        int high = entries.size() - 1;
        String best = null;
        while (low <= high) {
            int count = (low + high) >>> 1;
            String candidate = encode(config, truncated(kept, entries.subList(0, count)),
                    entries.get(count).start());
            if (bytes(candidate) <= MAX_BYTES) {
                best = candidate;
                low = count + 1;
            } else {
                high = count - 1;
            }
        }
        return best;
    }

    /** One listed date of a kept schedule and when it starts. */
    private record DateEntry(int schedule, ScheduleWhen.ScheduledDate date, Instant start) {
    }

    /**
     * The status at {@code now}, as the list answers it: {@code {"emergency": {"until"} | null, "hasSchedules",
     * "scheduleCount", "activeSchedules", "closed"}}; null without a readable summary or past its horizon.
     */
    static ObjectNode evaluate(String summary, Instant now) {
        return evaluate(summary, now, Map.of());
    }

    /**
     * As {@link #evaluate(String, Instant)}, with the calendars the summary's schedules name as they are now (a
     * schedule on a calendar missing here is not active).
     */
    static ObjectNode evaluate(String summary, Instant now, Map<String, HolidayCalendar> calendars) {
        return evaluate(read(summary, now), now, calendars);
    }

    /** As {@link #evaluate(String, Instant, Map)}, for a summary already {@link #read}. */
    static ObjectNode evaluate(Stored kept, Instant now, Map<String, HolidayCalendar> calendars) {
        if (kept == null) {
            return null;
        }
        FlowConfig base = kept.config();
        List<Schedule> schedules = base.schedules();
        if (base.usesCalendars()) {
            base = base.withCalendars(calendars);
        }
        ScheduledConfig at = ScheduledConfig.at(base, now);
        ObjectNode status = FlowConfigJson.MAPPER.createObjectNode();
        ObjectNode emergency = null;
        for (Schedule schedule : schedules) {
            if (EmergencySwitch.NAME.equals(schedule.name()) && at.activeNames().contains(schedule.name())) {
                // The switch writes a window; it runs until its end, or until ended when it has none.
                LocalDateTime end = schedule.when() instanceof ScheduleWhen.Window window ? window.to() : null;
                emergency = FlowConfigJson.MAPPER.createObjectNode().put("until", end == null ? null
                        : ScheduleCalendar.instant(end, ScheduledConfig.zone(base, schedule)).toString());
            }
        }
        status.set("emergency", emergency);
        int count = kept.scheduleCount();
        status.put("hasSchedules", count > 0).put("scheduleCount", count);
        ArrayNode active = status.putArray("activeSchedules");
        at.activeNames().forEach(active::add);
        status.put("closed", "true".equals(at.config().variables().get(CLOSURE)));
        return status;
    }

    /**
     * A summary read back: a config holding only its zone, Closure value and kept schedules, and its count. Its
     * {@link #calendarIds} are what the list reads once for a page.
     */
    record Stored(FlowConfig config, int scheduleCount) {

        List<String> calendarIds() {
            return config.calendarIds();
        }
    }

    /** The summary read back; null without a readable summary or past its horizon. */
    static Stored read(String summary, Instant now) {
        if (summary == null) {
            return null;
        }
        JsonNode stored;
        try {
            stored = FlowConfigJson.MAPPER.readTree(summary);
        } catch (IOException e) {
            return null;
        }
        if (stored == null || !stored.isObject() || (stored.hasNonNull("horizon")
                && !now.isBefore(Instant.parse(stored.get("horizon").textValue())))) {
            return null;
        }
        List<Violation> problems = new ArrayList<>();
        List<Schedule> schedules = ScheduleJson.fromJson(stored.get("schedules"), "schedules", problems);
        if (!problems.isEmpty()) {
            return null;
        }
        Map<String, String> variables = new LinkedHashMap<>();
        if (stored.hasNonNull("closure")) {
            variables.put(CLOSURE, stored.get("closure").textValue());
        }
        return new Stored(new FlowConfig("status", null, variables, Map.of(), Map.of(), null, 0, null, null,
                stored.path("timeZone").textValue(), schedules), stored.path("scheduleCount").asInt());
    }

    /**
     * What the summary keeps of {@code schedule} written at {@code at}: its name, zone, when and the Closure it
     * sets; null when it can never be active again (a window that ended, dates all past).
     */
    private static Schedule summary(FlowConfig config, Schedule schedule, Instant at) {
        ZoneId zone = ScheduledConfig.zone(config, schedule);
        // A day's range may run into the next day: dates from the day before today (in its zone) can still be on.
        LocalDate firstDay = at.atZone(zone).toLocalDate().minusDays(1);
        ScheduleWhen when = switch (schedule.when()) {
            case ScheduleWhen.Window window -> window.to() != null
                    && !ScheduleCalendar.instant(window.to(), zone).isAfter(at) ? null : window;
            case ScheduleWhen.Weekly weekly -> weekly;
            // The reference only: the list reads the calendar as it is now (one read per page, not per row).
            case ScheduleWhen.OnCalendar onCalendar -> new ScheduleWhen.OnCalendar(onCalendar.calendarId(),
                    onCalendar.entries(), null);
            case ScheduleWhen.Dates dates -> {
                List<ScheduleWhen.ScheduledDate> future = dates.dates().stream()
                        .filter(date -> !date.date().isBefore(firstDay)).toList();
                yield future.isEmpty() ? null : new ScheduleWhen.Dates(future);
            }
        };
        if (when == null) {
            return null;
        }
        Map<String, String> closure = schedule.variables().containsKey(CLOSURE)
                ? Map.of(CLOSURE, schedule.variables().get(CLOSURE)) : Map.of();
        return new Schedule(schedule.name(), null, schedule.timeZone(), when, closure, Map.of());
    }

    /** The kept schedules with only {@code dates} of their listed dates; a Dates schedule left with none goes. */
    private static List<Schedule> truncated(List<Schedule> kept, List<DateEntry> dates) {
        Set<ScheduleWhen.ScheduledDate> keep = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Integer> withDates = new HashSet<>();
        for (DateEntry entry : dates) {
            keep.add(entry.date());
            withDates.add(entry.schedule());
        }
        List<Schedule> schedules = new ArrayList<>();
        for (int s = 0; s < kept.size(); s++) {
            Schedule schedule = kept.get(s);
            if (schedule.when() instanceof ScheduleWhen.Dates all) {
                if (withDates.contains(s)) {
                    schedules.add(new Schedule(schedule.name(), null, schedule.timeZone(), new ScheduleWhen.Dates(
                            all.dates().stream().filter(keep::contains).toList()), schedule.variables(), Map.of()));
                }
            } else {
                schedules.add(schedule);
            }
        }
        return schedules;
    }

    private static String encode(FlowConfig config, List<Schedule> kept, Instant horizon) {
        ObjectNode summary = FlowConfigJson.MAPPER.createObjectNode();
        summary.put("scheduleCount", config.schedules().size());
        if (config.timeZone() != null) {
            summary.put("timeZone", config.timeZone());
        }
        if (config.variables().containsKey(CLOSURE)) {
            summary.put("closure", config.variables().get(CLOSURE));
        }
        if (horizon != null) {
            summary.put("horizon", horizon.toString());
        }
        ArrayNode schedules = summary.putArray("schedules");
        kept.forEach(schedule -> schedules.add(ScheduleJson.toJson(schedule)));
        return summary.toString();
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
